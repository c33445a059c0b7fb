"""Writing a package: JSON Lines members streamed into a zip, each hashed as it is written,
then the manifest (listing every member's SHA-256) and its signature.

The zip is built in a temporary file beside the target and renamed at the end, so a failed or
cancelled export leaves no file behind (``abort``)."""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from complaint_desk.exchange.package_format import MANIFEST, SIGNATURE, canonical_bytes, json_line


class MemberWriter:
    """Lines are gathered and handed to the zip in blocks of about a megabyte (one call per
    line cost more than the JSON)."""

    BLOCK = 1 << 20

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._digest = hashlib.sha256()
        self._pending: list[bytes] = []
        self._pending_size = 0
        self.lines = 0
        self.size = 0

    def write(self, values: dict[str, Any]) -> None:
        line = json_line(values)
        self._pending.append(line)
        self._pending_size += len(line)
        self.lines += 1
        self.size += len(line)
        if self._pending_size >= self.BLOCK:
            self.flush()

    def flush(self) -> None:
        block = b"".join(self._pending)
        self._stream.write(block)
        self._digest.update(block)
        self._pending, self._pending_size = [], 0

    def summary(self) -> dict[str, Any]:
        return {"sha256": self._digest.hexdigest(), "lines": self.lines, "size": self.size}


class PackageWriter:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, self._temp = tempfile.mkstemp(prefix=".package-", suffix=".part",
                                              dir=self.path.parent)
        os.close(handle)
        self._zip = zipfile.ZipFile(self._temp, "w", compression=zipfile.ZIP_DEFLATED,
                                    compresslevel=6)
        self.members: dict[str, dict[str, Any]] = {}

    def write_member(self, name: str, fill: Callable[[MemberWriter], None]) -> dict[str, Any]:
        """``fill(writer)`` writes the member's lines; returns its summary for the manifest."""
        with self._zip.open(name, "w", force_zip64=True) as stream:
            writer = MemberWriter(stream)
            fill(writer)
            writer.flush()
        self.members[name] = writer.summary()
        return self.members[name]

    def finish(self, manifest: dict[str, Any], sign: Callable[[bytes], bytes]) -> bytes:
        """Add the manifest (with the members' checksums) and its signature, then put the file
        in place. Returns the manifest bytes that were signed."""
        manifest = {**manifest, "members": self.members}
        body = canonical_bytes(manifest)
        self._zip.writestr(MANIFEST, body)
        self._zip.writestr(SIGNATURE, sign(body))
        self._zip.close()
        os.replace(self._temp, self.path)
        return body

    def abort(self) -> None:
        try:
            self._zip.close()
        finally:
            if os.path.exists(self._temp):
                os.unlink(self._temp)
