"""Small widgets shared by the windows and dialogs of the desktop app."""
