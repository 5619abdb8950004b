"""Keeping records safe: backups and restore, retention review, the audit trail."""
