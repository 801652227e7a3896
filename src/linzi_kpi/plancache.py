"""A cache of validated plans, keyed by content so that it can never serve a stale plan.

The key is a SHA-256 of the plan file's bytes together with the code that gives them meaning
(the version and the source of every module of the package, found by walking its folder, so
that no list of the modules a load runs has to be kept by hand): an edited plan, or an edited
or upgraded ``kpi``, simply misses. Entries are JSON, never pickle, so a cache file cannot run
code. Each entry carries a digest of its own content, bound to its key, checked on every read:
an entry damaged, cut short or edited (or another plan's entry copied under this name) is a
miss, and the entry is written afresh. Each workspace keeps its newest few entries; older ones,
and entries in an older layout, are removed when a new one is written. The cache only saves
start-up time for the commands that are run often; ``kpi validate`` always checks the file
itself. A cache that cannot be read or written is skipped silently.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import re
from pathlib import Path
from typing import Any

from . import __version__

#: The package's folder: every module under it is part of the key.
PACKAGE = Path(__file__).parent
#: Entries kept per workspace (a plan file): the plan as it is, and as it was a few edits ago
#: (switching between branches does not rebuild the cache every time).
KEEP = 4
#: Entries of other workspaces (a checkout deleted, a plan moved) go when unused this long, and
#: the oldest go when the folder holds more than ``MAX_ENTRIES`` in all.
STALE_SECONDS = 30 * 24 * 3600
MAX_ENTRIES = 64
#: What an entry starts with: its digest, as the first key of the JSON object.
_HEAD = re.compile(rb'\{"digest": "([0-9a-f]{64})", ')
_OLD_LAYOUT = re.compile(r"plan-[0-9a-f]{64}\.json")
_CAP = 256 << 20


def directory() -> Path | None:
    """``KPI_CACHE_DIR``, else the user's cache folder; ``KPI_CACHE_DIR=`` (empty) turns it off."""
    configured = os.environ.get("KPI_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kpi"


@functools.cache
def code_digest(root: Path = PACKAGE) -> str:
    """A digest of the version and of every module under ``root`` (its path and its bytes):
    whichever modules a load runs, today or after a change, an edit to any of them changes it.
    Read once per process (about a millisecond: the package is some 500 KB of source)."""
    digest = hashlib.sha256(__version__.encode() + b"\0")
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if f != "__pycache__" and not f.startswith("."))
        for name in sorted(f for f in files if f.endswith(".py")):
            path = os.path.join(folder, name)
            digest.update(os.path.relpath(path, root).replace(os.sep, "/").encode() + b"\0")
            try:
                with open(path, "rb") as handle:
                    digest.update(handle.read())
            except OSError:
                digest.update(b"\1unreadable")
            digest.update(b"\0")
    return digest.hexdigest()


def key(plan_bytes: bytes) -> str:
    digest = hashlib.sha256(code_digest().encode())
    digest.update(b"\0")
    digest.update(plan_bytes)
    return digest.hexdigest()


def workspace(plan_path: Path) -> str:
    """A short name for the workspace a plan file belongs to: its absolute path, hashed."""
    return hashlib.sha256(os.fsencode(os.path.abspath(plan_path))).hexdigest()[:16]


def entry_path(folder: Path, plan_bytes: bytes, plan_path: Path) -> Path:
    return folder / f"plan-{workspace(plan_path)}-{key(plan_bytes)}.json"


def _digest(name: str, payload: bytes) -> str:
    return hashlib.sha256(name.encode() + b"\0" + payload).hexdigest()


def get(plan_bytes: bytes, plan_path: Path) -> dict[str, Any] | None:
    folder = directory()
    if folder is None:
        return None
    path = entry_path(folder, plan_bytes, plan_path)
    from .inputs import read_capped

    try:
        raw = read_capped(path, _CAP, follow=False)
    except OSError:
        return None
    head = _HEAD.match(raw)
    if head is None:
        return None
    payload = b"{" + raw[head.end():]
    if not hmac.compare_digest(head.group(1).decode(), _digest(path.name, payload)):
        return None  # damaged or edited: read the plan itself, and write the entry afresh
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    try:
        os.utime(path)  # recently used: kept when older entries are pruned
    except OSError:
        pass
    return data if isinstance(data, dict) else None


def put(plan_bytes: bytes, data: dict[str, Any], plan_path: Path) -> None:
    folder = directory()
    if folder is None or not data:
        return
    from .atomic import replace_bytes  # only when a plan was validated afresh

    path = entry_path(folder, plan_bytes, plan_path)
    payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
    entry = (f'{{"digest": "{_digest(path.name, payload)}", '.encode() + payload[1:])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        replace_bytes(path, entry, prefix=".plan-", mode=0o600)  # the user's own cache
    except OSError:
        return
    _prune(folder, workspace(plan_path), path.name)


def _prune(folder: Path, space: str, keep: str) -> None:
    """Remove this workspace's entries beyond the newest ``KEEP``, entries of the layout
    before workspaces (never read again), other workspaces' entries unused for
    ``STALE_SECONDS``, and the oldest of theirs beyond ``MAX_ENTRIES`` in all."""
    import time

    mine: list[tuple[float, str]] = []
    others: list[tuple[float, str]] = []
    try:
        with os.scandir(folder) as entries:
            for e in entries:
                if _OLD_LAYOUT.fullmatch(e.name):
                    _remove(folder / e.name)
                elif e.name.startswith("plan-") and e.name.endswith(".json") and e.name != keep:
                    try:
                        used = e.stat(follow_symlinks=False).st_mtime
                    except OSError:
                        continue
                    (mine if e.name.startswith(f"plan-{space}-") else others).append(
                        (used, e.name))
    except OSError:
        return
    for _, name in sorted(mine, reverse=True)[KEEP - 1:]:
        _remove(folder / name)
    stale = time.time() - STALE_SECONDS
    fresh = []
    for used, name in others:
        if used < stale:
            _remove(folder / name)
        else:
            fresh.append((used, name))
    room = MAX_ENTRIES - min(len(mine), KEEP - 1) - 1
    for _, name in sorted(fresh, reverse=True)[max(0, room):]:
        _remove(folder / name)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
