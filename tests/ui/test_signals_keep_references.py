"""The pinned PySide6 keeps its references: 6.12.0 lost one reference to True per emit and
aborted Python 3.11 after a few hundred (why pyproject.toml keeps PySide6 below 6.12)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    sig_changed = Signal(int)


def test_emit_and_disconnect_keep_the_reference_count_of_true() -> None:
    emitter = Emitter()
    seen: list[int] = []
    before = sys.getrefcount(True)
    for number in range(2_000):
        emitter.sig_changed.connect(seen.append)
        emitter.sig_changed.emit(number)
        emitter.sig_changed.disconnect(seen.append)
    # A faulty build would have lost 4,000; other code may hold one or two more meanwhile.
    assert abs(sys.getrefcount(True) - before) < 10
    assert len(seen) == 2_000
