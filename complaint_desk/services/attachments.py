"""Attachments: files copied into the data directory, stored once by content.

A file is kept at ``<data dir>/attachments/<sha256[:2]>/<sha256>`` (the same letter scanned
twice is stored once), listed on the case with its original name, and the addition is an
event in the case's timeline. The copy is written to a temporary name and renamed, so a
crash never leaves half a file under a real hash; the database row is committed after the
file is in place, so a listed attachment always exists.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from complaint_desk.domain import workflow
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, ValidationError
from complaint_desk.domain.workflow import Action
from complaint_desk.services.complaints import now
from complaint_desk.store import events
from complaint_desk.store.database import Database
from complaint_desk.store.models import Attachment
from complaint_desk.store.unit_of_work import UnitOfWork

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ATTACH_KIND = "attach"
_CHUNK = 1 << 20


def stored_path(root: Path, sha256: str) -> Path:
    return root / "attachments" / sha256[:2] / sha256


def _copy_in(source: Path, root: Path) -> tuple[str, int]:
    """Copy ``source`` under its content hash; return (sha256, size)."""
    folder = root / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out, open(source, "rb") as src:
            while chunk := src.read(_CHUNK):
                size += len(chunk)
                if size > MAX_ATTACHMENT_BYTES:
                    raise ValidationError(
                        N_("{name} is larger than {limit} MB."), field="attachments",
                        name=source.name, limit=MAX_ATTACHMENT_BYTES // (1024 * 1024))
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        target = stored_path(root, sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            os.unlink(temp_name)
        else:
            shutil.move(temp_name, target)
        return sha, size
    except BaseException:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise


def add_attachment(db: Database, actor: Actor, reference: str, source: Path, *, root: Path,
                   clock: Callable[[], datetime] = now) -> int:
    """Attach a file to an open case (any role that may add a note). Returns the row id."""
    source = Path(source)
    if not source.is_file():
        raise ValidationError(N_("No file at {path}."), field="attachments", path=str(source))
    at = clock()
    with UnitOfWork(db) as uow:
        row, complaint = uow.get(reference)
        workflow.check(complaint, Action.ADD_NOTE, actor.role)
        sha, size = _copy_in(source, root)
        attachment = Attachment(complaint_id=row.id, sha256=sha, filename=source.name[:300],
                                size=size, added_at=at, added_by=actor.user_id or None)
        uow.session.add(attachment)
        events.append_event(uow.session, complaint_id=row.id, complaint_uuid=row.uuid, at=at,
                            actor_id=actor.user_id or None, actor_name=actor.username,
                            kind=ATTACH_KIND, data={"attachment": {
                                "filename": attachment.filename, "sha256": sha, "size": size}})
        uow.commit()
        return attachment.id


def attachment_file(db: Database, attachment_id: int, *, root: Path) -> tuple[str, Path]:
    """The original name and the stored file of an attachment (to open or save a copy)."""
    with UnitOfWork(db, write=False) as uow:
        found = uow.session.get(Attachment, attachment_id)
        if found is None:
            raise ValidationError(N_("No such attachment."), field="attachments")
        return found.filename, stored_path(root, found.sha256)
