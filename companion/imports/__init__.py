"""Importing people, cases and hearings from the spreadsheets offices already keep (issue 18).

Plain Python: ``reading`` turns a CSV or ``.xlsx`` file into a table, ``mapping`` says which
column holds what, ``values`` reads the cells as offices write them, ``plan`` works out
what an import would do (the dry run), and ``batches`` writes it in one transaction and
undoes it. A wizard drives the same steps with a progress callback and a cancel flag.
"""
