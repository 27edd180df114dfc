"""Shared fixtures: the tiny made-up dataset, copied so each test can break it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
REAL = ROOT / "data"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the tiny fixture dataset."""
    dest = tmp_path / "data"
    shutil.copytree(MINI, dest)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a file, failing loudly if it is absent."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
