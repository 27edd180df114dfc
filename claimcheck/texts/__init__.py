"""Method texts shown on the Methods page, kept as Markdown files beside this module.

They describe the project's method (decision rules, how its scales relate to others), not any
topic, so they ship with the code; topic words belong in the data folder.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@cache
def _read(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


def _section(text: str) -> str:
    """A text shown inside a page section (an h2): its own title line dropped, its h3 headings kept in order under it."""
    lines = text.lstrip().splitlines()
    if lines and lines[0].startswith("## "):
        lines = lines[1:]
    # Any remaining h2 would sit beside the page's own sections: make it an h3.
    return re.sub(r"^## ", "### ", "\n".join(lines), flags=re.M).strip()


def verdict_rules() -> str:
    """The decision rules for verdicts (Markdown, for a section whose heading says what it is)."""
    return _section(_read("verdict_rules.md"))


def scale_crosswalk() -> str:
    """How the dashboard's verdict and certainty relate to other grading scales (Markdown, as above)."""
    return _section(_read("scale_crosswalk.md"))
