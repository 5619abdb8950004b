"""The ``companion`` command: the desktop app, and subcommands for office IT and scripts."""
