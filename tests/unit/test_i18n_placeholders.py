"""Finding placeholders, and telling when a translation lost or invented one."""

from __future__ import annotations

from companion.i18n.placeholders import placeholder_problems, placeholders


def test_named_and_positional_placeholders() -> None:
    found = placeholders("On {date:%d} at {time}, %(count)d of %s {} {0} %% {{literal}}")
    assert found.named == frozenset({"{date}", "{time}", "%(count)"})
    assert found.positional == ("{}", "{0}", "%s")


def test_text_without_placeholders() -> None:
    assert not placeholders("100% sure, {{not a field}}")


def test_reordered_named_placeholders_are_fine() -> None:
    assert placeholder_problems("{date} at {time}", "lúc {time}, {date}") == ""


def test_misspelt_or_missing_placeholder_is_reported() -> None:
    problem = placeholder_problems("Hearing on {date}", "Audiencia el {fecha}")
    assert "{date}" in problem
    assert "{fecha}" in problem
    assert placeholder_problems("%(count)d hearings", "audiencias") != ""


def test_plural_forms_may_leave_the_count_out_of_the_singular() -> None:
    source = ("One hearing", "{count} hearings")
    assert placeholder_problems(source, ("Una audiencia", "{count} audiencias")) == ""
    assert placeholder_problems(source, ("Una audiencia", "Varias audiencias")) != ""
    assert placeholder_problems(source, ("{cuenta} audiencia", "{count} audiencias")) != ""
