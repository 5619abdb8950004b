"""Hearing packets: the packet dialog and its choices, preview, print and save, dockets."""
