"""The desk's frame: the application start, the main window, its menus and actions, language switching and the features it installs."""
