"""Escalation of asset controls running out: reminders at 90, 30 and 7 days, and expiry.

How a threshold is read
-----------------------
`days_left` is ``expires_on - today`` (`legal_periods.days_left`): 0 on the last day the
measure holds, -1 the day after, when the asset has lost control (脱保).  Each level is reached
once ``days_left <= max_days_left``:

* level 1, 90: ninety days before expiry → the officer who made the control (renewal takes a
  ruling and a notice to the assisting body: there must be time for both);
* level 2, 30: thirty days before → the squad lead;
* level 3,  7: seven days before → the centre head;
* level 4, -1: expired → the bureau chief.

Only *active* controls escalate: a seal, seizure, freeze or renewal with an expiry that no later
record (a renewal or a release, through its `renews_id`) has taken over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from fieldapp.domain.escalation import InvalidEscalationTable, Recipient


@dataclass(frozen=True, slots=True)
class AssetLevel:
    """Level `level` is reached once a control has `max_days_left` days left or fewer."""

    level: int
    max_days_left: int
    recipient: Recipient

    def __post_init__(self) -> None:
        for name in ("level", "max_days_left"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidEscalationTable(
                    f"asset escalation level: {name} must be a whole number, not {value!r}",
                    reason=name,
                )
        if not isinstance(self.recipient, Recipient):
            raise InvalidEscalationTable(
                f"asset escalation level {self.level}: unknown recipient {self.recipient!r}",
                reason="recipient",
            )


AssetTable = tuple[AssetLevel, ...]

DEFAULT_ASSET_LEVELS: AssetTable = (
    AssetLevel(1, 90, Recipient.OFFICER),
    AssetLevel(2, 30, Recipient.LEAD),
    AssetLevel(3, 7, Recipient.CENTRE_HEAD),
    AssetLevel(4, -1, Recipient.BUREAU_CHIEF),
)


def check_asset_table(table: AssetTable) -> AssetTable:
    """`table` itself when its levels are 1, 2, … with strictly falling days left."""
    if not table:
        raise InvalidEscalationTable("the asset escalation table has no levels", reason="empty")
    for position, entry in enumerate(table, start=1):
        if entry.level != position:
            raise InvalidEscalationTable(
                f"asset escalation levels must be numbered 1, 2, … in order; found "
                f"{entry.level} in place {position}",
                reason="level",
            )
        if position > 1 and entry.max_days_left >= table[position - 2].max_days_left:
            raise InvalidEscalationTable(
                f"asset escalation level {entry.level} must start closer to expiry than level "
                f"{entry.level - 1}",
                reason="max_days_left",
            )
    return table


def asset_levels_from_mapping(
    mapping: Mapping[str, object], base: AssetTable = DEFAULT_ASSET_LEVELS
) -> AssetTable:
    """An asset table from configuration, e.g. ``{"1": {"max_days_left": 120}}``.

    Keys are level numbers; entries may give ``max_days_left`` and/or ``recipient``.  Unknown
    levels and keys are refused rather than ignored.
    """
    levels = {entry.level: entry for entry in base}
    for key, value in mapping.items():
        level = int(key) if isinstance(key, str) and key.isdigit() else None
        if level is None or level not in levels:
            raise InvalidEscalationTable(
                f"asset escalation: unknown level {key!r}; use one of "
                f"{', '.join(map(str, levels))}",
                reason="level",
            )
        if not isinstance(value, Mapping) or not set(value) <= {"max_days_left", "recipient"}:
            raise InvalidEscalationTable(
                f"asset escalation: the entry for level {key} may hold only max_days_left and "
                "recipient",
                reason="entry",
            )
        current = levels[level]
        try:
            recipient = Recipient(value.get("recipient", current.recipient))
        except ValueError:
            raise InvalidEscalationTable(
                f"asset escalation: unknown recipient {value.get('recipient')!r} for level "
                f"{key}; use one of {', '.join(Recipient)}",
                reason="recipient",
            ) from None
        levels[level] = AssetLevel(
            level, value.get("max_days_left", current.max_days_left), recipient
        )
    return check_asset_table(tuple(levels[number] for number in sorted(levels)))


def asset_level(expires_on: date, today: date, table: AssetTable = DEFAULT_ASSET_LEVELS) -> int:
    """The highest level an active control expiring on `expires_on` reached on `today` (0:
    none yet)."""
    left = expires_on.toordinal() - today.toordinal()
    reached = 0
    for entry in table:
        if left <= entry.max_days_left:
            reached = entry.level
    return reached
