"""``GET /api/v1/ready``: may this process take traffic? For a load balancer or systemd.

``/health`` says the process runs and reaches its database (liveness); ``/ready`` also checks
that the database schema is the one this version expects and that the blob folder takes new
files. Each check is named in the answer; any failure answers 503, so a proxy sends laptops
to another process while this one cannot serve them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import Engine

from fieldapp.storage.migrate import current_revision, head_revision

Check = Callable[[], str | None]  # None when fine, else what is wrong


def make_readiness_router(prefix: str, engine: Engine, blobs: Path) -> APIRouter:
    router = APIRouter(prefix=prefix, tags=["operations"])
    expected = head_revision("central")
    checks: dict[str, Check] = {
        "database": lambda: _schema_problem(engine, expected),
        "blobs": lambda: _blob_folder_problem(blobs),
    }

    @router.get("/ready")
    def ready() -> JSONResponse:
        results = {name: _run(check) for name, check in checks.items()}
        failed = any(problem is not None for problem in results.values())
        body = {
            "status": "not_ready" if failed else "ready",
            "checks": {name: problem or "ok" for name, problem in results.items()},
        }
        return JSONResponse(body, status_code=503 if failed else 200)

    return router


def _run(check: Check) -> str | None:
    try:
        return check()
    except Exception as error:  # a check that breaks is a failed check, never a 500
        return f"{type(error).__name__}: {error}"


def _schema_problem(engine: Engine, expected: str) -> str | None:
    with engine.connect() as connection:
        current = current_revision(connection)
    if current != expected:
        return f"schema is at {current or 'nothing'}, this version needs {expected}"
    return None


def _blob_folder_problem(blobs: Path) -> str | None:
    folder = blobs / "tmp"
    if not folder.is_dir():
        return f"the blob folder {blobs} is missing"
    fd, name = tempfile.mkstemp(dir=folder, prefix="ready-")
    try:
        os.write(fd, b"ok")
        os.fsync(fd)
    finally:
        os.close(fd)
        os.unlink(name)
    return None
