"""Complainant privacy (PDPA): who may see an identity, masked display, the retention period.

A complaint is *protected* when it is about staff or corruption (the ``about_staff`` flag, or
the categories ``corruption`` and ``staff_conduct``). A protected complaint's complainant is
hidden from the staff it names (``concerned`` usernames) and from case workers ranked below
the level handling it (officer 1, handler 2, supervisor 3, executive 4). Before a level is
assigned, every role that may see personal data sees it, except the concerned staff: the
officer at the counter already knows the complainant and must acknowledge them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from datetime import date, datetime

from complaint_desk.domain.complaint import Complaint, Status
from complaint_desk.domain.permissions import ROLE_RANK, Permission, has_permission
from complaint_desk.domain.roles import Role

PROTECTED_CATEGORIES: frozenset[str] = frozenset({"corruption", "staff_conduct"})
DEFAULT_RETENTION_YEARS = 5
MASK = "***"


def is_protected(complaint: Complaint) -> bool:
    return complaint.about_staff or complaint.category_code in PROTECTED_CATEGORIES


def may_see_identity(role: Role | str, username: str, complaint: Complaint,
                     concerned: Collection[str] = ()) -> bool:
    """Whether this user may see the complaint's complainant unmasked."""
    if not has_permission(role, Permission.SEE_PERSONAL_DATA):
        return False
    if not is_protected(complaint):
        return True
    if username in concerned:
        return False
    if complaint.level is None:
        return True
    return ROLE_RANK.get(Role(role), 0) >= complaint.level


# --- masking ---------------------------------------------------------------------------------


def _letters(word: str) -> list[str]:
    """The word's base characters (Thai marks and vowels above/below are not letters here)."""
    return [ch for ch in word if not unicodedata.category(ch).startswith("M")]


def mask_name(name: str | None) -> str | None:
    """``สมชาย ใจดี`` -> ``ส***ย ใ***``: the first word keeps its first and last letter, the
    others their first letter only; never enough to identify, enough to tell cases apart."""
    if not name:
        return name
    words = name.split()
    masked = []
    for index, word in enumerate(words):
        letters = _letters(word)
        if not letters:
            masked.append(MASK)
        elif index == 0 and len(letters) > 2:
            masked.append(letters[0] + MASK + letters[-1])
        else:
            masked.append(letters[0] + MASK)
    return " ".join(masked)


def mask_digits(value: str | None, keep: int = 3) -> str | None:
    """Keep the last ``keep`` digits: ``0812345678`` -> ``*******678``."""
    if not value:
        return value
    if len(value) <= keep:
        return "*" * len(value)
    return "*" * (len(value) - keep) + value[-keep:]


def mask_email(value: str | None) -> str | None:
    """``somchai@example.com`` -> ``s***@example.com``."""
    if not value:
        return value
    local, at, domain = value.partition("@")
    return (local[:1] + MASK + at + domain) if at else MASK


def mask_address(value: str | None) -> str | None:
    return MASK if value else value


MASKERS = {
    "complainant_name": mask_name,
    "complainant_national_id": lambda v: mask_digits(v, 4),
    "complainant_phone": mask_digits,
    "complainant_email": mask_email,
    "complainant_address": mask_address,
}


def masked(complaint: Complaint) -> Complaint:
    """The complaint with every personal field masked (for display to those who may not see)."""
    return complaint.with_changes(**{name: mask(getattr(complaint, name))
                                     for name, mask in MASKERS.items()})


# --- retention -------------------------------------------------------------------------------


def erasable_from(complaint: Complaint, retention_years: int) -> date | None:
    """The first day the complainant's data may be erased: ``retention_years`` after the
    case's latest closing. None while the case is open (its handling needs the data)."""
    if complaint.status is not Status.CLOSED or complaint.closed_at is None:
        return None
    closed = complaint.closed_at.date() if isinstance(complaint.closed_at, datetime) else \
        complaint.closed_at
    try:
        return closed.replace(year=closed.year + retention_years)
    except ValueError:  # 29 February
        return closed.replace(year=closed.year + retention_years, day=28)
