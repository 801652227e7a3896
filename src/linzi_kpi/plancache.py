"""A cache of validated plans, keyed by content so that it can never serve a stale plan.

The key is a SHA-256 of the plan file's bytes together with the code that gives them meaning
(the version and the source of the modules that read and validate a plan): an edited plan, or
an upgraded ``kpi``, simply misses. Entries are JSON, never pickle, so a cache file cannot run code. The cache
only saves start-up time for the commands that are run often; ``kpi validate`` always checks
the file itself. A cache that cannot be read or written is skipped silently.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from . import __version__

_CODE = ("model.py", "schema.py", "enums.py", "yamlio.py", "load.py", "checks.py", "values.py")


def directory() -> Path | None:
    """``KPI_CACHE_DIR``, else the user's cache folder; ``KPI_CACHE_DIR=`` (empty) turns it off."""
    configured = os.environ.get("KPI_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kpi"


def key(plan_bytes: bytes) -> str:
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for name in _CODE:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    digest.update(b"\0")
    digest.update(plan_bytes)
    return digest.hexdigest()


def get(plan_bytes: bytes) -> dict[str, Any] | None:
    folder = directory()
    if folder is None:
        return None
    try:
        with open(folder / f"plan-{key(plan_bytes)}.json", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def put(plan_bytes: bytes, data: dict[str, Any]) -> None:
    folder = directory()
    if folder is None:
        return
    import tempfile  # only when a plan was validated afresh

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".plan-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False)
            os.replace(tmp, folder / f"plan-{key(plan_bytes)}.json")
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
