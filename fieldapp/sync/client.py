"""The laptop's HTTP client of the central store: one method per endpoint, typed errors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import msgspec

from fieldapp.sync import protocol as p

JSON = "application/json"
_encode = msgspec.json.Encoder().encode


class SyncError(Exception):
    """The central store answered, or could not be reached; ``message`` is for the officer."""

    def __init__(self, message: str, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


class Unreachable(SyncError):
    """No answer (offline, refused, timed out, cut): try again later."""


class Unauthorized(SyncError):
    """The token is unknown or revoked: sign in again."""


class UpgradeRequired(SyncError):
    """This client is too old for the central store (426); its outbox is kept."""


class CursorExpired(SyncError):
    """The local copy is too old to update (410): push, then download again."""


class Refused(SyncError):
    """Any other 4xx: the request itself was refused."""


@dataclass(frozen=True)
class PulledPage:
    body: bytes
    next_cursor: int
    has_more: bool


class CentralClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        verify: bool | str = True,
    ) -> None:
        headers = {
            p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION),
            p.SCHEMA_HEADER: str(p.SCHEMA_VERSION),
        }
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers=headers,
            timeout=timeout,
            transport=transport,
            verify=verify,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def health(self) -> dict[str, Any]:
        return self._call("GET", f"{p.API}/health").json()  # type: ignore[no-any-return]

    def login(self, request: p.LoginRequest) -> p.LoginResponse:
        response = self._call("POST", f"{p.API}/auth/login", json=request.model_dump())
        return p.LoginResponse.model_validate_json(response.content)

    def push(self, device_id: str, ops: list[dict[str, Any]]) -> p.PushResponse:
        return self.push_body(encode_push(device_id, ops))

    def push_body(self, body: bytes) -> p.PushResponse:
        """Push a request body made by ``encode_push``."""
        response = self._call(
            "POST", f"{p.API}/sync/push", content=body, headers={"Content-Type": JSON}
        )
        return p.PushResponse.model_validate_json(response.content)

    def lease_numbers(self, device_id: str, items: list[dict[str, Any]]) -> p.LeaseResponse:
        body = {"device_id": device_id, "items": items}
        response = self._call("POST", f"{p.API}/notice-numbers/lease", json=body)
        return p.LeaseResponse.model_validate_json(response.content)

    def pull(self, cursor: int, limit: int) -> PulledPage:
        response = self._call(
            "GET", f"{p.API}/sync/pull", params={"cursor": cursor, "limit": limit}
        )
        return PulledPage(
            response.content,
            int(response.headers[p.NEXT_CURSOR_HEADER]),
            response.headers[p.HAS_MORE_HEADER] == "1",
        )

    def record(self, entity: str, record_id: str) -> bytes | None:
        """One record as the central store holds it (a pulled change's JSON), or None when
        it shows this user no such record."""
        try:
            path = f"{quote(entity, safe='')}/{quote(record_id, safe='')}"
            response = self._call("GET", f"{p.API}/sync/record/{path}")
        except Refused as refused:
            if refused.status == 404:
                return None
            raise
        return response.content

    def _call(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.TransportError as error:
            raise Unreachable(f"the central store cannot be reached: {error}") from error
        if response.status_code < 400:
            return response
        raise _error(response)


def encode_push(device_id: str, ops: list[dict[str, Any]]) -> bytes:
    """The push request's body, by msgspec: several times faster than json for a batch of ops
    (numbers beyond 64 bits, which it cannot write, go through json)."""
    body = {"device_id": device_id, "ops": ops}
    try:
        return _encode(body)
    except (TypeError, OverflowError, msgspec.EncodeError):
        return json.dumps(body, ensure_ascii=False, default=_raw_json).encode()


def _raw_json(value: Any) -> Any:
    """JSON kept as text (msgspec.Raw, see outbox.py) for the json module."""
    if isinstance(value, msgspec.Raw):
        return json.loads(bytes(value))
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _error(response: httpx.Response) -> SyncError:
    try:
        body = response.json()
        message, code = str(body["message"]), str(body["error"])
    except (ValueError, KeyError, TypeError):
        message, code = f"the central store answered {response.status_code}", None
    status = response.status_code
    if status == 401:
        return Unauthorized(message, status, code)
    if status == 426:
        return UpgradeRequired(message, status, code)
    if status == 410:
        return CursorExpired(message, status, code)
    if status >= 500 or status == 408:
        return Unreachable(message, status, code)
    return Refused(message, status, code)
