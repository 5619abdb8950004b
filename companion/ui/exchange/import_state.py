"""What the import wizard's pages share: the file read, the mapping, the answers staff
gave, the dry run and the batch written; and the pages' ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from companion.imports.mapping import Mapping
from companion.imports.plan import Plan
from companion.imports.questions import AmbiguousColumn
from companion.imports.reading import Table
from companion.store.store import Store

FILE, FORMAT, COLUMNS, DATE_ORDER, PREVIEW, DONE = range(6)
#: Rows of the file shown under the headers and the guessed mapping.
PREVIEW_ROWS = 20


@dataclass
class ImportState:
    store: Store
    path: Path | None = None
    table: Table | None = None
    mapping: Mapping = field(default_factory=Mapping)
    ambiguous: list[AmbiguousColumn] = field(default_factory=list)
    date_order: str | None = None
    plan: Plan | None = None
    #: Row number -> stored person id, for the doubtful matches staff confirmed.
    confirmed: dict[int, int] = field(default_factory=dict)
    batch_id: int | None = None
    #: True while the import is being written: the wizard cannot be closed meanwhile.
    writing: bool = False
