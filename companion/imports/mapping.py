"""Which column holds what: guessed from English and Spanish header names, adjusted by
staff, and saved under a name for next week's export."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from companion.imports.errors import UnknownMappingError
from companion.store.database import Database
from companion.store.identity import new_uid

# What a column can hold. "notes" gathers unknown columns staff choose to keep.
FIELDS = (
    "external_id",
    "given_name",
    "family_name",
    "full_name",
    "native_name",
    "date_of_birth",
    "role",
    "language",
    "needs_interpreter",
    "phone",
    "email",
    "docket_number",
    "court",
    "hearing_date",
    "hearing_time",
    "hearing_type",
    "courthouse",
    "courtroom",
    "must_testify",
    "notes",
)

#: Header names (folded: lower case, no accents, letters and digits only) for each field.
_NAMES: dict[str, tuple[str, ...]] = {
    "external_id": (
        "id",
        "personid",
        "externalid",
        "clientid",
        "victimid",
        "witnessid",
        "partyid",
        "contactid",
        "idpersona",
        "idvictima",
        "idtestigo",
        "numerodecliente",
    ),
    "given_name": ("firstname", "givenname", "first", "nombre", "nombres", "primernombre"),
    "family_name": (
        "lastname",
        "familyname",
        "surname",
        "last",
        "apellido",
        "apellidos",
    ),
    "full_name": ("name", "fullname", "nombrecompleto", "victimname", "witnessname"),
    "native_name": ("nativename", "nameinownscript", "nombrenativo"),
    "date_of_birth": (
        "dob",
        "dateofbirth",
        "birthdate",
        "birthday",
        "fechadenacimiento",
        "fnac",
        "nacimiento",
    ),
    "role": ("role", "type", "partytype", "victimwitness", "rol", "papel", "tipo"),
    "language": ("language", "primarylanguage", "preferredlanguage", "idioma", "lengua"),
    "needs_interpreter": (
        "interpreterneeded",
        "interpreter",
        "needsinterpreter",
        "interpreterrequired",
        "interprete",
        "necesitainterprete",
        "requiereinterprete",
    ),
    "phone": (
        "phone",
        "cell",
        "cellphone",
        "mobile",
        "mobilephone",
        "phonenumber",
        "telephone",
        "homephone",
        "telefono",
        "celular",
        "movil",
        "numerodetelefono",
    ),
    "email": ("email", "emailaddress", "email1", "correo", "correoelectronico"),
    "docket_number": (
        "casenumber",
        "docket",
        "docketnumber",
        "caseno",
        "case",
        "courtcasenumber",
        "numerodecaso",
        "expediente",
        "numerodeexpediente",
        "causa",
        "caso",
    ),
    "court": ("court", "courtname", "tribunal", "juzgado", "corte"),
    "hearing_date": (
        "hearingdate",
        "courtdate",
        "date",
        "nextcourtdate",
        "eventdate",
        "fecha",
        "fechadeaudiencia",
        "fechadecorte",
        "fechadelaaudiencia",
    ),
    "hearing_time": (
        "time",
        "hearingtime",
        "courttime",
        "starttime",
        "hora",
        "horadeaudiencia",
    ),
    "hearing_type": (
        "hearingtype",
        "eventtype",
        "event",
        "proceeding",
        "tipodeaudiencia",
        "audiencia",
    ),
    "courthouse": ("courthouse", "location", "courtlocation", "building", "sede", "edificio"),
    "courtroom": ("courtroom", "dept", "department", "room", "sala", "departamento", "aula"),
    "must_testify": (
        "musttestify",
        "testify",
        "subpoenaed",
        "subpoena",
        "debetestificar",
        "citado",
    ),
    "notes": ("notes", "note", "comments", "comment", "notas", "comentarios", "observaciones"),
}

#: The orders a date column's numbers can be in (as ``companion.imports.values.ORDERS``).
DATE_ORDERS = ("mdy", "dmy", "ymd")

#: Words in front of a field's name that say whose it is ("Victim First Name").
_PREFIXES = ("victim", "witness", "victima", "testigo", "client", "cliente", "person", "party")

_GUESSES = {name: field for field, names in _NAMES.items() for name in names}


def fold_header(header: str) -> str:
    decomposed = unicodedata.normalize("NFKD", header.casefold())
    return re.sub(r"[^a-z0-9]", "", "".join(ch for ch in decomposed if ch.isascii()))


def guess_field(header: str) -> str | None:
    folded = fold_header(header)
    if folded in _GUESSES:
        return _GUESSES[folded]
    for prefix in _PREFIXES:
        if folded.startswith(prefix) and folded[len(prefix) :] in _GUESSES:
            return _GUESSES[folded[len(prefix) :]]
    for suffix in _PREFIXES:  # "Nombre de la víctima", "Apellido testigo"
        for joint in ("dela", "del", "de", ""):
            tail = joint + suffix
            if folded.endswith(tail) and folded[: -len(tail)] in _GUESSES:
                return _GUESSES[folded[: -len(tail)]]
    return None


@dataclass
class Mapping:
    """Header name -> field; a header mapped to nothing is left out, unless
    ``unknown_to_notes`` sends every unmapped column to the person's notes."""

    columns: dict[str, str | None] = field(default_factory=dict)
    unknown_to_notes: bool = False
    name: str = ""
    #: The order staff said the file's ambiguous dates are in (mdy, dmy, ymd), kept with
    #: a saved mapping so that next week's export of the same shape is not asked again.
    date_order: str | None = None

    def to_json(self) -> str:
        data: dict[str, object] = {
            "columns": self.columns,
            "unknown_to_notes": self.unknown_to_notes,
        }
        if self.date_order:
            data["date_order"] = self.date_order
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, name: str = "") -> Mapping:
        data = json.loads(text)
        columns = {
            str(header): (str(value) if value in FIELDS else None)
            for header, value in dict(data.get("columns", {})).items()
        }
        order = data.get("date_order")
        return cls(
            columns,
            bool(data.get("unknown_to_notes", False)),
            name,
            order if order in DATE_ORDERS else None,
        )


def guess_mapping(headers: list[str]) -> Mapping:
    """Each header's likely field; the first column to claim a field keeps it."""
    columns: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        guessed = guess_field(header)
        if guessed in taken and guessed != "notes":
            guessed = None
        columns[header] = guessed
        if guessed:
            taken.add(guessed)
    return Mapping(columns)


def completed(mapping: Mapping, headers: list[str]) -> Mapping:
    """``mapping`` for these headers: saved columns kept, new ones guessed."""
    guessed = guess_mapping(headers)
    columns = {
        header: mapping.columns[header] if header in mapping.columns else guessed.columns[header]
        for header in headers
    }
    return Mapping(columns, mapping.unknown_to_notes, mapping.name, mapping.date_order)


def save_mapping(db: Database, name: str, mapping: Mapping) -> None:
    with db.atomic():
        if db.execute("SELECT 1 FROM import_mappings WHERE name = ?", [name]).fetchone():
            db.execute(
                "UPDATE import_mappings SET columns = ? WHERE name = ?", [mapping.to_json(), name]
            )
        else:
            db.execute(
                "INSERT INTO import_mappings (uid, name, columns) VALUES (?, ?, ?)",
                [new_uid(), name, mapping.to_json()],
            )


def load_mapping(db: Database, name: str) -> Mapping:
    found = db.execute("SELECT columns FROM import_mappings WHERE name = ?", [name]).fetchone()
    if found is None:
        raise UnknownMappingError(name)
    return Mapping.from_json(str(found[0]), name)


def mapping_names(db: Database) -> list[str]:
    return [str(row[0]) for row in db.execute("SELECT name FROM import_mappings ORDER BY name")]
