"""A fault-injecting TCP proxy on loopback, between a laptop and the central store.

Every accepted connection gets one thread that relays both directions with ``select``, so a
fault never has to close a socket another thread is blocked on. Faults come two ways:

* ``Chaos``: with a seeded random generator, a new connection may be dropped at once, reset
  (RST, via ``SO_LINGER`` 0) or closed after a random number of bytes in either direction, and
  pieces may be delayed. The number of faults and the time they may happen in are bounded, so
  a client that retries always gets through in the end.
* ``Rule``: a scripted fault for one request, found by a marker in the bytes going up (e.g.
  ``b"POST /api/v1/sync/push"``): after ``after`` more bytes of that request's body going up,
  or of its answer coming down, the proxy stalls (holds the bytes until released), resets or
  closes the connection. ``hit`` is set when it acts, so a test knows where things stand: an
  answer held on its way down means the server has committed and the laptop has not read it.
"""

from __future__ import annotations

import contextlib
import random
import select
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Literal, Self

UP: Literal["up"] = "up"  # laptop → server
DOWN: Literal["down"] = "down"  # server → laptop
Direction = Literal["up", "down"]
Action = Literal["stall", "reset", "close"]

LOOPBACK = "127.0.0.1"
_PIECE = 65536
_POLL_S = 0.05
_HEADER_END = b"\r\n\r\n"
_SCAN_KEEP = 16384
_MARKER_MAX = 128
_SEND_TIMEOUT_S = 30.0


@dataclass
class Chaos:
    """Random faults; probabilities are per connection (delay: per piece relayed)."""

    seed: int
    drop: float = 0.15
    reset: float = 0.25
    close: float = 0.1
    delay: float = 0.2
    max_delay_s: float = 0.2
    max_offset: int = 6000
    max_faults: int = 12
    window_s: float = 60.0


@dataclass
class Rule:
    """One scripted fault on the first request whose bytes going up contain ``marker``."""

    marker: bytes
    direction: Direction
    after: int
    action: Action
    max_stall_s: float = 60.0
    hit: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)
    claimed: bool = False

    def wait_hit(self, timeout: float) -> bool:
        return self.hit.wait(timeout)

    def release(self) -> None:
        self.released.set()


@dataclass
class _Armed:
    """A rule as it progresses on one connection."""

    rule: Rule
    marker_at: int | None = None
    cut_at: int | None = None


class FaultProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        chaos: Chaos | None = None,
        record: bool = False,
        upstream_host: str = LOOPBACK,
    ) -> None:
        if upstream_host not in (LOOPBACK, "localhost"):
            raise ValueError("the fault proxy only relays to loopback")
        self.upstream = (LOOPBACK, upstream_port)
        self.chaos = chaos
        self.rules: list[Rule] = []
        self.faults: list[str] = []
        self.connections = 0
        # With ``record``: the bytes each connection delivered to the server, by connection.
        self.record = record
        self.delivered: dict[int, bytearray] = {}
        self._random = random.Random(chaos.seed if chaos else 0)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._links: list[_Link] = []
        self._listener = socket.create_server((LOOPBACK, 0))
        self._listener.settimeout(_POLL_S)
        self.port: int = self._listener.getsockname()[1]
        self._started = time.monotonic()
        self._acceptor = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> Self:
        self._started = time.monotonic()
        self._acceptor.start()
        return self

    def add_rule(self, rule: Rule) -> Rule:
        if len(rule.marker) > _MARKER_MAX:
            raise ValueError(f"a marker is at most {_MARKER_MAX} bytes")
        with self._lock:
            self.rules.append(rule)
        return rule

    def calm(self) -> None:
        """No more random faults from now on (scripted rules still act)."""
        with self._lock:
            self.chaos = None

    def stop(self) -> None:
        self._stopping.set()
        for rule in self.rules:
            rule.release()
        if self._acceptor.is_alive():
            self._acceptor.join(timeout=5)
        self._listener.close()
        with self._lock:
            links = list(self._links)
        for link in links:
            link.aborted.set()
        for link in links:
            link.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    # Internals

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
                index = self.connections
                link = _Link(self, client, index)
                self._links = [old for old in self._links if old.is_alive()] + [link]
            link.start()

    def _note(self, text: str) -> None:
        with self._lock:
            self.faults.append(text)

    def _chaos_allowed(self) -> Chaos | None:
        chaos = self.chaos
        if chaos is None or len(self.faults) >= chaos.max_faults:
            return None
        if time.monotonic() - self._started > chaos.window_s:
            return None
        return chaos

    def _plan(self) -> tuple[str, Direction, int] | None:
        """The random fault of a new connection, if any: (kind, direction, byte offset)."""
        with self._lock:
            chaos = self._chaos_allowed()
            if chaos is None:
                return None
            roll = self._random.random()
            direction: Direction = UP if self._random.random() < 0.5 else DOWN
            offset = self._random.randrange(chaos.max_offset)
            if roll < chaos.drop:
                return ("drop", direction, 0)
            if roll < chaos.drop + chaos.reset:
                return ("reset", direction, offset)
            if roll < chaos.drop + chaos.reset + chaos.close:
                return ("close", direction, offset)
            return None

    def _delay(self) -> float:
        with self._lock:
            chaos = self._chaos_allowed()
            if chaos is None or self._random.random() >= chaos.delay:
                return 0.0
            return self._random.uniform(0, chaos.max_delay_s)

    def _claim(self, data: bytes) -> list[Rule]:
        """Rules whose marker is in ``data`` and that no connection has claimed yet."""
        claimed = []
        with self._lock:
            for rule in self.rules:
                if not rule.claimed and rule.marker in data:
                    rule.claimed = True
                    claimed.append(rule)
        return claimed


def _abort(sock: socket.socket) -> None:
    """Close with RST rather than FIN."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class _Link(threading.Thread):
    def __init__(self, proxy: FaultProxy, client: socket.socket, index: int) -> None:
        super().__init__(name=f"fault-proxy-{index}", daemon=True)
        self.proxy = proxy
        self.client = client
        client.settimeout(_SEND_TIMEOUT_S)  # a send to a laptop that stopped reading ends
        self.index = index
        self.aborted = threading.Event()
        self.position = {UP: 0, DOWN: 0}  # bytes read from each side so far
        self.held = {UP: b"", DOWN: b""}
        self.stall: dict[Direction, Rule | None] = {UP: None, DOWN: None}
        self.armed: list[_Armed] = []
        self.scan = b""  # the latest bytes going up, where markers are looked for
        self.scan_start = 0
        self.plan: tuple[str, Direction, int] | None = None
        self.stall_since = 0.0

    def run(self) -> None:
        try:
            upstream = socket.create_connection(self.proxy.upstream, timeout=_SEND_TIMEOUT_S)
        except OSError:
            _abort(self.client)
            return
        self.sockets = {UP: (self.client, upstream), DOWN: (upstream, self.client)}
        self.plan = self.proxy._plan()
        try:
            if self.plan is not None and self.plan[0] == "drop":
                self.proxy._note(f"#{self.index} dropped at once")
                self._finish(reset=True)
                return
            self._relay()
        except OSError:
            self._finish(reset=True)

    def _relay(self) -> None:
        client, upstream = self.sockets[UP]
        open_ends = {UP: True, DOWN: True}
        while True:
            if self.proxy._stopping.is_set() or self.aborted.is_set():
                self._finish(reset=True)
                return
            self._check_stalls()
            readers = [self.sockets[d][0] for d in (UP, DOWN) if open_ends[d]]
            if not readers:
                time.sleep(_POLL_S)
                continue
            ready, _, _ = select.select(readers, [], [], _POLL_S)
            for sock in ready:
                direction: Direction = UP if sock is client else DOWN
                if self.stall[direction] is not None:
                    # Stalled: not read, only watched, so a killed process ends the link.
                    if not self._peek_alive(sock):
                        self._finish(reset=True)
                        return
                    time.sleep(_POLL_S)
                    continue
                try:
                    data = sock.recv(_PIECE)
                except OSError:
                    self._finish(reset=True)
                    return
                if not data:
                    if any(self.stall.values()):
                        self._finish(reset=True)  # the other end died during a stall
                        return
                    open_ends[direction] = False
                    with contextlib.suppress(OSError):
                        self.sockets[direction][1].shutdown(socket.SHUT_WR)
                    continue
                if not self._forward(direction, data):
                    return
            if not open_ends[UP] and not open_ends[DOWN]:
                self._finish(reset=False)
                return

    @staticmethod
    def _peek_alive(sock: socket.socket) -> bool:
        try:
            return bool(sock.recv(1, socket.MSG_PEEK))
        except OSError:
            return False

    def _forward(self, direction: Direction, data: bytes) -> bool:
        """Relay ``data``, acting on faults due within it; False when the link ended."""
        start = self.position[direction]
        self.position[direction] += len(data)
        if direction == UP:
            self._look_for_markers(data, start)
        cut, act = self._next_fault(direction, start, len(data))
        delay = self.proxy._delay()
        if delay:
            time.sleep(delay)
        if cut is None:
            self._send(direction, data)
            return True
        self._send(direction, data[: cut - start])
        assert act is not None
        kind, rule = act
        if kind == "stall":
            assert rule is not None
            self.held[direction] = data[cut - start :]
            self.stall[direction] = rule
            self.stall_since = time.monotonic()
            self.proxy._note(f"#{self.index} stalled {direction} at byte {cut}")
            rule.hit.set()
            return True
        self.proxy._note(f"#{self.index} {kind} {direction} at byte {cut}")
        if rule is not None:
            rule.hit.set()
        self._finish(reset=kind == "reset")
        return False

    def _send(self, direction: Direction, data: bytes) -> None:
        self.sockets[direction][1].sendall(data)
        if direction == UP and self.proxy.record:
            with self.proxy._lock:
                self.proxy.delivered.setdefault(self.index, bytearray()).extend(data)

    def _look_for_markers(self, data: bytes, start: int) -> None:
        if self.scan_start + len(self.scan) != start:
            self.scan, self.scan_start = b"", start
        self.scan += data
        # Only the new bytes (and a marker's width before them) may hold a fresh request.
        for rule in self.proxy._claim(self.scan[-(len(data) + _MARKER_MAX) :]):
            found = self.scan.rfind(rule.marker)
            self.armed.append(_Armed(rule, marker_at=self.scan_start + found))
        for armed in self.armed:
            if armed.cut_at is not None or armed.marker_at is None:
                continue
            body = self.scan.find(_HEADER_END, armed.marker_at - self.scan_start)
            if body < 0:
                continue
            if armed.rule.direction == UP:
                armed.cut_at = self.scan_start + body + len(_HEADER_END) + armed.rule.after
            else:
                # The answer starts with the next byte coming down.
                armed.cut_at = self.position[DOWN] + armed.rule.after
        if len(self.scan) > _SCAN_KEEP and not any(a.cut_at is None for a in self.armed):
            drop = len(self.scan) - _SCAN_KEEP
            self.scan, self.scan_start = self.scan[drop:], self.scan_start + drop

    def _next_fault(
        self, direction: Direction, start: int, length: int
    ) -> tuple[int | None, tuple[str, Rule | None] | None]:
        """The earliest fault due in bytes [start, start + length] of ``direction``."""
        best: tuple[int, tuple[str, Rule | None]] | None = None
        for armed in self.armed:
            rule = armed.rule
            if rule.direction != direction or armed.cut_at is None or rule.hit.is_set():
                continue
            if start <= armed.cut_at <= start + length and (best is None or armed.cut_at < best[0]):
                best = (armed.cut_at, (rule.action, rule))
        if self.plan is not None and self.plan[1] == direction:
            kind, _, offset = self.plan
            if start <= offset < start + length and (best is None or offset < best[0]):
                best = (offset, (kind, None))
                self.plan = None
        if best is None:
            return None, None
        if best[1][1] is not None:
            self.armed = [a for a in self.armed if a.rule is not best[1][1]]
        return best

    def _check_stalls(self) -> None:
        for direction in (UP, DOWN):
            rule = self.stall[direction]
            if rule is None:
                continue
            timed_out = time.monotonic() - self.stall_since > rule.max_stall_s
            if rule.released.is_set() or timed_out:
                self.stall[direction] = None
                held, self.held[direction] = self.held[direction], b""
                if held:
                    self._send(direction, held)

    def _finish(self, *, reset: bool) -> None:
        for sock in {
            self.client,
            *(s for pair in getattr(self, "sockets", {}).values() for s in pair),
        }:
            if reset:
                _abort(sock)
            else:
                sock.close()


def request_bodies(stream: bytes) -> list[tuple[str, int]]:
    """The HTTP/1.1 requests in ``stream`` (bytes sent one way on one connection): each one's
    request line and how many bytes of its body were delivered (its Content-Length at most)."""
    found = []
    position = 0
    while position < len(stream):
        end = stream.find(_HEADER_END, position)
        if end < 0:
            break
        head = stream[position:end].decode("latin-1").split("\r\n")
        length = 0
        for line in head[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        body_start = end + len(_HEADER_END)
        delivered = min(length, len(stream) - body_start)
        found.append((head[0], delivered))
        position = body_start + length
    return found
