"""Keeping records safe: backups and restore, retention review and the audit trail."""
