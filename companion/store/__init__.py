"""The encrypted store. Plain Python: sqlite-utils on a SQLCipher connection."""
