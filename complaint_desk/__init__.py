"""Complaint Desk: ISO 10002 complaint handling for Thai public offices, offline."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("complaint-desk")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
