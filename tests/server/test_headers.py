"""Every request but login and health carries a device token and the protocol and schema
versions; the central store answers a missing or unusable one with a JSON error."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from fieldapp.sync.protocol import PROTOCOL_HEADER, SCHEMA_HEADER
from tests.support.central import BLOBS, HEALTH, PULL, PUSH, VERSIONS, Central

SHA = "0" * 64


def calls(central: Central, headers: dict[str, str]) -> list[httpx.Response]:
    """One request to each endpoint that needs a device token."""
    body = {"device_id": central.account("officer11").device_id, "ops": []}
    client = central.client
    return [
        client.get(PULL, headers=headers),
        client.post(PUSH, json=body, headers=headers),
        client.post(f"{BLOBS}/missing", json={"hashes": []}, headers=headers),
        client.get(f"{BLOBS}/{SHA}", headers=headers),
        client.patch(
            f"{BLOBS}/{SHA}",
            content=b"x",
            headers={**headers, "Upload-Offset": "0", "Upload-Length": "1"},
        ),
    ]


def assert_all(answers: list[httpx.Response], status: int, code: str) -> list[dict[str, Any]]:
    bodies = []
    for answer in answers:
        assert answer.status_code == status, (answer.request.url, answer.text)
        body = answer.json()
        assert body["error"] == code, body
        assert body["message"]
        bodies.append(body)
    return bodies


def test_the_headers_used_by_the_tests_are_accepted(shared_central: Central) -> None:
    answers = calls(shared_central, shared_central.headers("officer11"))
    # Past the door: pull, push and missing succeed; the made-up blob is absent / mismatched.
    assert [a.status_code for a in answers] == [200, 200, 200, 404, 422]


def test_no_token_gets_401(shared_central: Central) -> None:
    bodies = assert_all(calls(shared_central, dict(VERSIONS)), 401, "unauthorized")
    assert "sign in" in bodies[0]["message"]


@pytest.mark.parametrize(
    "authorization",
    ["Bearer ", "Bearer not-a-token", "Basic b2ZmaWNlcjExOnB3", "bearer x", "Bearer " + "x" * 300],
)
def test_an_unusable_token_gets_401(shared_central: Central, authorization: str) -> None:
    headers = {**VERSIONS, "Authorization": authorization}
    assert_all(calls(shared_central, headers), 401, "unauthorized")


def test_a_missing_protocol_version_gets_400(shared_central: Central) -> None:
    headers = shared_central.headers("officer11")
    del headers[PROTOCOL_HEADER]
    bodies = assert_all(calls(shared_central, headers), 400, "missing_protocol")
    assert PROTOCOL_HEADER in bodies[0]["message"]


def test_a_missing_schema_version_gets_400(shared_central: Central) -> None:
    headers = shared_central.headers("officer11")
    del headers[SCHEMA_HEADER]
    assert_all(calls(shared_central, headers), 400, "missing_schema")


@pytest.mark.parametrize("value", ["abc", "", "-1", "1.0"])
def test_an_unreadable_protocol_version_gets_400(shared_central: Central, value: str) -> None:
    headers = shared_central.headers("officer11", **{PROTOCOL_HEADER: value})
    assert_all(calls(shared_central, headers)[:2], 400, "missing_protocol")


def test_protocol_0_gets_426_that_says_to_update(shared_central: Central) -> None:
    headers = shared_central.headers("officer11", **{PROTOCOL_HEADER: "0"})
    bodies = assert_all(calls(shared_central, headers), 426, "upgrade_required")
    message = bodies[0]["message"]
    assert "Update Fieldapp" in message
    assert "protocol version 0" in message
    assert "unsent changes stay on the laptop" in message


def test_schema_0_gets_426(shared_central: Central) -> None:
    headers = shared_central.headers("officer11", **{SCHEMA_HEADER: "0"})
    assert_all(calls(shared_central, headers)[:2], 426, "upgrade_required")


@pytest.mark.parametrize("header", [PROTOCOL_HEADER, SCHEMA_HEADER])
def test_a_version_newer_than_the_server_gets_400(shared_central: Central, header: str) -> None:
    headers = shared_central.headers("officer11", **{header: "2"})
    bodies = assert_all(
        calls(shared_central, headers), 400, f"unknown_{header.rsplit('-', 1)[1].lower()}"
    )
    assert "newer than this central store" in bodies[0]["message"]


def test_health_and_login_need_no_token(shared_central: Central) -> None:
    health = shared_central.client.get(HEALTH)
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    assert shared_central.login("supervisor").status_code == 200
