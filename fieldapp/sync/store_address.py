"""Checking the central store's address as a person types it: https expected, plain http only
for a store on this same laptop (loopback), and a reason code for everything else."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit, urlunsplit

from fieldapp.sync.sign_in import MAX_URL

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# Looks like an address typed without its scheme: host or IPv4, an optional port and path.
_BARE_HOST = re.compile(r"^[A-Za-z0-9.-]+(:\d{1,5})?(/\S*)?$")


class AddressProblem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    SPACES = "spaces"  # a space or a control character inside the address
    NO_SCHEME = "no_scheme"  # court.example:8470 — https:// is missing
    BAD_SCHEME = "bad_scheme"  # ftp://…, file://…
    NO_HOST = "no_host"
    BAD_HOST = "bad_host"
    BAD_PORT = "bad_port"
    CREDENTIALS = "credentials"  # user:password@host: a password must never sit in an address
    QUERY = "query"  # ?… or #…: the store's address has neither
    API_PATH = "api_path"  # …/api/v1/…: the address of one endpoint, not of the store
    PLAIN_HTTP = "plain_http"  # http:// to another machine: the password would travel in clear
    NOT_URL = "not_url"


class BadAddress(ValueError):
    """The address cannot be used; ``problem`` says why (the window words it)."""

    def __init__(self, problem: AddressProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True)
class StoreAddress:
    url: str  # normalised: scheme and host in lower case, no trailing slash
    plain_http: bool  # http:// to this laptop itself: allowed (training, tests), with a warning


def check_store_address(text: str) -> StoreAddress:
    """The address to sign in against, or BadAddress naming what is wrong with ``text``."""
    url = text.strip()
    if not url:
        raise BadAddress(AddressProblem.EMPTY, "enter the address of the central store")
    if len(url) > MAX_URL:
        raise BadAddress(
            AddressProblem.TOO_LONG, f"the address is longer than {MAX_URL} characters"
        )
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise BadAddress(AddressProblem.SPACES, "the address has spaces or control characters")
    if "://" not in url:
        typed_host = url.split("/")[0]
        if _BARE_HOST.match(url) and ("." in typed_host or typed_host.split(":")[0] == "localhost"):
            raise BadAddress(AddressProblem.NO_SCHEME, "the address must start with https://")
        raise BadAddress(AddressProblem.NOT_URL, "this is not a web address")
    scheme, _, rest = url.partition("://")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        raise BadAddress(AddressProblem.NOT_URL, "this is not a web address")
    scheme = scheme.lower()
    if scheme not in ("http", "https"):
        raise BadAddress(AddressProblem.BAD_SCHEME, "the address must start with https://")
    try:
        parts = urlsplit(f"{scheme}://{rest}")
    except ValueError:
        raise BadAddress(AddressProblem.NOT_URL, "this is not a web address") from None
    if "@" in parts.netloc:
        raise BadAddress(AddressProblem.CREDENTIALS, "the address must not hold a name or password")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise BadAddress(AddressProblem.QUERY, "the address must not have ? or # parts")
    host = parts.hostname
    if not host:
        raise BadAddress(AddressProblem.NO_HOST, "the address has no host name")
    try:
        port = parts.port
    except ValueError:
        raise BadAddress(
            AddressProblem.BAD_PORT, "the port is not a number from 1 to 65535"
        ) from None
    if port == 0:
        raise BadAddress(AddressProblem.BAD_PORT, "the port is not a number from 1 to 65535")
    loopback = _check_host(host)
    path = parts.path.rstrip("/")
    if "/api/" in f"{path}/":
        raise BadAddress(AddressProblem.API_PATH, "enter the store's address without /api/…")
    if scheme == "http" and not loopback:
        raise BadAddress(AddressProblem.PLAIN_HTTP, "plain http is only for this laptop itself")
    netloc = host if ":" not in host else f"[{host}]"
    if port is not None:
        netloc = f"{netloc}:{port}"
    return StoreAddress(urlunsplit((scheme, netloc, path, "", "")), plain_http=scheme == "http")


def _check_host(host: str) -> bool:
    """BadAddress unless ``host`` is a host name or an IP address; True when it is this laptop."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return address.is_loopback
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise BadAddress(AddressProblem.BAD_HOST, "the host name is not valid") from None
    labels = ascii_host.rstrip(".").split(".")
    if not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise BadAddress(AddressProblem.BAD_HOST, "the host name is not valid")
    return ascii_host == "localhost" or ascii_host.endswith(".localhost")
