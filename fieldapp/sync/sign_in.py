"""Signing in on the laptop: online the first time (enrolment), offline afterwards against the
local Argon2 verifier; signing out forgets the device token and keeps every unsent change."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from sqlalchemy import Engine, func, select, update

from fieldapp.domain.enums import OutboxState
from fieldapp.storage.engine import writing
from fieldapp.storage.local_tables import OutboxOp, Profile
from fieldapp.sync.client import CentralClient
from fieldapp.sync.enrolment import Enrolment, enrol, load_enrolment, unlock_offline

MAX_URL = 512
MAX_USERNAME = 64
MAX_PASSWORD = 1024


class SignInRefused(Exception):
    """Signing in cannot go ahead; ``code`` says why (for the window's words), nothing changed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class How(StrEnum):
    ONLINE = "online"  # ask the central store (first sign-in, another user, signed out)
    OFFLINE = "offline"  # check the password here: this user is enrolled and holds a token


@dataclass(frozen=True)
class SignInForm:
    server_url: str
    username: str
    password: str


def check_form(form: SignInForm) -> SignInForm:
    """The form with spaces trimmed, or SignInRefused naming the field that is wrong."""
    url = form.server_url.strip().rstrip("/")
    username = form.username.strip()
    if not url:
        raise SignInRefused("no_server", "enter the address of the central store")
    if len(url) > MAX_URL:
        raise SignInRefused("bad_server", "the address of the central store is too long")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        raise SignInRefused(
            "bad_server", "the address of the central store must look like https://host:port"
        )
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError:
        raise SignInRefused("bad_server", "the port of the central store is not valid") from None
    if not username:
        raise SignInRefused("no_username", "enter your user name")
    if len(username) > MAX_USERNAME or any(ord(c) < 32 for c in username):
        raise SignInRefused("bad_username", "this user name is not valid")
    if not form.password:
        raise SignInRefused("no_password", "enter your password")
    if len(form.password) > MAX_PASSWORD or "\x00" in form.password:
        raise SignInRefused("bad_password", "this password is not valid")
    return SignInForm(url, username, form.password)


def how_to_sign_in(engine: Engine, form: SignInForm) -> How:
    """Offline when this user is enrolled here with this central store and a token, else online."""
    enrolment = load_enrolment(engine)
    if (
        enrolment is None
        or not enrolment.token
        or enrolment.username != form.username
        or enrolment.server_url != form.server_url.rstrip("/")
    ):
        return How.ONLINE
    return How.OFFLINE


def sign_in(
    engine: Engine,
    form: SignInForm,
    *,
    device_id: str,
    client: CentralClient | None = None,
) -> tuple[Enrolment, How]:
    """Sign in as the form says: SignInRefused (wrong password, another user's unsent
    changes) or a SyncError of the central store when it does not go ahead."""
    form = check_form(form)
    how = how_to_sign_in(engine, form)
    if how is How.OFFLINE:
        if not unlock_offline(engine, form.username, form.password):
            raise SignInRefused("wrong_password", "the user name or the password is wrong")
        enrolment = load_enrolment(engine)
        assert enrolment is not None
        return enrolment, how
    previous = load_enrolment(engine)
    if previous is not None and previous.username != form.username and unsent(engine):
        # Pushed under the new user's token, they would be that user's changes.
        raise SignInRefused(
            "unsent_changes",
            f"{previous.username} has unsent changes on this laptop: they sign in and sync first",
        )
    enrolment = enrol(
        engine,
        server_url=form.server_url,
        username=form.username,
        password=form.password,
        device_id=device_id,
        client=client,
    )
    return enrolment, how


def unlock(engine: Engine, password: str) -> bool:
    """The lock screen: True when ``password`` is the signed-in user's."""
    enrolment = load_enrolment(engine)
    if enrolment is None or not password or len(password) > MAX_PASSWORD:
        return False
    return unlock_offline(engine, enrolment.username, password)


def sign_out(engine: Engine) -> None:
    """Forget the device token (the next sign-in is online); the outbox stays as it is."""
    with writing(engine).begin() as connection:
        connection.execute(update(Profile).values(token=""))


def unsent(engine: Engine) -> int:
    with engine.connect() as connection:
        count = connection.execute(
            select(func.count()).where(OutboxOp.state == OutboxState.PENDING)
        ).scalar()
    return int(count or 0)
