"""Who is calling: the device and user a request's token belongs to."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.domain.enums import Role


@dataclass(frozen=True, slots=True)
class DeviceContext:
    device_id: str
    user_id: str
    username: str
    role: Role
    squad_code: str | None

    @property
    def sees_everything(self) -> bool:
        return self.role in (Role.REGISTRAR, Role.SUPERVISOR, Role.ADMIN)
