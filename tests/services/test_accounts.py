from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from complaint_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from complaint_desk.services import accounts
from complaint_desk.services.accounts import SignInRefused, sign_in
from complaint_desk.services.demo import generate_demo
from complaint_desk.store.models import AuditRow, User
from complaint_desk.store.unit_of_work import UnitOfWork

T = datetime(2024, 8, 5, 9, 0)


def at(moment):
    return lambda: moment


@pytest.fixture
def somchai(db, actors):
    accounts.create_account(db, actors["admin"], username="somchai", display_name="สมชาย",
                            role="officer", password="first-pass-9", clock=at(T))
    accounts.change_password(db, sign_in(db, "somchai", "first-pass-9").actor, "first-pass-9",
                             "own-secret-42", clock=at(T))
    return "somchai"


def audit_kinds(db):
    with UnitOfWork(db, write=False) as uow:
        return list(uow.session.scalars(select(AuditRow.kind).order_by(AuditRow.id)))


def test_passwords_are_stored_as_argon2id_hashes_only(db, somchai):
    with UnitOfWork(db, write=False) as uow:
        stored = uow.session.scalars(select(User.password_hash).where(
            User.username == somchai)).one()
    assert stored.startswith("$argon2id$") and "own-secret-42" not in stored


def test_the_production_hasher_is_argon2id_at_its_recommended_cost():
    from argon2 import Type

    from complaint_desk.services.accounts import _DUMMY_HASH, PasswordHasher

    production = PasswordHasher()
    assert production.type is Type.ID
    assert _DUMMY_HASH.startswith("$argon2id$v=19$m=65536,t=3")
    # the hash an unknown username is checked against costs what a real one costs
    assert not production.check_needs_rehash(_DUMMY_HASH)
    assert production.verify(_DUMMY_HASH, "not a password of anyone")  # a well-formed hash


def test_a_new_account_must_change_the_password_the_admin_gave(db, actors):
    accounts.create_account(db, actors["admin"], username="new.one", display_name="ใหม่",
                            role="clerk", password="given-by-admin-1")
    assert sign_in(db, "new.one", "given-by-admin-1").must_change_password


def test_sign_in_gives_the_actor_and_every_attempt_is_in_the_audit_log(db, somchai):
    signed = sign_in(db, somchai, "own-secret-42", clock=at(T))
    assert (signed.actor.username, signed.actor.role, signed.must_change_password) == \
        ("somchai", "officer", False)
    with pytest.raises(SignInRefused) as caught:
        sign_in(db, somchai, "wrong", clock=at(T))
    assert caught.value.message == "Wrong username or password."
    with pytest.raises(SignInRefused) as unknown:
        sign_in(db, "nobody", "wrong", clock=at(T))
    assert unknown.value.message == caught.value.message  # no hint that the name exists
    assert audit_kinds(db)[-2:] == ["sign_in", "sign_in_failed"]


def test_five_failed_tries_lock_the_account_for_a_few_minutes_even_for_the_right_password(
        db, somchai):
    for _ in range(4):
        with pytest.raises(SignInRefused):
            sign_in(db, somchai, "guess", clock=at(T))
    with pytest.raises(SignInRefused) as caught:
        sign_in(db, somchai, "guess", clock=at(T))
    assert "locked" in caught.value.message
    with pytest.raises(SignInRefused):
        sign_in(db, somchai, "own-secret-42", clock=at(T + timedelta(minutes=4)))
    assert sign_in(db, somchai, "own-secret-42", clock=at(T + timedelta(minutes=6))).actor
    assert "account_locked" in audit_kinds(db)


def test_an_admin_reset_unlocks_and_forces_a_new_password(db, actors, somchai):
    for _ in range(5):
        with pytest.raises(SignInRefused):
            sign_in(db, somchai, "guess", clock=at(T))
    accounts.reset_password(db, actors["admin"], somchai, "temporary-77", clock=at(T))
    signed = sign_in(db, somchai, "temporary-77", clock=at(T))
    assert signed.must_change_password
    accounts.change_password(db, signed.actor, "temporary-77", "mine-again-88")
    assert not sign_in(db, somchai, "mine-again-88").must_change_password
    with pytest.raises(ValidationError) as wrong_old:
        accounts.change_password(db, signed.actor, "not-it", "another-one-99")
    assert wrong_old.value.field == "old_password"


def test_a_disabled_user_cannot_sign_in_and_is_never_deleted(db, actors, somchai):
    accounts.set_active(db, actors["admin"], somchai, False)
    with pytest.raises(SignInRefused) as caught:
        sign_in(db, somchai, "own-secret-42")
    assert caught.value.message == "This account is disabled."
    names = [a.username for a in accounts.list_accounts(db, actors["admin"])]
    assert somchai in names
    accounts.set_active(db, actors["admin"], somchai, True)
    assert sign_in(db, somchai, "own-secret-42").actor.username == somchai


def test_the_last_administrator_cannot_be_disabled_or_demoted(db, actors):
    with pytest.raises(ValidationError):
        accounts.set_active(db, actors["admin"], "admin", False)
    with pytest.raises(ValidationError):
        accounts.set_role(db, actors["admin"], "admin", "clerk")


def test_only_an_admin_manages_accounts(db, actors, somchai):
    for role in ("officer", "handler", "supervisor", "executive", "clerk"):
        with pytest.raises(PermissionDenied):
            accounts.reset_password(db, actors[role], somchai, "temporary-77")
        with pytest.raises(PermissionDenied):
            accounts.set_active(db, actors[role], somchai, False)
        with pytest.raises(PermissionDenied):
            accounts.list_accounts(db, actors[role])
    with pytest.raises(NotFound):
        accounts.reset_password(db, actors["admin"], "ghost", "temporary-77")


def test_passwordless_accounts_sign_in_only_on_a_demo_database(db):
    with pytest.raises(SignInRefused) as caught:
        sign_in(db, "admin", "")
    assert "no password" in caught.value.message
    generate_demo(db, 3, today=datetime(2024, 12, 1).date())
    assert sign_in(db, "bkk1.officer", "").actor.role == "officer"


def test_the_admin_sets_the_idle_lock_and_others_may_not(db, actors):
    assert accounts.idle_lock_minutes(db) == 10
    accounts.set_idle_lock_minutes(db, actors["admin"], 3)
    assert accounts.idle_lock_minutes(db) == 3
    with pytest.raises(PermissionDenied):
        accounts.set_idle_lock_minutes(db, actors["supervisor"], 30)
    with pytest.raises(ValidationError):
        accounts.set_idle_lock_minutes(db, actors["admin"], 0)
