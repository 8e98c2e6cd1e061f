"""The central store's address as typed in the first run, and the health probe's reading of
every kind of answer (a real server is asked in tests/ui/test_first_run.py)."""

from __future__ import annotations

import json

import httpx
import pytest

from fieldapp.sync.store_address import AddressProblem, BadAddress, check_store_address
from fieldapp.sync.store_probe import ProbeOutcome, probe_store


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", AddressProblem.EMPTY),
        ("   \t ", AddressProblem.EMPTY),
        ("https://" + "a" * 2000 + ".example", AddressProblem.TOO_LONG),
        ("https://court example", AddressProblem.SPACES),
        ("not a url", AddressProblem.SPACES),
        ("https://court.example\x00", AddressProblem.SPACES),
        ("court.example:8470", AddressProblem.NO_SCHEME),
        ("localhost:8470", AddressProblem.NO_SCHEME),
        ("ftp://court.example", AddressProblem.BAD_SCHEME),
        ("file:///etc/passwd", AddressProblem.BAD_SCHEME),
        ("https://", AddressProblem.NO_HOST),
        ("https://:8470", AddressProblem.NO_HOST),
        ("https://-court-.example", AddressProblem.BAD_HOST),
        ("https://1.2.3.999", AddressProblem.BAD_HOST),
        ("https://court_store.example", AddressProblem.BAD_HOST),
        ("https://court.example:99999", AddressProblem.BAD_PORT),
        ("https://court.example:0", AddressProblem.BAD_PORT),
        ("https://court.example:port", AddressProblem.BAD_PORT),
        ("https://admin:secret@court.example", AddressProblem.CREDENTIALS),
        ("https://court.example/fieldapp?token=1&x=2", AddressProblem.QUERY),
        ("https://court.example/#top", AddressProblem.QUERY),
        ("https://court.example:8470/api/v1/health", AddressProblem.API_PATH),
        ("http://court.example:8470", AddressProblem.PLAIN_HTTP),
        ("http://10.1.2.3:8470", AddressProblem.PLAIN_HTTP),
        ("hello", AddressProblem.NOT_URL),
        ("<script>alert(1)</script>", AddressProblem.NOT_URL),
        ("javascript:alert(1)", AddressProblem.NOT_URL),
        ("://court.example", AddressProblem.NOT_URL),
        ("法院", AddressProblem.NOT_URL),
    ],
)
def test_a_bad_address_is_named(text: str, problem: AddressProblem) -> None:
    with pytest.raises(BadAddress) as bad:
        check_store_address(text)
    assert bad.value.problem is problem


@pytest.mark.parametrize(
    ("text", "url", "plain_http"),
    [
        ("https://court.example:8470", "https://court.example:8470", False),
        ("  HTTPS://Court.Example:8470/ ", "https://court.example:8470", False),
        ("https://court.example/fieldapp/", "https://court.example/fieldapp", False),
        ("https://10.1.2.3", "https://10.1.2.3", False),
        ("https://法院.中国", "https://法院.中国", False),
        ("http://127.0.0.1:8470", "http://127.0.0.1:8470", True),
        ("http://localhost:8470", "http://localhost:8470", True),
        ("http://[::1]:8470/", "http://[::1]:8470", True),
    ],
)
def test_a_good_address_is_normalised(text: str, url: str, plain_http: bool) -> None:
    address = check_store_address(text)
    assert (address.url, address.plain_http) == (url, plain_http)


def _answering(
    status: int, body: bytes, content_type: str = "application/json"
) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/v1/health"
        return httpx.Response(status, content=body, headers={"Content-Type": content_type})

    return httpx.MockTransport(handler)


def _failing(error: Exception) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    ("transport", "outcome", "version"),
    [
        (
            _answering(200, json.dumps({"status": "ok", "version": "1.2.3"}).encode()),
            "found",
            "1.2.3",
        ),
        (_answering(200, b"<html>router login</html>", "text/html"), "not_fieldapp", ""),
        (_answering(200, b'{"status": "ok"}'), "not_fieldapp", ""),
        (_answering(200, b'["ok"]'), "not_fieldapp", ""),
        (_answering(200, b'{"status": "down", "version": "1"}'), "not_fieldapp", ""),
        (_answering(404, b'{"detail": "Not Found"}'), "not_fieldapp", ""),
        (_answering(302, b""), "not_fieldapp", ""),
        (_answering(503, b'{"error": "db", "message": "database down"}'), "server_error", ""),
        (_answering(426, b'{"error": "upgrade", "message": "too old"}'), "too_old", ""),
        (_failing(httpx.ConnectError("connection refused")), "unreachable", ""),
        (_failing(httpx.ReadTimeout("timed out")), "unreachable", ""),
        (
            _failing(httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] self-signed")),
            "certificate",
            "",
        ),
    ],
)
def test_the_probe_reads_every_kind_of_answer(
    transport: httpx.MockTransport, outcome: str, version: str
) -> None:
    probe = probe_store("https://court.example:8470", transport=transport)
    assert probe.outcome is ProbeOutcome(outcome)
    assert probe.version == version
    assert probe.url == "https://court.example:8470"


def test_a_huge_version_is_cut() -> None:
    body = json.dumps({"status": "ok", "version": "9" * 10_000}).encode()
    probe = probe_store("https://court.example", transport=_answering(200, body))
    assert probe.outcome is ProbeOutcome.FOUND
    assert len(probe.version) == 64
