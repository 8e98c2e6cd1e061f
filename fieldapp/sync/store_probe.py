"""Asking a central store whether it is there: GET /api/v1/health, read as what a person needs
to know (found, and which version; not reachable; something else answers; refused)."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from enum import StrEnum

import httpx

from fieldapp.sync.client import CentralClient, SyncError, Unreachable, UpgradeRequired

PROBE_TIMEOUT_S = 8.0
MAX_VERSION = 64


class ProbeOutcome(StrEnum):
    FOUND = "found"  # a Fieldapp central store answered; ``version`` is its version
    UNREACHABLE = "unreachable"  # no answer: offline, wrong address, firewall, VPN down
    CERTIFICATE = "certificate"  # https answered with a certificate this laptop does not trust
    NOT_FIELDAPP = "not_fieldapp"  # something answered, but not a Fieldapp central store
    SERVER_ERROR = "server_error"  # the store answered 5xx: starting, or out of order
    TOO_OLD = "too_old"  # this client is too old for the store (426)


@dataclass(frozen=True)
class StoreProbe:
    url: str
    outcome: ProbeOutcome
    version: str = ""
    detail: str = ""  # for the log and support, not the window's words


def probe_store(
    url: str, *, timeout: float = PROBE_TIMEOUT_S, transport: httpx.BaseTransport | None = None
) -> StoreProbe:
    """Ask the store at ``url`` (already checked by ``check_store_address``) for its health.

    Never raises for what the network or the store does: every answer is a StoreProbe.
    """
    try:
        with CentralClient(url, timeout=timeout, transport=transport) as client:
            body = client.health()
    except UpgradeRequired as error:
        return StoreProbe(url, ProbeOutcome.TOO_OLD, detail=error.message)
    except Unreachable as error:
        if error.status is not None:
            return StoreProbe(url, ProbeOutcome.SERVER_ERROR, detail=error.message)
        if _certificate_problem(error):
            return StoreProbe(url, ProbeOutcome.CERTIFICATE, detail=error.message)
        return StoreProbe(url, ProbeOutcome.UNREACHABLE, detail=error.message)
    except SyncError as error:  # 4xx: no such endpoint here, so not a Fieldapp store
        return StoreProbe(url, ProbeOutcome.NOT_FIELDAPP, detail=error.message)
    except (ValueError, httpx.HTTPError) as error:  # not JSON, a redirect loop, a bad header
        return StoreProbe(url, ProbeOutcome.NOT_FIELDAPP, detail=str(error)[:200])
    version = body.get("version") if isinstance(body, dict) else None
    if not isinstance(body, dict) or body.get("status") != "ok" or not isinstance(version, str):
        return StoreProbe(url, ProbeOutcome.NOT_FIELDAPP, detail=str(body)[:200])
    return StoreProbe(url, ProbeOutcome.FOUND, version=version[:MAX_VERSION])


def _certificate_problem(error: Unreachable) -> bool:
    cause: BaseException | None = error.__cause__
    for _ in range(10):  # the chain of causes is short; a bound in case it loops
        if cause is None:
            break
        if isinstance(cause, ssl.SSLCertVerificationError):
            return True
        cause = cause.__cause__ or cause.__context__
    return "CERTIFICATE_VERIFY_FAILED" in error.message
