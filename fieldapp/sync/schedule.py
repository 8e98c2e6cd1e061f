"""When the laptop syncs: on demand, every few minutes, as soon as the network is back, and
after a failure not before an exponentially growing, jittered wait."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

INTERVAL_S = 300.0  # a sync every five minutes while online
PROBE_S = 15.0  # while offline, ask the central store this often whether it is back
BACKOFF_BASE_S = 2.0
BACKOFF_CAP_S = 300.0


@dataclass
class SyncSchedule:
    """Decides the next sync time; the caller owns the clock and the waiting.

    Jitter is "full jitter" (a uniform draw up to the exponential bound): two hundred laptops
    that lost the network together do not all come back in the same second.
    """

    interval_s: float = INTERVAL_S
    probe_s: float = PROBE_S
    base_s: float = BACKOFF_BASE_S
    cap_s: float = BACKOFF_CAP_S
    rng: random.Random = field(default_factory=random.Random)
    online: bool = True
    failures: int = 0
    next_at: float = 0.0

    def due(self, now: float) -> bool:
        return now >= self.next_at

    def wait_s(self, now: float) -> float:
        """Seconds to wait before the next sync (or, offline, the next reachability probe)."""
        until = max(0.0, self.next_at - now)
        return until if self.online else min(until, self.probe_s)

    def request(self, now: float) -> None:
        """The officer asked for a sync: now, whatever the backoff says."""
        self.next_at = now

    def reconnected(self, now: float) -> None:
        """The central store answers again: sync at once, and forget the backoff."""
        self.online = True
        self.failures = 0
        self.next_at = now

    def succeeded(self, now: float) -> None:
        self.online = True
        self.failures = 0
        self.next_at = now + self.interval_s

    def failed(self, now: float, *, unreachable: bool) -> float:
        """Note a failed sync; returns the wait before the next try."""
        self.failures += 1
        self.online = not unreachable
        bound = min(self.cap_s, self.base_s * 2 ** (self.failures - 1))
        delay = self.rng.uniform(0, bound)
        self.next_at = now + delay
        return delay
