"""Packaging: the package with its data; rules/ and examples/ as launchgate._rules, ._examples."""

from __future__ import annotations

import os

from setuptools import find_namespace_packages, setup

# Folders shipped as data inside the wheel, under these package names.
DATA_ROOTS = {"launchgate._rules": "rules", "launchgate._examples": "examples"}


def owner(package: str, rel_dir: str) -> str:
    """The package a data folder belongs to: its deepest ancestor whose name Python can import."""
    parts = [] if rel_dir == "." else rel_dir.split(os.sep)
    names = [package]
    for part in parts:
        if not part.isidentifier():
            break
        names.append(part)
    return ".".join(names)


def data_packages(package: str, folder: str) -> dict[str, list[str]]:
    """Every file below ``folder``, grouped by the package that ships it, relative to it."""
    shipped: dict[str, list[str]] = {}
    for parent, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel_dir = os.path.relpath(parent, folder)
        home = owner(package, rel_dir)
        home_dir = os.path.join(folder, *home.split(".")[len(package.split(".")) :])
        files = shipped.setdefault(home, [])
        files += [os.path.relpath(os.path.join(parent, n), home_dir) for n in names]
    return shipped


DATA = {
    name: files
    for package, folder in DATA_ROOTS.items()
    for name, files in data_packages(package, folder).items()
}

setup(
    packages=[*find_namespace_packages(include=["launchgate", "launchgate.*"]), *DATA],
    package_dir=DATA_ROOTS,
    # Each package's own data (launchgate/data, report templates), then the shipped trees.
    package_data={"": ["*.yml", "*.j2"], **DATA},
)
