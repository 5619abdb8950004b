"""The placeholders inside a message: ``{date}``, ``{0}``, ``%(count)d``, ``%s``.

A translation must keep every placeholder of its source string, or ``.format()``
fails (or, worse, prints the wrong value) at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ``{{`` and ``}}`` are literal braces, not placeholders.
_BRACE_ESCAPE = re.compile(r"\{\{|\}\}")
_BRACE_FIELD = re.compile(r"\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}")
_PERCENT_FIELD = re.compile(
    r"%(?:\((?P<name>[^)]+)\))?"  # optional mapping key
    r"[#0\-+]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"  # flags (no space: "100% sure"), width...
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)


@dataclass(frozen=True)
class Placeholders:
    """Named placeholders (order free) and positional ones (order fixed)."""

    named: frozenset[str]
    positional: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.named or self.positional)

    def __or__(self, other: Placeholders) -> Placeholders:
        return Placeholders(self.named | other.named, self.positional or other.positional)


def placeholders(text: str) -> Placeholders:
    """Every placeholder in ``text``.

    Named: ``{date}`` becomes ``{date}``, ``{count:d}`` becomes ``{count}``, ``%(n)d``
    becomes ``%(n)``. Positional: ``{}`` and ``{0}`` (brace style), ``%s``/``%d``.
    ``{{``, ``}}`` and ``%%`` are literal characters, not placeholders.
    """
    named: set[str] = set()
    positional: list[str] = []
    braces_removed = _BRACE_ESCAPE.sub("", text)
    for match in _BRACE_FIELD.finditer(braces_removed):
        field = match.group(1).strip()
        if field == "" or field.isdigit():
            positional.append("{" + field + "}")
        else:
            named.add("{" + field + "}")
    # A brace field's format spec ("{when:%H:%M}") is not a printf field.
    for match in _PERCENT_FIELD.finditer(_BRACE_FIELD.sub("", braces_removed)):
        conversion = match.group("conv")
        if conversion == "%":
            continue
        name = match.group("name")
        if name is not None:
            named.add(f"%({name})")
        else:
            positional.append("%" + conversion)
    return Placeholders(frozenset(named), tuple(positional))


def placeholder_problems(source: str | tuple[str, str], translation: str | tuple[str, ...]) -> str:
    """Why ``translation`` does not keep the placeholders of ``source`` ("" when it does).

    A plural entry's forms together must use exactly the placeholders of the
    source's plural, and no form may invent one. (A form used only for n = 1 may
    leave the count out, as in "One hearing".)
    """
    if isinstance(source, str):
        expected = placeholders(source)
        forms = (translation,) if isinstance(translation, str) else tuple(translation)
        for form in forms:
            found = placeholders(form)
            if found != expected:
                return _describe(expected, found, form)
        return ""
    singular, plural = source
    allowed = placeholders(singular) | placeholders(plural)
    required = placeholders(plural)
    forms = (translation,) if isinstance(translation, str) else tuple(translation)
    union = Placeholders(frozenset(), ())
    for form in forms:
        found = placeholders(form)
        union = union | found
        invented = found.named - allowed.named
        if invented:
            return f"{form!r} uses {sorted(invented)} which the source does not have"
    missing = required.named - union.named
    if missing:
        return f"no plural form uses {sorted(missing)}"
    return ""


def _describe(expected: Placeholders, found: Placeholders, form: str) -> str:
    missing = sorted(expected.named - found.named)
    extra = sorted(found.named - expected.named)
    parts = []
    if missing:
        parts.append(f"missing {missing}")
    if extra:
        parts.append(f"unknown {extra}")
    if expected.positional != found.positional:
        parts.append(f"positional {list(expected.positional)} became {list(found.positional)}")
    return f"{form!r}: " + ", ".join(parts)
