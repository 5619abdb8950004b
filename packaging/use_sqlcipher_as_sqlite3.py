"""PyInstaller runtime hook: sqlite-utils imports the standard ``sqlite3`` module (for its
types and error classes) though every connection the app makes is a SQLCipher one. The
bundle leaves the standard module and its library out (1.5 MB) and gives sqlite-utils
SQLCipher's module under that name, which has the same interface."""

import sys

import sqlcipher3
import sqlcipher3.dbapi2

sys.modules.setdefault("sqlite3", sqlcipher3)
sys.modules.setdefault("sqlite3.dbapi2", sqlcipher3.dbapi2)
