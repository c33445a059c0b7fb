"""The append-only event log and its hash chain.

Each event's ``hash`` is SHA-256 over the previous event's hash and the event's canonical
content (uuid, case uuid, time, actor, kind, data). Changing, inserting or deleting any row
breaks the chain from that row on; ``verify_chain`` names the first event that fails.
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuid_module
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from json.encoder import encode_basestring as _quoted  # canonical_json's (ensure_ascii off)
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from complaint_desk.store.mapping import canonical_json
from complaint_desk.store.models import EventRow

GENESIS = "0" * 64


def event_content(*, uuid: str, complaint_uuid: str, at: datetime, actor_name: str, kind: str,
                  data: str) -> str:
    """The event's canonical content, the text its hash covers: ``canonical_json`` of
    ``{"uuid", "complaint", "at", "actor", "kind", "data"}``. Spelled out with the encoder's
    own string quoting (keys in sorted order) instead of building and sorting a dict: the
    demo and the package import hash millions of events. tests/store/test_events.py holds the
    two spellings equal; anything but text falls back to ``canonical_json`` itself."""
    try:
        return (f'{{"actor":{_quoted(actor_name)},'
                f'"at":{_quoted(at.isoformat(timespec="seconds"))},'
                f'"complaint":{_quoted(complaint_uuid)},"data":{_quoted(data)},'
                f'"kind":{_quoted(kind)},"uuid":{_quoted(uuid)}}}')
    except TypeError:
        return canonical_json({"uuid": uuid, "complaint": complaint_uuid,
                               "at": at.isoformat(timespec="seconds"), "actor": actor_name,
                               "kind": kind, "data": data})


def chain_hash(prev_hash: str, content: str) -> str:
    """The hash of an event whose ``event_content`` is ``content``, after ``prev_hash``: a
    caller that checks one event against two chains (an imported event: its office's and
    headquarters') spells the content once."""
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def event_hash(prev_hash: str, *, uuid: str, complaint_uuid: str, at: datetime,
               actor_name: str, kind: str, data: str) -> str:
    return chain_hash(prev_hash, event_content(uuid=uuid, complaint_uuid=complaint_uuid, at=at,
                                               actor_name=actor_name, kind=kind, data=data))


def content_digest(*, uuid: str, complaint_uuid: str, at: datetime, actor_name: str, kind: str,
                   data: str) -> str:
    """SHA-256 of an event's content alone: the seal an erasure puts on a redacted event."""
    content = event_content(uuid=uuid, complaint_uuid=complaint_uuid, at=at,
                            actor_name=actor_name, kind=kind, data=data)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def last_hash(session: Session) -> str:
    found = session.execute(select(EventRow.hash).order_by(EventRow.id.desc()).limit(1)).scalar()
    return found or GENESIS


def append_event(session: Session, *, complaint_id: int, complaint_uuid: str, at: datetime,
                 actor_id: int | None, actor_name: str, kind: str,
                 data: dict[str, Any]) -> EventRow:
    """Add one event at the end of the chain (call inside a write transaction)."""
    session.flush()
    prev = last_hash(session)
    event_uuid = str(uuid_module.uuid4())
    at = at.replace(microsecond=0)
    payload = canonical_json(data)
    row = EventRow(uuid=event_uuid, complaint_id=complaint_id, at=at, actor_id=actor_id,
                   actor_name=actor_name, kind=kind, data=payload, prev_hash=prev,
                   hash=event_hash(prev, uuid=event_uuid, complaint_uuid=complaint_uuid, at=at,
                                   actor_name=actor_name, kind=kind, data=payload))
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def _redactions(session: Session) -> dict[int, tuple[int, str]]:
    rows = session.execute(text("SELECT event_id, sealed_by, content_sha256 "
                                "FROM event_redactions")).all()
    return {event_id: (sealed_by, digest) for event_id, sealed_by, digest in rows}


def verify_chain(session: Session, batch: int = 50_000) -> tuple[int, ChainBreak | None]:
    """Walk every event in order; return how many were checked and the first break, if any.

    An event redacted by an erasure (docs/security.md) keeps its stored hash, which still links
    the chain; its new content must match the seal that a later erasure event, itself verified
    in the chain, lists for it.
    """
    prev = GENESIS
    checked = 0
    last_id = 0
    redactions = _redactions(session)
    claims: dict[int, dict[str, tuple[int, str]]] = {}  # sealing event id -> uuid -> (id, seal)
    sql = text(
        "SELECT e.id, e.uuid, c.uuid, e.at, e.actor_name, e.kind, e.data, e.prev_hash, e.hash "
        "FROM events e JOIN complaints c ON c.id = e.complaint_id "
        "WHERE e.id > :last ORDER BY e.id LIMIT :n"
    )
    while True:
        rows = session.execute(sql, {"last": last_id, "n": batch}).all()
        if not rows:
            if claims:
                first = min(i for pending in claims.values() for i, _s in pending.values())
                return checked, ChainBreak(first, "redaction is not sealed by an erasure")
            return checked, None
        for event_id, uuid, complaint_uuid, at, actor, kind, data, prev_hash, stored in rows:
            if prev_hash != prev:
                return checked, ChainBreak(event_id, "previous hash does not match")
            moment = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
            fields = dict(uuid=uuid, complaint_uuid=complaint_uuid, at=moment, actor_name=actor,
                          kind=kind, data=data)
            if event_id in redactions:
                sealed_by, seal = redactions[event_id]
                if content_digest(**fields) != seal or sealed_by <= event_id:
                    return checked, ChainBreak(event_id, "redacted content does not match its seal")
                claims.setdefault(sealed_by, {})[uuid] = (event_id, seal)
            elif event_hash(prev, **fields) != stored:
                return checked, ChainBreak(event_id, "content does not match its hash")
            if event_id in claims:
                listed = {e.get("event"): e.get("seal")
                          for e in json.loads(data).get("redacted_events", [])}
                for claimed_uuid, (claimed_id, seal) in claims.pop(event_id).items():
                    if listed.get(claimed_uuid) != seal:
                        return checked, ChainBreak(claimed_id,
                                                   "redaction is not sealed by an erasure")
            prev = stored
            checked += 1
            last_id = event_id


def iter_events(session: Session, complaint_id: int) -> Iterator[EventRow]:
    yield from session.scalars(
        select(EventRow).where(EventRow.complaint_id == complaint_id).order_by(EventRow.id))
