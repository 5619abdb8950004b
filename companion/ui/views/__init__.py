"""The main window's views: agenda, people, a person's page and courthouses."""
