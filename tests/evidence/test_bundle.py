"""Export and offline verification of a bundle, and each way of tampering with it."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from fieldapp.cli.main import main
from fieldapp.evidence.canonical import entry_hash
from fieldapp.evidence.keys import ENTRY_CONTEXT, SigningKey
from fieldapp.evidence.verify import verify_bundle
from fieldapp.services.evidence_capture import CustodyState, custody_of_assignment
from fieldapp.services.evidence_export import ExportRefused, export_bundle
from fieldapp.storage.types import utcnow
from tests.support.evidence_world import EvidenceWorld

Manifest = dict[str, Any]


@pytest.fixture(scope="module")
def bundle(world: EvidenceWorld, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "bundle.zip"
    export_bundle(
        world.workspace.engine,
        world.workspace.blobs_dir,
        out=out,
        now=utcnow(),
        registration_no=world.subject,
    )
    return out


def _rewrite(
    source: Path,
    target: Path,
    *,
    manifest: Callable[[Manifest], None] | None = None,
    members: dict[str, bytes] | None = None,
) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "manifest.json" and manifest is not None:
                loaded = json.loads(data)
                manifest(loaded)
                data = json.dumps(loaded, ensure_ascii=False).encode()
            if members and info.filename in members:
                data = members[info.filename]
            new.writestr(info, data)
    return target


def _manifest(bundle: Path) -> Manifest:
    with zipfile.ZipFile(bundle) as archive:
        loaded: Manifest = json.loads(archive.read("manifest.json"))
    return loaded


def _photo_member(bundle: Path) -> str:
    return next(i["file"] for i in _manifest(bundle)["items"] if i["kind"] == "photo")


def _first_failure(path: Path) -> str:
    verdict = verify_bundle(path)
    assert not verdict.ok
    return verdict.failures[0]


def test_the_exported_bundle_verifies(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = _manifest(bundle)
    assert {item["kind"] for item in manifest["items"]} == {"photo", "video", "document", "note"}
    assert len(manifest["items"]) == 6
    assert manifest["receipts"], "the server's receipts are in the bundle"
    with zipfile.ZipFile(bundle) as archive:
        assert archive.read("custody-log.pdf").startswith(b"%PDF")
    assert main(["verify", str(bundle)]) == 0
    out = capsys.readouterr().out
    item_lines = [line for line in out.splitlines() if line.startswith("OK  ")]
    assert len(item_lines) == 6
    assert all("received by the court's server" in line for line in item_lines)
    assert "bundle intact: 6 items verified" in out


def test_the_window_sees_every_item_received(world: EvidenceWorld) -> None:
    states = custody_of_assignment(world.workspace.engine, world.assignment)
    assert [s.state for s in states] == [CustodyState.RECEIVED] * 6
    assert all(s.received_at is not None for s in states)


def test_a_flipped_byte_in_a_photo(bundle: Path, tmp_path: Path) -> None:
    member = _photo_member(bundle)
    with zipfile.ZipFile(bundle) as archive:
        data = bytearray(archive.read(member))
    data[len(data) // 2] ^= 0x01
    bad = _rewrite(bundle, tmp_path / "b.zip", members={member: bytes(data)})
    assert "is not the file captured" in _first_failure(bad)


def test_a_file_replaced_by_another_valid_photo(bundle: Path, tmp_path: Path) -> None:
    other = io.BytesIO()
    Image.new("RGB", (96, 64), (1, 2, 3)).save(other, "JPEG")
    bad = _rewrite(bundle, tmp_path / "b.zip", members={_photo_member(bundle): other.getvalue()})
    assert "is not the file captured" in _first_failure(bad)


def _entries(manifest: Manifest) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = manifest["devices"][0]["entries"]
    return entries


def test_a_record_field_edited(bundle: Path, tmp_path: Path) -> None:
    def edit(manifest: Manifest) -> None:
        entry = next(e for e in _entries(manifest) if e["canonical"])
        entry["canonical"] = entry["canonical"].replace('"kind":"photo"', '"kind":"video"')

    bad = _rewrite(bundle, tmp_path / "b.zip", manifest=edit)
    assert "changed after it was signed" in _first_failure(bad)


def test_an_entry_removed_from_the_middle(bundle: Path, tmp_path: Path) -> None:
    def edit(manifest: Manifest) -> None:
        removed = _entries(manifest).pop(2)
        manifest["items"] = [i for i in manifest["items"] if i["id"] != removed["record_id"]]

    bad = _rewrite(bundle, tmp_path / "b.zip", manifest=edit)
    assert "missing" in _first_failure(bad)


def test_two_entries_swapped(bundle: Path, tmp_path: Path) -> None:
    def edit(manifest: Manifest) -> None:
        entries = _entries(manifest)
        entries[1], entries[2] = entries[2], entries[1]

    bad = _rewrite(bundle, tmp_path / "b.zip", manifest=edit)
    assert "order was changed" in _first_failure(bad) or "missing" in _first_failure(bad)


def test_the_tail_cut_off_is_caught_by_the_receipts(bundle: Path, tmp_path: Path) -> None:
    def edit(manifest: Manifest) -> None:
        entries = _entries(manifest)
        cut = {e["record_id"] for e in entries[-2:]}
        del entries[-2:]
        manifest["items"] = [i for i in manifest["items"] if i["id"] not in cut]

    bad = _rewrite(bundle, tmp_path / "b.zip", manifest=edit)
    assert "the chain was cut short" in _first_failure(bad)


def test_an_entry_signed_by_another_key(bundle: Path, tmp_path: Path) -> None:
    stranger = SigningKey.generate()

    def one_entry(manifest: Manifest) -> None:
        entry = _entries(manifest)[1]
        entry["signature"] = stranger.sign(ENTRY_CONTEXT, bytes.fromhex(entry["entry_hash"]))

    bad = _rewrite(bundle, tmp_path / "b.zip", manifest=one_entry)
    assert "entry 2 is not signed by this device's key" in _first_failure(bad)

    def whole_chain(manifest: Manifest) -> None:  # and the key in the manifest swapped too
        manifest["devices"][0]["public_key"] = stranger.public_key
        for entry in _entries(manifest):
            entry["signature"] = stranger.sign(ENTRY_CONTEXT, bytes.fromhex(entry["entry_hash"]))

    bad = _rewrite(bundle, tmp_path / "c.zip", manifest=whole_chain)
    assert "signs with another key" in _first_failure(bad)


def test_a_manifest_edited_to_match_an_altered_file(bundle: Path, tmp_path: Path) -> None:
    member = _photo_member(bundle)
    other = io.BytesIO()
    Image.new("RGB", (96, 64), (9, 9, 9)).save(other, "JPEG")
    altered = other.getvalue()
    import hashlib

    new_sha = hashlib.sha256(altered).hexdigest()

    def edit(manifest: Manifest) -> None:
        item = next(i for i in manifest["items"] if i["file"] == member)
        old_sha = item["sha256"]
        item.update(sha256=new_sha, size=len(altered))
        entry = next(e for e in _entries(manifest) if e["record_id"] == item["id"])
        record = json.loads(entry["canonical"])
        record["record"].update(sha256=new_sha, size=len(altered))
        entry["canonical"] = json.dumps(
            record, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        entry["entry_hash"] = entry_hash(entry["prev_hash"], entry["canonical"].encode())
        assert old_sha != new_sha

    bad = _rewrite(bundle, tmp_path / "b.zip", manifest=edit, members={member: altered})
    assert "is not signed by this device's key" in _first_failure(bad)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not a readable zip"),
        (b"PK\x03\x04garbage", "not a readable zip"),
        (None, "no manifest.json"),
        (b"[1, 2]", "not a Fieldapp evidence bundle"),
        (b"\xff\xfe", "cannot be read"),
        (b'{"format": "fieldapp-evidence-bundle", "version": 99}', "version 99"),
        (
            b'{"format": "fieldapp-evidence-bundle", "version": 1, "items": [7], "devices": '
            b'[{"public_key": "x", "entries": []}], "receipts": [{"v": 1}]}',
            "not an Ed25519 key",
        ),
    ],
)
def test_unusable_bundles_fail_with_a_reason(
    tmp_path: Path, content: bytes | None, expected: str
) -> None:
    path = tmp_path / "x.zip"
    if content is not None and not content.startswith((b"{", b"[", b"\xff")):
        path.write_bytes(content)
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("../../etc/passwd", b"hostile name, never extracted")
            if content is not None:
                archive.writestr("manifest.json", content)
    assert expected in _first_failure(path)


def test_verify_cli_names_the_first_failure(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    member = _photo_member(bundle)
    bad = _rewrite(bundle, tmp_path / "b.zip", members={member: b"\xff\xd8\xff short"})
    assert main(["verify", str(bad)]) == 1
    assert "bundle NOT intact" in capsys.readouterr().out
    assert main(["verify", str(tmp_path / "absent.zip")]) == 1


def test_export_refuses_what_it_cannot_export(world: EvidenceWorld, tmp_path: Path) -> None:
    def export(**subject: str) -> None:
        export_bundle(
            world.workspace.engine,
            world.workspace.blobs_dir,
            out=tmp_path / "x.zip",
            now=utcnow(),
            **subject,
        )

    with pytest.raises(ExportRefused, match="no assignment"):
        export(registration_no="WQ-0000-000000")
    with pytest.raises(ExportRefused, match="no case"):
        export(case_number="（1999）不存在")
    with pytest.raises(ExportRefused, match="either"):
        export()
    other = world.own_assignments(2)[1]
    with pytest.raises(ExportRefused, match="no evidence of its own"):
        export(registration_no=other)
    assert not (tmp_path / "x.zip").exists()


def test_export_cli(
    world: EvidenceWorld, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(world.workspace.data_dir)]
    out = tmp_path / "cli.zip"
    assert main([*data, "export-bundle", "--assignment", world.subject, "--out", str(out)]) == 0
    assert "6 items" in capsys.readouterr().out
    assert main(["verify", str(out)]) == 0
    missing = tmp_path / "no-such-dir" / "x.zip"
    assert main([*data, "export-bundle", "--assignment", world.subject, "--out", str(missing)]) == 2
    assert main([*data, "export-bundle", "--case", "（1999）无", "--out", str(out)]) == 2
    with pytest.raises(SystemExit):
        main([*data, "export-bundle", "--out", str(out)])  # neither subject


def test_the_custody_log_is_chinese_with_its_font_embedded(bundle: Path) -> None:
    from pypdf import PdfReader

    with zipfile.ZipFile(bundle) as archive:
        reader = PdfReader(io.BytesIO(archive.read("custody-log.pdf")))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "证据保管链记录" in text
    assert "照片" in text
    assert "视频" in text
    assert "笔录" in text
    fonts = [
        font.get_object()
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    ]
    descriptors = []
    for font in fonts:
        face = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        if "/FontDescriptor" in face:
            descriptors.append(face["/FontDescriptor"].get_object())
    assert any("/FontFile2" in d for d in descriptors), "the TrueType font is embedded"
