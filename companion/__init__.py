"""Court Companion: helps legal aid staff keep victims and witnesses coming to court."""

from importlib import metadata

try:
    __version__ = metadata.version("court-companion")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
