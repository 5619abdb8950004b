"""``companion search``: the desk's own people search, for scripts and checks."""

from __future__ import annotations

import json

from companion.cli.terminal_text import one_line
from companion.i18n.catalog import Translator
from companion.store.people import PersonSummary


def search_json(people: list[PersonSummary]) -> str:
    """One object per person, best match first."""
    return json.dumps(
        [
            {
                "id": person.id,
                "display_name": person.display_name,
                "native_name": person.native_name,
                "language": person.language,
            }
            for person in people
        ],
        ensure_ascii=False,
        indent=2,
    )


def search_text(people: list[PersonSummary], typed: str, t: Translator) -> str:
    """One line per person (number, name, name in own script, language), best match first."""
    if not people:
        return t.gettext("Nobody matches “{text}”.").format(text=one_line(typed))
    return "\n".join(
        "\t".join(
            (
                str(person.id),
                one_line(person.display_name),
                one_line(person.native_name),
                one_line(person.language),
            )
        )
        for person in people
    )
