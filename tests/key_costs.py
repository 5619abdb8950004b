"""The light key derivation tests use for stores they make (see ``tests/conftest.py``)."""

#: Argon2id with one pass over 1 MiB and one lane: quick, and still the real derivation.
QUICK_PASSPHRASE_COST_VALUES = (1, 1024, 1)
