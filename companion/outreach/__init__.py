"""Outreach: the contact log, needs per hearing, the reminder schedule, the words to say,
leave or send in the witness's language, and the office's attendance record.

Plain Python: the store keeps the records (``companion.store.outreach``); the views and
the command line build on what is here.
"""
