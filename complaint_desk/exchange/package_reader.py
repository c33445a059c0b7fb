"""Reading a package: every check that can refuse it, in an order that names the real fault.

``open_package`` checks the zip, its member names, the manifest's shape and format version,
the office's registered key and the signature, before a single record is read.
``PackageReader.lines`` then streams one member's records, checking each line's shape and, at
the end, the member's SHA-256 against the signed manifest. A line that fails its shape inside
a member whose checksum is also wrong is reported as damage (the checksum), not as the line.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from complaint_desk.domain.errors import N_
from complaint_desk.exchange import signing
from complaint_desk.exchange.package_format import (
    DATA_MEMBERS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    SIGNATURE,
    LineError,
    PackageRefused,
    check_manifest,
    parse_line,
)

_DAMAGED = N_("The member {member} of package {file} is damaged: its checksum does not match "
              "the signed manifest.")
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError)
_CHUNK = 1 << 20


def _lines(stream: IO[bytes], digest: Any) -> Iterator[bytes]:
    """The member's lines (without their newline), read a megabyte at a time: the zip's own
    ``readline`` costs more than parsing the line (~800,000 lines in a 100,000-case package).
    ``digest`` takes every byte read, a whole chunk before its lines are handed out."""
    rest = b""
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        lines = (rest + chunk).split(b"\n") if rest else chunk.split(b"\n")
        rest = lines.pop()  # the line the next chunk completes (b"" after a newline)
        yield from lines
    if rest:
        yield rest


class PackageReader:
    def __init__(self, path: Path, archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
        self.path = path
        self.file = path.name
        self._zip = archive
        self.manifest = manifest

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> PackageReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def lines(self, member: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """(line number from 1, checked values) for each record of the member."""
        expected = self.manifest["members"][member]
        digest = hashlib.sha256()
        number = 0
        try:
            with self._zip.open(member) as stream:
                for raw in _lines(stream, digest):
                    number += 1
                    try:
                        values = parse_line(member, raw)
                    except LineError as error:
                        self._drain(stream, digest)
                        if digest.hexdigest() != expected["sha256"]:
                            raise self._refuse(_DAMAGED, member=member) from None
                        raise self._refuse(error.message, member=member, line=number,
                                           **error.params) from None
                    yield number, values
        except _ZIP_ERRORS:
            raise self._refuse(_DAMAGED, member=member) from None
        if digest.hexdigest() != expected["sha256"] or number != expected["lines"]:
            raise self._refuse(_DAMAGED, member=member)

    def refuse_line(self, message: str, member: str, line: int, **params: Any) -> PackageRefused:
        """For checks the caller makes across lines (an event of a case not in the package)."""
        return self._refuse(message, member=member, line=line, **params)

    def _drain(self, stream: IO[bytes], digest: Any) -> None:
        try:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
        except _ZIP_ERRORS:
            pass

    def _refuse(self, message: str, **params: Any) -> PackageRefused:
        return PackageRefused(message, file=self.file, **params)


def open_package(path: Path, key_for: Callable[[str], str | None]) -> PackageReader:
    """Open and authenticate a package. ``key_for(office_code)`` gives the registered public
    key (hex) or None. Raises PackageRefused, each fault with its own message."""
    path = Path(path)
    file = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (*_ZIP_ERRORS, ValueError):
        raise PackageRefused(N_("The package {file} is damaged or incomplete (it is not a "
                                "readable zip file): copy it again from the office's "
                                "original."), file=file) from None
    try:
        manifest = _authenticated_manifest(archive, file, key_for)
    except BaseException:
        archive.close()
        raise
    return PackageReader(path, archive, manifest)


def _authenticated_manifest(archive: zipfile.ZipFile, file: str,
                            key_for: Callable[[str], str | None]) -> dict[str, Any]:
    names = [info.filename for info in archive.infolist()]
    for name, count in Counter(names).items():
        if count > 1:
            raise PackageRefused(N_("The package {file} holds the member {member} more than "
                                    "once: it was altered."), file=file, member=name)
    for name in (MANIFEST, SIGNATURE):
        if name not in names:
            raise PackageRefused(N_("The package {file} lacks the member {member}."),
                                 file=file, member=name)
    try:
        body = archive.read(MANIFEST)
        signature = archive.read(SIGNATURE)
    except _ZIP_ERRORS:
        raise PackageRefused(_DAMAGED, file=file, member=MANIFEST) from None
    try:
        manifest = json.loads(body)
    except ValueError:
        manifest = None
    if isinstance(manifest, dict) and manifest.get("format") == FORMAT_NAME and isinstance(
            manifest.get("format_version"), int) and manifest["format_version"] > FORMAT_VERSION:
        raise PackageRefused(N_("The package {file} is in a newer format (version {version}; "
                                "this program reads up to version {supported}). Install the "
                                "newer Complaint Desk to import it."), file=file,
                             version=manifest["format_version"], supported=FORMAT_VERSION)
    try:
        if isinstance(manifest, dict) and manifest.get("format") != FORMAT_NAME:
            raise LineError(N_("The manifest of package {file} is not valid: {field}."),
                            field="format")
        check_manifest(manifest)
    except LineError as error:
        raise PackageRefused(error.message, file=file, **error.params) from None
    office = manifest["office_code"]
    key = key_for(office)
    if key is None:
        raise PackageRefused(N_("The package {file} comes from office {office}, whose key is "
                                "not registered here (key {fingerprint}). Register the "
                                "office's public key first."), file=file, office=office,
                             fingerprint=manifest["key_fingerprint"])
    if not signing.verify(key, body, signature):
        raise PackageRefused(N_("The signature of package {file} does not match the key "
                                "registered for office {office}: the package was altered or "
                                "was not made by that office."), file=file, office=office)
    for name in DATA_MEMBERS:
        if name not in manifest["members"] or name not in names:
            raise PackageRefused(N_("The package {file} lacks the member {member}."),
                                 file=file, member=name)
    for name in names:
        if name not in manifest["members"] and name not in (MANIFEST, SIGNATURE):
            raise PackageRefused(N_("The package {file} holds a member its manifest does not "
                                    "list: {member}."), file=file, member=name)
    checked: dict[str, Any] = manifest
    return checked
