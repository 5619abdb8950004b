"""Data out of the store: spreadsheet and calendar exports, and the encrypted handoff.

Plain Python: the CLI drives it now, and a Qt dialog can drive it the same way (each
function takes a store and options and returns a result object, never printing).
"""
