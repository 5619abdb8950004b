"""Opening and closing the desk: setup, unlock, recovery sheet, locking, single instance."""
