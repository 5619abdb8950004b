"""Court Companion: helps legal aid staff keep victims and witnesses coming to court."""

from __future__ import annotations

from functools import cache


@cache
def app_version() -> str:
    """The installed version, from the package metadata (read when first asked: reading
    it costs a noticeable share of the start-up)."""
    from importlib import metadata

    try:
        return metadata.version("court-companion")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+source"
