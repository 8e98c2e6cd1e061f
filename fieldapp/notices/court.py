"""The issuing court as configured: its name and contact, printed on every notice."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.notices.errors import NoticeError
from fieldapp.notices.fonts import FontConfig

DEFAULT_COURT_NAME = "贵州省贵阳市中级人民法院"
DEMO_PHONE = "0851-8000 0000（演示）"
DEMO_ADDRESS = "贵州省贵阳市（演示地址）"


@dataclass(frozen=True, slots=True)
class CourtConfig:
    name: str = DEFAULT_COURT_NAME
    phone: str = DEMO_PHONE
    address: str = DEMO_ADDRESS
    font: FontConfig = FontConfig()

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise NoticeError("the court's name must be configured", reason="court_name")

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> CourtConfig:
        """From ``{"name": ..., "phone": ..., "address": ..., "font": "path[#face]"}``."""
        unknown = sorted(set(data) - {"name", "phone", "address", "font"})
        if unknown:
            raise NoticeError(
                f"court configuration: unknown key(s) {', '.join(unknown)}", reason="config"
            )
        font = FontConfig()
        if data.get("font"):
            path, _, index = str(data["font"]).partition("#")
            font = FontConfig(Path(path), int(index) if index.isdigit() else 0)
        return cls(
            name=str(data.get("name", DEFAULT_COURT_NAME)),
            phone=str(data.get("phone", DEMO_PHONE)),
            address=str(data.get("address", DEMO_ADDRESS)),
            font=font,
        )

    @classmethod
    def from_file(cls, path: Path) -> CourtConfig:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise NoticeError(
                f"court configuration {path} cannot be read: {error}", reason="config"
            ) from error
        if not isinstance(data, dict):
            raise NoticeError(f"court configuration {path} must be an object", reason="config")
        return cls.from_mapping(data)
