"""Reading files from disk for the working-tree and bundle checks, saying what was skipped."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

LFS_POINTER = b"version https://git-lfs.github.com/spec/"
SNIFF_BYTES = 8192
# Folders never walked outside a git repository (inside one, .gitignore decides).
VENDORED = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".tox"})


def read_scannable(path: Path, max_bytes: int, skipped: Counter[str]) -> bytes | None:
    """A file's bytes, or ``None`` (counted in ``skipped``) if it is big, binary or a pointer."""
    try:
        if path.is_symlink() or not path.is_file():
            skipped["symlinks, submodules and special files"] += 1
            return None
        if path.stat().st_size > max_bytes:
            skipped[f"files over {max_bytes} bytes"] += 1
            return None
        data = path.read_bytes()
    except OSError:
        skipped["unreadable files"] += 1
        return None
    if b"\0" in data[:SNIFF_BYTES]:
        skipped["binary files"] += 1
        return None
    if data.startswith(LFS_POINTER):
        skipped["LFS pointers (objects not in git)"] += 1
        return None
    return data


def walk(top: Path, skip_dirs: frozenset[str]) -> Iterator[str]:
    """Paths (relative to ``top``, with ``/``) of the files under ``top``."""
    for folder, dirs, names in os.walk(top):
        here = Path(folder)
        dirs[:] = sorted(
            d for d in dirs
            if d not in VENDORED and (here / d).relative_to(top).as_posix() not in skip_dirs
        )
        for name in sorted(names):
            yield (here / name).relative_to(top).as_posix()
