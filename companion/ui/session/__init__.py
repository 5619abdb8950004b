"""Opening and closing the desk: first-run setup, unlock, the recovery sheet, locking, idle and system-lock events, one instance per data folder."""
