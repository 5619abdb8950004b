"""The domain: records, their rules and validation. Plain Python."""
