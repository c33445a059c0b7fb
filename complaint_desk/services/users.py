"""Users as the services see them: an Actor resolved from a username."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, NotFound, ValidationError
from complaint_desk.domain.roles import Role
from complaint_desk.store.database import Database
from complaint_desk.store.models import User
from complaint_desk.store.unit_of_work import UnitOfWork


def actor_from_row(user: User) -> Actor:
    return Actor(user_id=user.id, username=user.username, role=user.role,
                 display_name=user.display_name,
                 units=(user.unit_code,) if user.unit_code else ())


def actor_for(db: Database, username: str) -> Actor:
    with UnitOfWork(db, write=False) as uow:
        user = uow.session.scalars(select(User).where(User.username == username)).first()
        if user is None or not user.active:
            raise NotFound(N_("No active user named {username}."), username=username)
        return actor_from_row(user)


def add_user(uow: UnitOfWork, *, username: str, display_name: str, role: str,
             office_code: str | None = None, unit_code: str | None = None,
             position: str | None = None) -> User:
    try:
        Role(role)
    except ValueError:
        raise ValidationError(N_("Unknown role: {value}"), field="role", value=role) from None
    if not username.strip():
        raise ValidationError(N_("Username is required."), field="username")
    existing = uow.session.scalars(select(User).where(User.username == username)).first()
    if existing is not None:
        raise ValidationError(N_("The username {value} is taken."), field="username",
                              value=username)
    user = User(username=username.strip(), display_name=display_name.strip() or username,
                role=role, office_code=office_code, unit_code=unit_code, position=position,
                active=True, created_at=datetime.now().replace(microsecond=0))
    uow.session.add(user)
    uow.session.flush()
    return user


def list_users(db: Database) -> list[Actor]:
    with UnitOfWork(db, write=False) as uow:
        return [actor_from_row(u) for u in uow.session.scalars(select(User).order_by(User.id))]
