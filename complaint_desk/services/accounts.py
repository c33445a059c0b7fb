"""Accounts: signing in (Argon2id), lockout, passwords, enabling and disabling users.

Authentication happens at the edge: the GUI's login dialog and the CLI call ``sign_in`` and
get an Actor; every other service takes that Actor and checks the permission matrix.

Accounts without a password (``users.password_hash`` NULL: the demo users, or an admin made by
a test fixture) can sign in only on a demo database (the ``demo_data`` setting, set by
``complaint-desk demo``); anywhere else they must be given a password by an admin first.
Users are never deleted: their names stay on their events. They are disabled instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from complaint_desk.domain import accounts
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, DomainError, NotFound, ValidationError
from complaint_desk.domain.permissions import Permission
from complaint_desk.domain.roles import Role
from complaint_desk.services.access import require
from complaint_desk.services.users import actor_from_row, add_user
from complaint_desk.store.database import Database
from complaint_desk.store.models import User
from complaint_desk.store.models_trust import UserSignIn
from complaint_desk.store.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
DEMO_DATA_KEY = "demo_data"
IDLE_LOCK_KEY = "idle_lock_minutes"

# Argon2id (argon2-cffi's default type) with its default cost: about 50 ms on an office PC.
_hasher = PasswordHasher()
# Verified against when the username is unknown, so a wrong name takes as long as a wrong
# password and does not tell which usernames exist. Written out rather than hashed at import:
# hashing costs ~0.25 s, and the login dialog imports this module at every start. A test
# checks it has the hasher's current parameters (else it would not cost the same).
_DUMMY_HASH = ("$argon2id$v=19$m=65536,t=3,p=4$B6f0YN7mmKCZtuzPwTIHgg$"
               "kIwuEGvMbTLO+dTOzchp0hLIc4MnAcxAZ/y4/GdBTIk")


class SignInRefused(DomainError):
    """Wrong credentials, a locked or disabled account: nothing about the user is revealed
    beyond what the message says."""


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def is_demo_database(db: Database) -> bool:
    with UnitOfWork(db, write=False) as uow:
        return uow.setting(DEMO_DATA_KEY) == "true"


def _user(uow: UnitOfWork, username: str) -> User | None:
    return uow.session.scalars(select(User).where(User.username == username.strip())).first()


def _sign_in_row(uow: UnitOfWork, user_id: int) -> UserSignIn:
    row = uow.session.get(UserSignIn, user_id)
    if row is None:
        row = UserSignIn(user_id=user_id, failed=0, must_change_password=False)
        uow.session.add(row)
    return row


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    must_change_password: bool


def sign_in(db: Database, username: str, password: str, *, clock: Clock = now) -> SignedIn:
    """Check the credentials; count failures (five in a row lock the account for a few
    minutes) and record every attempt in the audit log."""
    at = clock()
    wrong = SignInRefused(N_("Wrong username or password."))
    with UnitOfWork(db, write=False) as uow:
        user = _user(uow, username)
        demo = uow.setting(DEMO_DATA_KEY) == "true"
        state = uow.session.get(UserSignIn, user.id) if user is not None else None
        locked_until = state.locked_until if state is not None else None
        stored = user.password_hash if user is not None else None
        actor = actor_from_row(user) if user is not None else None
        active = bool(user.active) if user is not None else False
    if actor is None:
        _verify(_DUMMY_HASH, password)
        raise wrong
    if locked_until is not None and at < locked_until:
        raise SignInRefused(N_("Too many failed tries: this account is locked until {time}."),
                            time=locked_until.strftime("%H:%M"))
    if stored is None:
        if not demo:
            raise SignInRefused(N_("This account has no password yet: ask the administrator "
                                   "to set one."))
        good = True
    else:
        good = _verify(stored, password)
    with UnitOfWork(db) as uow:
        row = _sign_in_row(uow, actor.user_id)
        before = accounts.SignInState(row.failed or 0, row.locked_until)
        if not good:
            after = before.after_failure(at)
            row.failed, row.locked_until = after.failed, after.locked_until
            locked = after.is_locked(at)
            uow.audit(actor=actor, at=at, kind="account_locked" if locked else "sign_in_failed",
                      data={"failed": before.failed + 1})
            uow.commit()
            if locked:
                raise SignInRefused(N_("Too many failed tries: this account is locked until "
                                       "{time}."), time=after.locked_until.strftime("%H:%M")
                                    if after.locked_until else "")
            raise wrong
        if not active:
            uow.audit(actor=actor, at=at, kind="sign_in_disabled")
            uow.commit()
            raise SignInRefused(N_("This account is disabled."))
        row.failed, row.locked_until, row.last_sign_in_at = 0, None, at
        if stored is not None and _hasher.check_needs_rehash(stored):
            fresh = uow.session.get(User, actor.user_id)
            if fresh is not None:
                fresh.password_hash = hash_password(password)
        uow.audit(actor=actor, at=at, kind="sign_in")
        must_change = bool(row.must_change_password)
        uow.commit()
    return SignedIn(actor, must_change)


def change_password(db: Database, actor: Actor, old_password: str, new_password: str, *,
                    clock: Clock = now) -> None:
    """A user changes their own password; the old one must be right."""
    at = clock()
    accounts.check_new_password(new_password, actor.username, "new_password")
    with UnitOfWork(db, write=False) as uow:
        user = _user(uow, actor.username)
        if user is None or not user.active:
            raise NotFound(N_("No active user named {username}."), username=actor.username)
        stored, user_id = user.password_hash, user.id
    if stored is not None and not _verify(stored, old_password):
        raise ValidationError(N_("The current password is wrong."), field="old_password")
    with UnitOfWork(db) as uow:
        _set_password(uow, user_id, new_password, at, must_change=False)
        uow.audit(actor=actor, at=at, kind="password_changed")
        uow.commit()


def _set_password(uow: UnitOfWork, user_id: int, password: str, at: datetime, *,
                  must_change: bool) -> None:
    user = uow.session.get(User, user_id)
    assert user is not None
    user.password_hash = hash_password(password)
    row = _sign_in_row(uow, user_id)
    row.password_changed_at, row.must_change_password = at, must_change
    row.failed, row.locked_until = 0, None


def reset_password(db: Database, actor: Actor, username: str, new_password: str, *,
                   clock: Clock = now) -> None:
    """An admin sets a temporary password (also unlocks); the user must change it at sign-in."""
    require(actor, Permission.MANAGE_USERS)
    at = clock()
    accounts.check_new_password(new_password, username, "new_password")
    with UnitOfWork(db) as uow:
        user = _existing(uow, username)
        _set_password(uow, user.id, new_password, at, must_change=user.id != actor.user_id)
        uow.audit(actor=actor, at=at, kind="password_reset", data={"user": user.username})
        uow.commit()


def _existing(uow: UnitOfWork, username: str) -> User:
    user = _user(uow, username)
    if user is None:
        raise NotFound(N_("No user named {username}."), username=username)
    return user


def set_active(db: Database, actor: Actor, username: str, active: bool, *,
               clock: Clock = now) -> None:
    """Disable (or enable again) an account. The last active admin cannot be disabled, nor can
    an admin disable themselves: the office would be left without anyone to manage users."""
    require(actor, Permission.MANAGE_USERS)
    at = clock()
    with UnitOfWork(db) as uow:
        user = _existing(uow, username)
        if not active and user.id == actor.user_id:
            raise ValidationError(N_("You cannot disable your own account."), field="username")
        if not active and user.role == Role.ADMIN.value and _active_admins(uow) <= 1:
            raise ValidationError(N_("The last administrator cannot be disabled."),
                                  field="username")
        user.active = active
        uow.audit(actor=actor, at=at, kind="user_enabled" if active else "user_disabled",
                  data={"user": user.username})
        uow.commit()


def _active_admins(uow: UnitOfWork) -> int:
    return int(uow.session.execute(select(func.count()).select_from(User).where(
        User.role == Role.ADMIN.value, User.active.is_(True))).scalar() or 0)


def set_role(db: Database, actor: Actor, username: str, role: str, *, clock: Clock = now) -> None:
    require(actor, Permission.MANAGE_USERS)
    try:
        new_role = Role(role)
    except ValueError:
        raise ValidationError(N_("Unknown role: {value}"), field="role", value=role) from None
    at = clock()
    with UnitOfWork(db) as uow:
        user = _existing(uow, username)
        if user.role == Role.ADMIN.value and new_role is not Role.ADMIN and \
                _active_admins(uow) <= 1:
            raise ValidationError(N_("The last administrator cannot be disabled."),
                                  field="role")
        uow.audit(actor=actor, at=at, kind="role_changed",
                  data={"user": user.username, "before": user.role, "after": new_role.value})
        user.role = new_role.value
        uow.commit()


def create_account(db: Database, actor: Actor, *, username: str, display_name: str, role: str,
                   password: str | None, office_code: str | None = None,
                   unit_code: str | None = None, position: str | None = None,
                   clock: Clock = now) -> Actor:
    """An admin adds a user. With a password, the user must change it at first sign-in."""
    require(actor, Permission.MANAGE_USERS)
    at = clock()
    if password is not None:
        accounts.check_new_password(password, username, "password")
    with UnitOfWork(db) as uow:
        user = add_user(uow, username=username.strip(), display_name=display_name, role=role,
                        office_code=office_code, unit_code=unit_code, position=position)
        if password is not None:
            _set_password(uow, user.id, password, at, must_change=True)
        uow.audit(actor=actor, at=at, kind="user_added",
                  data={"user": user.username, "role": user.role})
        uow.commit()
        return actor_from_row(user)


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str
    active: bool
    has_password: bool
    locked_until: datetime | None
    last_sign_in_at: datetime | None


def list_accounts(db: Database, actor: Actor) -> list[Account]:
    require(actor, Permission.MANAGE_USERS)
    with UnitOfWork(db, write=False) as uow:
        rows = uow.session.execute(
            select(User, UserSignIn).outerjoin(UserSignIn, UserSignIn.user_id == User.id)
            .order_by(User.username)).all()
        return [Account(u.username, u.display_name, u.role, bool(u.active),
                        u.password_hash is not None, s.locked_until if s else None,
                        s.last_sign_in_at if s else None) for u, s in rows]


# --- the idle screen lock --------------------------------------------------------------------


def idle_lock_minutes(db: Database) -> int:
    with UnitOfWork(db, write=False) as uow:
        value = uow.setting(IDLE_LOCK_KEY)
    return int(value) if value else accounts.DEFAULT_IDLE_LOCK_MINUTES


def set_idle_lock_minutes(db: Database, actor: Actor, minutes: int, *, clock: Clock = now) -> None:
    require(actor, Permission.CHANGE_SETTINGS)
    accounts.check_idle_minutes(minutes)
    with UnitOfWork(db) as uow:
        before = uow.setting(IDLE_LOCK_KEY)
        uow.set_setting(IDLE_LOCK_KEY, str(minutes))
        uow.audit(actor=actor, at=clock(), kind="setting_changed",
                  data={"key": IDLE_LOCK_KEY, "before": before, "after": str(minutes)})
        uow.commit()


def unlock_screen(db: Database, actor: Actor, password: str, *, clock: Clock = now) -> Actor:
    """The lock screen: only the signed-in user (again) or, to hand the PC over, another user
    signs in; both go through sign_in, so failures count and lock the same way."""
    return sign_in(db, actor.username, password, clock=clock).actor
