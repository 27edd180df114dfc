"""Method texts shown on the Methods page, kept as Markdown files beside this module.

They describe the project's method (decision rules, how its scales relate to others), not any
topic, so they ship with the code; topic words belong in the data folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@cache
def _read(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


def verdict_rules() -> str:
    """The decision rules for verdicts (Markdown)."""
    return _read("verdict_rules.md")


def scale_crosswalk() -> str:
    """How the dashboard's verdict and certainty relate to other grading scales (Markdown)."""
    return _read("scale_crosswalk.md")
