"""The office's own particulars that every letter and report prints: the settings keys, their
labels, and the checks on what an admin enters (stdlib only).

The emblem is kept in the database (base64 in the settings table), never as a path, so that a
backup or another computer prints the same letterhead. PNG and JPEG are accepted; SVG is
refused with a message saying to save it as PNG, because no sound SVG renderer for ReportLab is
among the program's dependencies."""

from __future__ import annotations

import base64
import re

from complaint_desk.domain.errors import N_, ValidationError

OFFICE_NAME = "office_name"  # Thai; the offices table's name when empty
OFFICE_NAME_EN = "office_name_en"
ADDRESS = "office_address"  # several lines
PHONE = "office_phone"
EMAIL = "office_email"
LOGO = "report_logo"  # the image itself, base64
LETTER_PREFIX = "letter_number_prefix"  # e.g. "กคช 1234/" before the case reference
ACK_SIGNER_NAME = "letter_signer_name"  # the acknowledgement letter's signer
ACK_SIGNER_POSITION = "letter_signer_position"
REPORT_SIGNER_NAME = "report_signer_name"  # the monthly report's "prepared by"
REPORT_SIGNER_POSITION = "report_signer_position"
CONTACT = "letter_contact"  # the footer contact line(s) of a letter

# Every office key with its label (message id), in the order the dialog and the CLI show them.
OFFICE_LABELS: dict[str, str] = {
    OFFICE_NAME: N_("Office name (Thai)"), OFFICE_NAME_EN: N_("Office name (English)"),
    ADDRESS: N_("Address"), PHONE: N_("Telephone"), EMAIL: N_("E-mail"),
    LOGO: N_("Emblem"), LETTER_PREFIX: N_("Letter number prefix"),
    ACK_SIGNER_NAME: N_("Acknowledgement letter: signer's name"),
    ACK_SIGNER_POSITION: N_("Acknowledgement letter: signer's position"),
    REPORT_SIGNER_NAME: N_("Monthly report: signer's name"),
    REPORT_SIGNER_POSITION: N_("Monthly report: signer's position"),
    CONTACT: N_("Contact line at the foot of a letter"),
}
MULTI_LINE = frozenset({ADDRESS, CONTACT})
TEXT_KEYS = tuple(key for key in OFFICE_LABELS if key != LOGO)
MAX_TEXT = {ADDRESS: 400, CONTACT: 300}
MAX_LINE = 120  # a one-line field
MAX_LOGO_BYTES = 2 * 1024 * 1024  # an emblem is a few hundred kilobytes at most

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"))


def check_office_text(key: str, value: str) -> str:
    """The value as it will be stored (trimmed), or a ValidationError naming the field."""
    if key not in TEXT_KEYS:
        raise ValidationError(N_("Unknown setting: {value}"), field="key", value=key)
    lines = [line.rstrip() for line in value.replace("\r\n", "\n").split("\n")]
    if key not in MULTI_LINE and len([line for line in lines if line.strip()]) > 1:
        raise ValidationError(N_("{label} must be one line."), field=key,
                              label=OFFICE_LABELS[key])
    text = "\n".join(lines).strip()
    if len(text) > MAX_TEXT.get(key, MAX_LINE):
        raise ValidationError(N_("{label} is too long (at most {limit} characters)."),
                              field=key, label=OFFICE_LABELS[key],
                              limit=MAX_TEXT.get(key, MAX_LINE))
    if key == EMAIL and text and not _EMAIL.match(text):
        raise ValidationError(N_("{label}: {value} is not an e-mail address."), field=key,
                              label=OFFICE_LABELS[key], value=text)
    return text


def logo_kind(data: bytes) -> str:
    """"png" or "jpeg" for an emblem the program can print; otherwise a ValidationError."""
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(
            N_("The emblem is too large ({size} MB); at most {limit} MB."), field=LOGO,
            size=f"{len(data) / 1024 / 1024:.1f}", limit=str(MAX_LOGO_BYTES // 1024 // 1024))
    head = data[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg")) and b"<svg" in data[:4096].lower():
        raise ValidationError(N_("The emblem is an SVG drawing, which the program cannot "
                                 "print. Save it as PNG and choose that file."), field=LOGO)
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    raise ValidationError(N_("The emblem file is not a PNG or JPEG image."), field=LOGO)


def decode_logo(stored: str | None) -> bytes | None:
    """The emblem's bytes from its stored base64 text; None when unset or unreadable (a
    damaged setting prints no emblem rather than no letter)."""
    if not stored:
        return None
    try:
        return base64.b64decode(stored, validate=True)
    except ValueError:  # binascii.Error is one
        return None
