"""Housekeeping that each server process runs on a timer while it serves (stale partial
uploads, and any other job given to it). Jobs run in a worker thread, one after the other;
one that fails is logged and tried again at its next turn. Jobs must be safe to run from
several processes at once (each server process runs its own timer)."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import anyio.to_thread

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every_s: float
    run: Callable[[], object]
    first_after_s: float = 60.0  # not at start-up: let the process serve first


def periodic_lifespan(jobs: list[Job]) -> Callable[[Any], Any]:
    """A FastAPI ``lifespan`` that runs ``jobs`` until the app stops."""

    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        tasks = [asyncio.create_task(_repeat(job), name=job.name) for job in jobs]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    return lifespan


async def _repeat(job: Job) -> None:
    # A little jitter, so that the processes of one server do not all run a job together.
    await asyncio.sleep(job.first_after_s * (1 + random.random() / 4))
    while True:
        try:
            result = await anyio.to_thread.run_sync(job.run)
            log.info("%s: %s", job.name, result)
        except Exception:
            log.exception("%s failed; trying again in %.0f s", job.name, job.every_s)
        await asyncio.sleep(job.every_s)
