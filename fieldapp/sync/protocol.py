"""The sync protocol v1 on the wire (DESIGN §4): request and answer bodies, headers, versions."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

PROTOCOL_VERSION = 1
SCHEMA_VERSION = 1
# The server serves the current and the previous version; an older client gets 426.
OLDEST_PROTOCOL = max(1, PROTOCOL_VERSION - 1)
OLDEST_SCHEMA = max(1, SCHEMA_VERSION - 1)

API = "/api/v1"
PROTOCOL_HEADER = "X-Fieldapp-Protocol"
SCHEMA_HEADER = "X-Fieldapp-Schema"
NEXT_CURSOR_HEADER = "X-Fieldapp-Next-Cursor"
HAS_MORE_HEADER = "X-Fieldapp-Has-More"
UPLOAD_OFFSET = "Upload-Offset"
UPLOAD_LENGTH = "Upload-Length"

MAX_PULL_LIMIT = 5000
MAX_PUSH_OPS = 1000
MAX_JSON_BODY = 16 * 1024 * 1024
MAX_CHUNK = 16 * 1024 * 1024

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
UUID_TEXT = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"

Uuid = Annotated[str, StringConstraints(pattern=UUID_TEXT)]
Sha256 = Annotated[str, StringConstraints(pattern=SHA256_HEX.pattern)]
# No NUL characters: PostgreSQL cannot store them in text.
NO_NUL = r"^[^\x00]*$"
Name = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=NO_NUL)]
EntityName = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,32}$")]
OpStatus = Literal["applied", "duplicate", "conflict", "rejected"]


def _json_number(value: Any) -> Any:
    """Refuses "1" and true where a number belongs (pydantic's lax mode would take them)."""
    if isinstance(value, str | bool):
        raise ValueError("must be a JSON number")
    return value


JSON_NUMBER = BeforeValidator(_json_number)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LoginRequest(Strict):
    username: Name
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]
    device_id: Uuid
    device_name: Name
    public_key: Annotated[str, StringConstraints(max_length=256, pattern=NO_NUL)] | None = None


class UserInfo(Strict):
    id: str
    username: str
    display_name: str
    role: str
    squad: str | None


class LoginResponse(Strict):
    token: str
    user: UserInfo
    server_time: datetime


class ChainLinkBody(Strict):
    """The custody-chain entry of an append-only record (docs/evidence.md)."""

    seq: Annotated[int, Field(ge=1, le=2**62), JSON_NUMBER]
    prev_hash: Sha256
    entry_hash: Sha256
    signature: Annotated[str, StringConstraints(min_length=1, max_length=128)]


class Op(Strict):
    op_id: Uuid
    seq: Annotated[int, Field(ge=1, le=2**62), JSON_NUMBER]
    entity: EntityName
    record_id: Uuid
    kind: Literal["insert", "update", "delete"]
    base_version: Annotated[int, Field(ge=0, le=2**62), JSON_NUMBER]
    data: dict[str, Any] = Field(default_factory=dict)
    # Inserts of append-only records from a laptop with a signing key carry their entry.
    chain: ChainLinkBody | None = None


class PushRequest(Strict):
    device_id: Uuid
    ops: Annotated[list[Op], Field(max_length=MAX_PUSH_OPS)]


class OpResult(Strict):
    op_id: str
    seq: int
    status: OpStatus
    version: int | None = None
    reason: str | None = None
    record: dict[str, Any] | None = None
    # For a duplicate: what the op was answered the first time.
    original_status: OpStatus | None = None


class PushResponse(Strict):
    results: list[OpResult]
    server_time: datetime
    # The server's signed receipt for the custody-chain entries of the batch, if any.
    receipt: dict[str, Any] | None = None


class Change(Strict):
    seq: int
    entity: str
    record_id: str
    version: int
    deleted: bool
    data: dict[str, Any]


class Removed(Strict):
    entity: str
    record_id: str


class PullResponse(Strict):
    changes: list[Change]
    removed: list[Removed]
    next_cursor: int
    has_more: bool


class MissingRequest(Strict):
    hashes: Annotated[list[Sha256], Field(max_length=10_000)]


class MissingResponse(Strict):
    missing: list[str]


class ErrorBody(Strict):
    error: str
    message: str


class LeaseItemBody(Strict):
    series: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    count: Annotated[int, Field(ge=1, le=100)]


class LeaseBody(Strict):
    device_id: Uuid
    items: Annotated[list[LeaseItemBody], Field(max_length=500)]


class LeasedBlock(Strict):
    id: str
    series: str
    first: int
    last: int


class LeaseResponse(Strict):
    blocks: list[LeasedBlock]
    server_time: datetime
