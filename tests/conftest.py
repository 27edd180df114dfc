"""Shared fixtures: the tiny made-up dataset, copied so each test can break it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The data folder a user exported for the app ($CLAIMCHECK_DATA_DIR), read once here. Only
# tests/test_schema_and_data.py::test_the_exported_data_folder_validates reads it; every other
# test runs with the variable removed, on data/ or the fixtures it names, whatever is exported.
EXPORTED_DATA_DIR = os.environ.get("CLAIMCHECK_DATA_DIR", "").strip() or None
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
REAL = ROOT / "data"


@pytest.fixture(autouse=True)
def _no_exported_data_folder(monkeypatch):
    """Tests name the folder they check; an exported $CLAIMCHECK_DATA_DIR must not change what they compare."""
    monkeypatch.delenv("CLAIMCHECK_DATA_DIR", raising=False)


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
