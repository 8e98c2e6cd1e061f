"""Checking an evidence bundle with nothing but the bundle: no network, no database.

Every file is hashed and compared with its signed record; every chain is followed from its
first entry, each entry's hash recomputed (where the bundle holds its record) and its
signature checked against the device's key; every receipt's signature is checked and each
entry it names must be in the bundle, unchanged.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.evidence.bundle import FORMAT, FORMAT_VERSION, MANIFEST
from fieldapp.evidence.canonical import CanonicalError, entry_hash, parse_canonical
from fieldapp.evidence.chain import ChainEntry, check_link, entry_signed_by
from fieldapp.evidence.keys import KeyUnusable, check_public_key, fingerprint
from fieldapp.evidence.receipts import ReceiptError, receipt_from_dict, receipt_is_genuine

MAX_MANIFEST = 256 << 20
_READ = 4 << 20
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")


@dataclass
class Verdict:
    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    items: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures

    def fail(self, text: str) -> None:
        self.failures.append(text)
        self.lines.append(f"FAIL  {text}")


class _Unusable(Exception):
    """The bundle cannot be read at all."""


def verify_bundle(path: Path, *, on_line: Callable[[str], None] | None = None) -> Verdict:
    verdict = Verdict()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        verdict.fail(f"{path.name} is not a readable zip archive: {error}")
        return verdict
    with archive:
        try:
            manifest = _manifest(archive)
            _check(archive, path, manifest, verdict, on_line)
        except _Unusable as error:
            verdict.fail(str(error))
    return verdict


def _manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError:
        raise _Unusable("the bundle has no manifest.json") from None
    if info.file_size > MAX_MANIFEST:
        raise _Unusable("manifest.json is too large to be a manifest")
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_MANIFEST + 1)
        manifest = json.loads(data.decode("utf-8"))
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError, ValueError) as error:
        raise _Unusable(f"manifest.json cannot be read: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _Unusable("manifest.json is not a Fieldapp evidence bundle manifest")
    if manifest.get("version") != FORMAT_VERSION:
        raise _Unusable(f"bundle format version {manifest.get('version')!r} is not known")
    for name in ("items", "devices", "receipts"):
        if not isinstance(manifest.get(name), list):
            raise _Unusable(f"manifest.json has no list of {name}")
    return manifest


@dataclass
class _Chain:
    public_key: str
    entries: dict[int, ChainEntry]
    records: dict[int, dict[str, Any]]  # seq → canonical form, where the bundle holds it


def _check(
    archive: zipfile.ZipFile,
    path: Path,
    manifest: dict[str, Any],
    verdict: Verdict,
    on_line: Callable[[str], None] | None,
) -> None:
    def say(text: str) -> None:
        verdict.lines.append(text)
        if on_line is not None:
            on_line(text)

    def fail(text: str) -> None:
        verdict.fail(text)
        if on_line is not None:
            on_line(f"FAIL  {text}")

    chains: dict[str, _Chain] = {}
    for device in manifest["devices"]:
        chain = _read_chain(device, fail)
        if chain is not None:
            device_id = str(device.get("device_id"))
            if device_id in chains:
                fail(f"device {device_id} appears twice in the manifest")
            chains[device_id] = chain
            say(
                f"chain of device {device_id} (key {fingerprint(chain.public_key)}): "
                f"{len(chain.entries)} entries"
            )
    received = _check_receipts(manifest["receipts"], chains, say, fail)
    listed: set[tuple[str, int]] = set()
    for raw in manifest["items"]:
        verdict.items += 1
        if _check_item(archive, path, raw, chains, received, say, fail):
            listed.add((str(raw["device_id"]), int(raw["seq"])))
    for device_id, chain in chains.items():
        for seq, record in chain.records.items():
            if chain.entries[seq].entity == "evidence_item" and (device_id, seq) not in listed:
                fail(
                    f"entry {seq} of device {device_id} holds evidence item {record.get('id')}, "
                    "which the manifest's items leave out or fail"
                )


def _read_chain(device: Any, fail: Callable[[str], None]) -> _Chain | None:
    if not isinstance(device, dict) or not isinstance(device.get("entries"), list):
        fail("a device of the manifest is not described properly")
        return None
    device_id = device.get("device_id")
    try:
        public_key = check_public_key(device.get("public_key"))  # type: ignore[arg-type]
    except (KeyUnusable, ValueError):
        fail(f"device {device_id}: its public key is not an Ed25519 key")
        return None
    chain = _Chain(public_key, {}, {})
    previous: ChainEntry | None = None
    for raw in device["entries"]:
        try:
            entry = ChainEntry(
                int(raw["seq"]),
                str(raw["entity"]),
                str(raw["record_id"]),
                str(raw["prev_hash"]),
                str(raw["entry_hash"]),
                str(raw["signature"]),
            )
            canonical = raw.get("canonical")
        except (KeyError, TypeError, ValueError):
            fail(f"device {device_id}: an entry of its chain is not described properly")
            return None
        fault = check_link(previous, entry)
        if fault is not None:
            fail(f"device {device_id}: {fault}")
            return None
        if canonical is not None:
            fault = _check_record(entry, canonical, chain)
            if fault is not None:
                fail(f"device {device_id}: {fault}")
                return None
        if not entry_signed_by(public_key, entry):
            fail(f"device {device_id}: entry {entry.seq} is not signed by this device's key")
            return None
        chain.entries[entry.seq] = entry
        previous = entry
    return chain


def _check_record(entry: ChainEntry, canonical: Any, chain: _Chain) -> str | None:
    if not isinstance(canonical, str):
        return f"entry {entry.seq}: its record is not text"
    data = canonical.encode("utf-8")
    try:
        form = parse_canonical(data)
    except CanonicalError as error:
        return f"entry {entry.seq}: {error}"
    record = form["record"]
    if (form["seq"], form["entity"], record.get("id")) != (
        entry.seq,
        entry.entity,
        entry.record_id,
    ):
        return f"entry {entry.seq}: its record names another place in the chain"
    try:
        digest = entry_hash(entry.prev_hash, data)
    except ValueError:
        return f"entry {entry.seq}: its previous hash is not a hash"
    if digest != entry.entry_hash:
        return f"entry {entry.seq}: the record was changed after it was signed (hash differs)"
    chain.records[entry.seq] = record
    return None


def _check_receipts(
    receipts: list[Any],
    chains: dict[str, _Chain],
    say: Callable[[str], None],
    fail: Callable[[str], None],
) -> dict[tuple[str, int], str]:
    """(device, seq) → when the court's server received it, from genuine receipts."""
    received: dict[tuple[str, int], str] = {}
    servers: set[str] = set()
    for raw in receipts:
        try:
            receipt = receipt_from_dict(raw)
        except ReceiptError as error:
            fail(f"a receipt cannot be read: {error}")
            continue
        if not receipt_is_genuine(receipt):
            fail(f"the receipt of {receipt.received_at} is not signed by its server key")
            continue
        servers.add(receipt.server_key)
        chain = chains.get(receipt.device_id)
        if chain is not None and chain.public_key != receipt.device_key:
            fail(
                f"device {receipt.device_id} signs with another key than the one the court's "
                f"server checked its entries against on {receipt.received_at}"
            )
            continue
        for entry in receipt.entries:
            held = chain.entries.get(entry.seq) if chain else None
            if held is None:
                fail(
                    f"the receipt of {receipt.received_at} names entry {entry.seq} of device "
                    f"{receipt.device_id}, which the bundle lacks: the chain was cut short"
                )
            elif held.entry_hash != entry.entry_hash:
                fail(
                    f"entry {entry.seq} of device {receipt.device_id} differs from the one "
                    f"the court's server received on {receipt.received_at}"
                )
            else:
                received.setdefault((receipt.device_id, entry.seq), receipt.received_at)
    for key in sorted(servers):
        say(f"receipts signed by the court's server key {fingerprint(key)}")
    return received


def _check_item(
    archive: zipfile.ZipFile,
    path: Path,
    raw: Any,
    chains: dict[str, _Chain],
    received: dict[tuple[str, int], str],
    say: Callable[[str], None],
    fail: Callable[[str], None],
) -> bool:
    """Whether the item checks out (its line says so, or why not)."""
    if not isinstance(raw, dict):
        fail("an item of the manifest is not described properly")
        return False
    item_id = str(raw.get("id"))
    label = f"{raw.get('kind', '?')} {item_id}"
    chain = chains.get(str(raw.get("device_id")))
    seq: Any = raw.get("seq")
    record = chain.records.get(seq) if chain is not None and isinstance(seq, int) else None
    if record is None:
        fail(f"{label}: no signed record of it in the chain of device {raw.get('device_id')}")
        return False
    for name in ("id", "kind", "sha256", "size", "mime"):
        if record.get(name) != raw.get(name):
            fail(f"{label}: its {name} in the manifest differs from its signed record")
            return False
    sha256, size = record.get("sha256"), record.get("size")
    if sha256 is not None:
        member = raw.get("file")
        if not isinstance(member, str):
            fail(f"{label}: its file is not in the bundle")
            return False
        try:
            digest, length = _hash_member(archive, path, member)
        except KeyError:
            fail(f"{label}: its file {member} is not in the bundle")
            return False
        except (OSError, zipfile.BadZipFile, _Unusable) as error:
            fail(f"{label}: its file {member} cannot be read: {error}")
            return False
        if length != size or digest != sha256:
            fail(f"{label}: its file {member} is not the file captured (sha256 differs)")
            return False
    when = received.get((str(raw.get("device_id")), int(seq)))
    custody = f"received by the court's server {when}" if when else "NOT received by the server"
    digest_text = f"sha256 {sha256[:16]}…" if sha256 else "note"
    say(f"OK    {label}  {digest_text}  signed, chained, {custody}")
    return True


def _hash_member(archive: zipfile.ZipFile, path: Path, member: str) -> tuple[str, int]:
    """sha256 and length of a member; a stored one is read straight from the archive file
    (zipfile would also compute its CRC, which costs as much again as the hash)."""
    info = archive.getinfo(member)
    digest = hashlib.sha256()
    buffer = bytearray(_READ)
    view = memoryview(buffer)
    if info.compress_type == zipfile.ZIP_STORED and not info.flag_bits & 0x1:
        with path.open("rb") as handle:
            handle.seek(info.header_offset)
            header = handle.read(_LOCAL_HEADER.size)
            if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
                raise _Unusable("its local header is damaged")
            fields = _LOCAL_HEADER.unpack(header)
            handle.seek(fields[9] + fields[10], 1)
            remaining = info.file_size
            while remaining > 0:
                count = handle.readinto(view[: min(_READ, remaining)])
                if not count:
                    raise _Unusable("the archive ends inside the file")
                digest.update(view[:count])
                remaining -= count
        return digest.hexdigest(), info.file_size
    length = 0
    with archive.open(info) as handle:
        while count := handle.readinto(buffer):  # type: ignore[attr-defined]
            digest.update(view[:count])
            length += count
    return digest.hexdigest(), length
