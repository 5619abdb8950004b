"""The guidance reader: courthouse-safety topics on screen in the witness's language."""
