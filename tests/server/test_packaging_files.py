"""The operator's files in packaging/server say what the code does."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import pytest

from fieldapp.server.settings import CONFIG_VARIABLE, load_settings
from fieldapp.sync.protocol import MAX_CHUNK, MAX_JSON_BODY

SERVER = Path(__file__).resolve().parents[2] / "packaging" / "server"


def test_the_example_settings_file_is_valid_and_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_VARIABLE, raising=False)
    settings = load_settings(SERVER / "fieldapp-server.toml")
    written = set(re.findall(r"^(\w+) =", (SERVER / "fieldapp-server.toml").read_text(), re.M))
    assert written == set(type(settings).model_fields), "document every setting in the example"
    assert settings.log_format == "json"


def test_the_proxy_lets_a_whole_chunk_through() -> None:
    conf = (SERVER / "nginx-fieldapp.conf").read_text()
    size = re.search(r"client_max_body_size (\d+)m;", conf)
    assert size is not None
    assert int(size.group(1)) << 20 > max(MAX_CHUNK, MAX_JSON_BODY)
    assert "proxy_request_buffering off;" in conf


@pytest.mark.parametrize(
    "unit", ["fieldapp-server@.service", "fieldapp-backup.service", "fieldapp-backup.timer"]
)
def test_the_units_parse_and_run_real_commands(unit: str) -> None:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(SERVER / unit)
    assert parser.has_section("Unit")
    if unit.endswith(".service"):
        command = parser["Service"]["ExecStart"].split()
        assert command[0].endswith("/bin/fieldapp")
        assert command[1] in ("server", "admin")
        assert parser["Service"]["Environment"] == f"{CONFIG_VARIABLE}=/etc/fieldapp/server.toml"
