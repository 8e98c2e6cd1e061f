"""Signing in: tokens, refusals, slowing and locking, devices, revocation and the audit log."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from fieldapp.domain.enums import Role
from fieldapp.server import app as app_module
from fieldapp.server.accounts import create_user, revoke_device
from fieldapp.storage.central_tables import AuditEntry, Device, User
from fieldapp.storage.engine import writing
from fieldapp.storage.reference import StaffMember
from tests.support.central import PUSH, SEEDED_AT, Central, Templates, new_uuid, visit

WAIT = re.compile(r"try again in (\d+) seconds")


class Clock:
    """The server's clock, frozen and moved by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    frozen = Clock(SEEDED_AT + timedelta(days=1))
    monkeypatch.setattr(app_module, "utcnow", frozen)
    return frozen


def user_row(central: Central, username: str) -> dict[str, Any]:
    (row,) = central.rows(User.__table__, User.username == username)
    return row


def device_row(central: Central, device_id: str) -> dict[str, Any]:
    (row,) = central.rows(Device.__table__, Device.id == device_id)
    return row


def audit_rows(central: Central, event: str) -> list[dict[str, Any]]:
    return central.rows(AuditEntry.__table__, AuditEntry.event == event)


def waited(message: str) -> int:
    """N of "try again in N seconds"."""
    found = WAIT.search(message)
    assert found, message
    return int(found.group(1))


def assert_error(answer: httpx.Response, status: int, code: str) -> dict[str, str]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    body: dict[str, str] = answer.json()
    assert body["error"] == code
    assert body["message"]
    return body


def test_sign_in_returns_a_token_the_user_and_the_server_time(central: Central) -> None:
    answer = central.login("lead1")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert set(body) == {"token", "user", "server_time"}
    assert len(body["token"]) >= 32
    staff = central.rows(StaffMember.__table__, StaffMember.username == "lead1")[0]
    assert body["user"] == {
        "id": staff["id"],
        "username": "lead1",
        "display_name": staff["display_name"],
        "role": "lead",
        "squad": "S1",
    }
    assert datetime.fromisoformat(body["server_time"]).tzinfo is not None
    assert central.pull("lead1").status_code == 200  # the new token works


def test_a_wrong_password_and_an_unknown_user_get_the_same_401(central: Central) -> None:
    wrong = central.login("lead1", password="not the password")
    unknown = central.login("nobody", password="not the password")
    assert_error(wrong, 401, "bad_credentials")
    assert (
        wrong.json()
        == unknown.json()
        == {
            "error": "bad_credentials",
            "message": "wrong username or password",
        }
    )
    assert user_row(central, "lead1")["failed_logins"] == 1


def test_failures_first_slow_then_lock_the_account(central: Central, clock: Clock) -> None:
    for _ in range(2):
        assert_error(central.login("officer11", password="guess"), 401, "bad_credentials")
    assert user_row(central, "officer11")["locked_until"] is None
    assert_error(central.login("officer11", password="guess"), 401, "bad_credentials")
    row = user_row(central, "officer11")
    assert row["failed_logins"] == 3
    assert row["locked_until"] is not None
    assert row["locked_until"] > clock.now

    slowed = assert_error(central.login("officer11"), 429, "locked")  # even the right password
    wait = waited(slowed["message"])
    assert 1 <= wait <= 3
    assert user_row(central, "officer11")["failed_logins"] == 3  # a refused try is not counted

    clock.advance(seconds=wait)
    assert_error(central.login("officer11", password="guess"), 401, "bad_credentials")
    clock.advance(minutes=1)
    assert_error(central.login("officer11", password="guess"), 401, "bad_credentials")
    row = user_row(central, "officer11")
    assert row["failed_logins"] == 5
    assert row["locked_until"] >= clock.now + timedelta(minutes=14)

    locked = assert_error(central.login("officer11"), 429, "locked")
    assert 14 * 60 <= waited(locked["message"]) <= 15 * 60 + 1
    clock.advance(minutes=10)
    assert_error(central.login("officer11"), 429, "locked")

    clock.advance(minutes=6)
    assert central.login("officer11").status_code == 200
    row = user_row(central, "officer11")
    assert (row["failed_logins"], row["locked_until"]) == (0, None)


def test_a_success_resets_the_failure_count(central: Central, clock: Clock) -> None:
    for _ in range(2):
        central.login("officer12", password="guess")
    assert user_row(central, "officer12")["failed_logins"] == 2
    assert central.login("officer12").status_code == 200
    assert user_row(central, "officer12")["failed_logins"] == 0
    for _ in range(2):
        central.login("officer12", password="guess")
    assert user_row(central, "officer12")["locked_until"] is None  # counting starts again


def test_a_laptop_enrolled_for_one_user_cannot_be_taken_by_another(central: Central) -> None:
    lead_laptop = central.account("lead1").device_id
    taken = central.login("officer11", device_id=lead_laptop)
    assert_error(taken, 409, "device_taken")
    assert device_row(central, lead_laptop)["user_id"] == central.account("lead1").user_id
    assert central.pull("lead1").status_code == 200  # the lead's token still works


def test_the_token_is_kept_only_as_its_sha256(central: Central) -> None:
    device = new_uuid()
    answer = central.login("officer21", device_id=device)
    token = answer.json()["token"]
    row = device_row(central, device)
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(value) for value in row.values()}


def test_signing_in_again_replaces_the_token(central: Central) -> None:
    old = central.headers("officer21")
    assert central.client.get("/api/v1/sync/pull", headers=old).status_code == 200
    assert central.login("officer21").status_code == 200
    assert_error(central.client.get("/api/v1/sync/pull", headers=old), 401, "unauthorized")
    assert central.pull("officer21").status_code == 200


def test_a_revoked_laptop_is_refused_at_once(central: Central) -> None:
    device = central.account("officer31").device_id
    assert central.pull("officer31").status_code == 200
    with writing(central.engine).begin() as connection:
        assert revoke_device(connection, device, now=SEEDED_AT)
    assert_error(central.pull("officer31"), 401, "unauthorized")
    assert_error(central.push("officer31"), 401, "unauthorized")
    assert device_row(central, device)["token_hash"] is None
    # Signing in again does not bring the revoked laptop back.
    assert_error(central.login("officer31"), 403, "device_revoked")


def test_revoke_device_on_the_command_line(
    central_templates: Templates, sqlite_url: str, tmp_path: Path
) -> None:
    template = central_templates.sqlite()
    template.copy_to(sqlite_url)
    central = Central(sqlite_url, tmp_path / "blobs", template.accounts)
    try:
        device = central.account("officer41").device_id
        assert central.pull("officer41").status_code == 200
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "fieldapp",
                "admin",
                "revoke-device",
                "--db",
                sqlite_url,
                device,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert device in done.stdout
        assert_error(central.pull("officer41"), 401, "unauthorized")
        unknown = subprocess.run(
            [sys.executable, "-m", "fieldapp", "admin", "revoke-device", "--db", sqlite_url]
            + [new_uuid()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert unknown.returncode == 2
        assert "no device" in unknown.stderr
    finally:
        central.close()


def test_an_inactive_user_is_refused(central: Central) -> None:
    with writing(central.engine).begin() as connection:
        connection.execute(update(User).where(User.username == "officer22").values(active=False))
    assert_error(central.login("officer22"), 403, "inactive")
    assert_error(central.pull("officer22"), 401, "unauthorized")  # its token stops too
    assert_error(central.login("officer22", password="guess"), 401, "bad_credentials")


def test_a_created_user_signs_in(central: Central) -> None:
    with writing(central.engine).begin() as connection:
        create_user(
            connection,
            username="officer99",
            password="a long password",
            role=Role.OFFICER,
            squad_code="S2",
            now=SEEDED_AT,
        )
    answer = central.login("officer99", password="a long password")
    assert answer.status_code == 200, answer.text
    assert answer.json()["user"]["squad"] == "S2"


def test_sign_ins_refusals_and_rejected_ops_are_audited(central: Central) -> None:
    device = new_uuid()
    assert central.login("officer11", device_id=device).status_code == 200
    central.login("officer11", password="guess", device_id=device)
    central.login("ghost", password="guess", device_id=device)

    logins = [r for r in audit_rows(central, "login") if r["device_id"] == device]
    assert [(r["username"], r["client"] is not None) for r in logins] == [("officer11", True)]
    refused = {
        (r["username"], r["detail"])
        for r in audit_rows(central, "login_refused")
        if r["device_id"] == device
    }
    assert refused == {("officer11", "bad_credentials"), ("ghost", "bad_credentials")}

    ops = central.ops("officer21")
    bad = ops.insert("visit_attempt", visit(new_uuid()))
    results = central.push_ok("officer21", bad)
    assert results[0]["status"] == "rejected"
    (rejected,) = audit_rows(central, "ops_rejected")
    assert rejected["username"] == "officer21"
    assert rejected["device_id"] == central.account("officer21").device_id
    assert f"op {bad['seq']}" in str(rejected["detail"])
    assert "assignment" in str(rejected["detail"])


def test_a_push_refused_whole_is_audited(
    central: Central,
) -> None:
    body = {"device_id": central.account("lead1").device_id, "ops": []}
    answer = central.client.post(PUSH, json=body, headers=central.headers("officer11"))
    assert_error(answer, 403, "forged_device")
    (refused,) = audit_rows(central, "push_refused")
    assert refused["username"] == "officer11"
    assert "another device" in str(refused["detail"])
