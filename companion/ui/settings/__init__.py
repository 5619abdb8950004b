"""Settings staff change: personal preferences and the office's organisation settings."""
