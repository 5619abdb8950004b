"""For developers only, never shown to users: the screenshot gallery, the self-test page."""
