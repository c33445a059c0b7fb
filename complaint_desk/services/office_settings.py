"""The office's particulars an admin sets (Administration → Office, ``settings set``): name,
address, telephone, e-mail, emblem, letter number prefix, signers, contact line.

All of a save is one transaction with one ``setting_changed`` audit entry per changed key (old
and new value; for the emblem its size and a digest, not the image). Printed documents read the
values when they are built, so the next print shows the change."""

from __future__ import annotations

import base64
import hashlib
import io
from datetime import datetime
from pathlib import Path

from complaint_desk.domain import office
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, ValidationError
from complaint_desk.domain.permissions import Permission
from complaint_desk.services.access import require
from complaint_desk.store.database import Database
from complaint_desk.store.unit_of_work import UnitOfWork


def office_settings(db: Database, actor: Actor) -> dict[str, str]:
    """Every text key with its value ("" when unset); the emblem is read with ``logo``."""
    require(actor, Permission.SEE_SETTINGS)
    with UnitOfWork(db, write=False) as uow:
        return {key: uow.setting(key) or "" for key in office.TEXT_KEYS}


def logo(db: Database) -> bytes | None:
    """The stored emblem's bytes (PNG or JPEG), or None."""
    with UnitOfWork(db, write=False) as uow:
        return office.decode_logo(uow.setting(office.LOGO))


def check_logo(data: bytes) -> bytes:
    """The emblem if it is a PNG/JPEG Pillow can read, small enough; else a ValidationError."""
    office.logo_kind(data)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(N_("The emblem file is damaged and cannot be read."),
                              field=office.LOGO) from None
    return data


def read_logo_file(path: str | Path) -> bytes:
    """A logo file's bytes, checked; the message names the field when it cannot be read."""
    try:
        size = Path(path).stat().st_size
        if size > office.MAX_LOGO_BYTES:  # refuse before reading a huge file
            office.logo_kind(b"\0" * (office.MAX_LOGO_BYTES + 1))
        data = Path(path).read_bytes()
    except OSError as error:
        raise ValidationError(N_("The emblem file cannot be read: {error}"),
                              field=office.LOGO, error=str(error)) from None
    return check_logo(data)


def _digest(data: bytes | None) -> str | None:
    return None if data is None else f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}"


def change_office_settings(db: Database, actor: Actor, values: dict[str, str], *,
                           logo: bytes | None = None, remove_logo: bool = False,
                           at: datetime | None = None) -> list[str]:
    """Check every value first, then store the changed ones in one transaction; returns the
    keys that changed. Nothing is stored when any value is refused."""
    require(actor, Permission.CHANGE_SETTINGS)
    checked = {key: office.check_office_text(key, value) for key, value in values.items()}
    image = check_logo(logo) if logo is not None else None
    when = at or datetime.now().replace(microsecond=0)
    changed: list[str] = []
    with UnitOfWork(db) as uow:
        for key, value in checked.items():
            before = uow.setting(key) or ""
            if before == value:
                continue
            uow.set_setting(key, value)
            uow.audit(actor=actor, at=when, kind="setting_changed",
                      data={"key": key, "before": before, "after": value})
            changed.append(key)
        if image is not None or remove_logo:
            before_image = office.decode_logo(uow.setting(office.LOGO))
            if before_image != image:
                uow.set_setting(office.LOGO, base64.b64encode(image).decode("ascii")
                                if image is not None else "")
                uow.audit(actor=actor, at=when, kind="setting_changed",
                          data={"key": office.LOGO, "before": _digest(before_image),
                                "after": _digest(image)})
                changed.append(office.LOGO)
        uow.commit()
    return changed
