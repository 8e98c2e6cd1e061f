"""Who makes a change: a small value every use case takes, kept apart so that knowing it
loads nothing else."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change, and on which device."""

    user_id: str | None
    device_id: str | None
