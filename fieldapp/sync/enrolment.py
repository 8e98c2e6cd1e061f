"""Enrolling the laptop with a central store: sign in, keep the token and an offline verifier."""

from __future__ import annotations

import socket
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, insert, select

from fieldapp.services.custody_chain import ensure_signing_key
from fieldapp.storage.engine import writing
from fieldapp.storage.local_tables import Profile
from fieldapp.storage.types import utcnow
from fieldapp.sync.client import CentralClient
from fieldapp.sync.protocol import LoginRequest

_hasher = PasswordHasher()


@dataclass(frozen=True)
class Enrolment:
    server_url: str
    device_id: str
    token: str
    user_id: str
    username: str
    display_name: str
    role: str
    squad_code: str | None
    clock_offset_s: float


def enrol(
    engine: Engine,
    *,
    server_url: str,
    username: str,
    password: str,
    device_id: str,
    device_name: str | None = None,
    client: CentralClient | None = None,
) -> Enrolment:
    """Sign in online and keep what the laptop needs to sync and to unlock offline."""
    # The laptop's signing key is made at its first enrolment and registered at each login.
    public_key = ensure_signing_key(engine)
    own_client = client is None
    client = client or CentralClient(server_url)
    try:
        sent = utcnow()
        answer = client.login(
            LoginRequest(
                username=username,
                password=password,
                device_id=device_id,
                device_name=(device_name or socket.gethostname() or "laptop")[:128],
                public_key=public_key,
            )
        )
        received = utcnow()
    finally:
        if own_client:
            client.close()
    midpoint = sent + (received - sent) / 2
    offset = (answer.server_time - midpoint).total_seconds()
    enrolment = Enrolment(
        server_url=server_url.rstrip("/"),
        device_id=device_id,
        token=answer.token,
        user_id=answer.user.id,
        username=answer.user.username,
        display_name=answer.user.display_name,
        role=answer.user.role,
        squad_code=answer.user.squad,
        clock_offset_s=offset,
    )
    with writing(engine).begin() as connection:
        connection.execute(delete(Profile))
        connection.execute(
            insert(Profile).values(
                id=1,
                server_url=enrolment.server_url,
                device_id=device_id,
                device_name=(device_name or socket.gethostname() or "laptop")[:128],
                token=enrolment.token,
                user_id=enrolment.user_id,
                username=enrolment.username,
                display_name=enrolment.display_name,
                role=enrolment.role,
                squad_code=enrolment.squad_code,
                password_verifier=_hasher.hash(password),
                clock_offset_s=offset,
                enrolled_at=received,
            )
        )
    return enrolment


def load_enrolment(engine: Engine) -> Enrolment | None:
    with engine.connect() as connection:
        row = connection.execute(select(Profile)).first()
    if row is None:
        return None
    return Enrolment(
        server_url=row.server_url,
        device_id=row.device_id,
        token=row.token,
        user_id=row.user_id,
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        squad_code=row.squad_code,
        clock_offset_s=row.clock_offset_s,
    )


def unlock_offline(engine: Engine, username: str, password: str) -> bool:
    """True when ``password`` is the enrolled user's, checked against the local verifier."""
    with engine.connect() as connection:
        row = connection.execute(select(Profile.username, Profile.password_verifier)).first()
    if row is None or row.username != username or not row.password_verifier:
        return False
    try:
        return _hasher.verify(row.password_verifier, password)
    except (VerificationError, InvalidHashError):
        return False
