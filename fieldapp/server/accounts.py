"""Accounts on the central store: users with their staff record, login, device tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from fieldapp.domain.enums import Role
from fieldapp.evidence.keys import KeyUnusable, check_public_key
from fieldapp.server.changelog import EVERYONE, Entry, append
from fieldapp.server.context import DeviceContext
from fieldapp.server.evidence_chain import device_has_entries
from fieldapp.server.passwords import hash_password, new_token, token_hash, verify_password
from fieldapp.server.settings import ServerSettings
from fieldapp.storage.bulk import bulk_insert
from fieldapp.storage.central_tables import Device, User
from fieldapp.storage.reference import StaffMember
from fieldapp.storage.types import new_id
from fieldapp.storage.wire import dumps, row_payload


class LoginRefused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class LoggedIn:
    token: str
    user: User


def create_user(
    connection: Connection,
    *,
    username: str,
    password: str,
    role: Role,
    squad_code: str | None,
    display_name: str | None = None,
    now: datetime,
    user_id: str | None = None,
    password_hash: str | None = None,
) -> str:
    """A user and the staff record laptops see; returns the id (shared by both).

    ``password_hash``: the hash of ``password`` made already (the demo's accounts share one
    password, and hashing it at the production cost takes ~0.2 s per account).
    """
    if connection.execute(select(User.id).where(User.username == username)).first():
        raise ValueError(f"user {username!r} exists already")
    staff_id = user_id or _staff_id(connection, username) or new_id()
    connection.execute(
        insert(User).values(
            id=staff_id,
            username=username,
            password_hash=password_hash or hash_password(password),
            role=role,
            squad_code=squad_code,
            active=True,
            failed_logins=0,
            created_at=now,
        )
    )
    if _staff_id(connection, username) is None:
        row = {
            "id": staff_id,
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "created_by": None,
            "device_id": None,
            "deleted": False,
            "username": username,
            "display_name": display_name or username,
            "role": role,
            "squad_code": squad_code,
            "phone": "",
            "active": True,
        }
        bulk_insert(connection, StaffMember.__table__, [row])
        payload = dumps(row_payload(StaffMember.__table__, row))  # type: ignore[arg-type]
        append(connection, [Entry("staff_member", staff_id, 1, False, EVERYONE, payload)], now=now)
    return staff_id


def _staff_id(connection: Connection, username: str) -> str | None:
    row = connection.execute(select(StaffMember.id).where(StaffMember.username == username)).first()
    return row[0] if row else None


def login(
    connection: Connection,
    settings: ServerSettings,
    *,
    username: str,
    password: str,
    device_id: str,
    device_name: str,
    public_key: str | None,
    now: datetime,
) -> LoggedIn:
    """Check the password and (re-)enrol the device; a new token replaces the old one."""
    user = connection.execute(select(User).where(User.username == username)).first()
    if user is not None and user.locked_until is not None and user.locked_until > now:
        wait = int((user.locked_until - now).total_seconds()) + 1
        raise LoginRefused(429, "locked", f"too many failed sign-ins; try again in {wait} seconds")
    if not verify_password(user.password_hash if user else None, password) or user is None:
        if user is not None:
            _count_failure(connection, settings, user, now)
        raise LoginRefused(401, "bad_credentials", "wrong username or password")
    if not user.active:
        raise LoginRefused(403, "inactive", "this account is disabled")
    device = connection.execute(select(Device).where(Device.id == device_id)).first()
    if device is not None and device.user_id != user.id:
        raise LoginRefused(
            409,
            "device_taken",
            "this laptop is enrolled for another user; ask an admin to revoke it",
        )
    if device is not None and device.revoked_at is not None:
        raise LoginRefused(403, "device_revoked", "this laptop was revoked; ask an admin")
    _check_signing_key(connection, device, public_key)
    token = new_token()
    values = {
        "token_hash": token_hash(token),
        "name": device_name,
        "public_key": public_key or (device.public_key if device else None),
        "last_seen_at": now,
    }
    if device is None:
        connection.execute(
            insert(Device).values(id=device_id, user_id=user.id, created_at=now, **values)
        )
    else:
        connection.execute(update(Device).where(Device.id == device_id).values(**values))
    connection.execute(
        update(User).where(User.id == user.id).values(failed_logins=0, locked_until=None)
    )
    return LoggedIn(token, user)  # type: ignore[arg-type]


def _check_signing_key(connection: Connection, device: Any, public_key: str | None) -> None:
    """A laptop's key is fixed once entries signed with it were received: a new key would let
    whoever holds the password sign entries in that laptop's name."""
    if public_key is None:
        return
    try:
        check_public_key(public_key)
    except KeyUnusable:
        raise LoginRefused(
            422, "bad_public_key", "the laptop's public key is not an Ed25519 key"
        ) from None
    if (
        device is not None
        and device.public_key
        and device.public_key != public_key
        and device_has_entries(connection, device.id)
    ):
        raise LoginRefused(
            409,
            "signing_key_changed",
            "this laptop now signs with another key than the one its evidence was signed "
            "with; ask an admin to revoke the laptop and enrol it anew",
        )


def _count_failure(
    connection: Connection, settings: ServerSettings, user: Any, now: datetime
) -> None:
    failures = user.failed_logins + 1
    locked_until = None
    if failures >= settings.login_lock_after:
        locked_until = now + timedelta(minutes=settings.login_lock_minutes)
    elif failures >= settings.login_slow_after:
        # Slowed before locked: each further try waits twice as long as the one before.
        locked_until = now + timedelta(seconds=2 ** (failures - settings.login_slow_after + 1))
    connection.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_logins=failures, locked_until=locked_until)
    )


# Asked on every request: built once.
_DEVICE_FOR_TOKEN = (
    select(Device.id, User.id, User.username, User.role, User.squad_code)
    .join(User, User.id == Device.user_id)
    .where(
        Device.token_hash == bindparam("token_hash"),
        Device.revoked_at.is_(None),
        User.active.is_(True),
    )
)


def device_for_token(connection: Connection, token: str) -> DeviceContext | None:
    row = connection.execute(_DEVICE_FOR_TOKEN, {"token_hash": token_hash(token)}).first()
    if row is None:
        return None
    return DeviceContext(row[0], row[1], row[2], row[3], row[4])


def revoke_device(connection: Connection, device_id: str, *, now: datetime) -> bool:
    result = connection.execute(
        update(Device).where(Device.id == device_id).values(revoked_at=now, token_hash=None)
    )
    return bool(result.rowcount)
