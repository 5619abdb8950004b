"""Add and edit dialogs for people, cases, courthouses, hearings and attendance."""
