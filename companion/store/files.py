"""The names of the files a data folder holds (importing this loads no database code)."""

from __future__ import annotations

#: The encrypted SQLCipher database; its WAL and shared-memory files sit beside it.
DATABASE_FILE_NAME = "companion.db"

#: The backups folder inside the data folder (unless staff chose another one).
BACKUPS_FOLDER_NAME = "backups"
