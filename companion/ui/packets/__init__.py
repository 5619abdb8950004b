"""Hearing packets on the desk: the packet dialog and its choices, the preview, printing and saving, docket batches."""
