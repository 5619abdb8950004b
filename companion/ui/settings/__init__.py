"""Settings staff change: the personal preferences and the office's organisation settings."""
