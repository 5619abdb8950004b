"""For developers only, never shown to users: the screenshot gallery and the self-test page."""
