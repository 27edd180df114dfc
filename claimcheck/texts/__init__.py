"""Method texts shown on the Methods page, kept as Markdown files beside this module.

They describe the project's method (decision rules, how its scales relate to others), not any
topic, so they ship with the code; topic words belong in the data folder (the worked examples
under each rule come from dataset.yaml's ``worked_examples``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@cache
def _read(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


_EXAMPLE_MARK = re.compile(r"<!-- worked example: ([a-z0-9-]+) -->")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:=&^])")


def _plain(text: str) -> str:
    """Data text escaped for Markdown (nothing in it is live), keeping only **bold**."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return escaped.replace("\\*\\*", "**")


def _section(text: str) -> str:
    """A text shown inside a page section (an h2): its own title line dropped, its h3 headings kept in order under it."""
    lines = text.lstrip().splitlines()
    if lines and lines[0].startswith("## "):
        lines = lines[1:]
    # Any remaining h2 would sit beside the page's own sections: make it an h3.
    return re.sub(r"^## ", "### ", "\n".join(lines), flags=re.M).strip()


def verdict_rules(examples: Mapping[str, str] | None = None) -> str:
    """The decision rules for verdicts (Markdown, for a section whose heading says what it is), with the
    topic's worked examples under each rule.

    ``examples`` maps a section (``rule-1`` ... ``certainty``) to the topic's example, from
    dataset.yaml's ``worked_examples``; a section without one shows none.
    """
    examples = examples or {}

    def fill(m: re.Match) -> str:
        text = examples.get(m.group(1))
        return f"*Worked example.* {_plain(text)}" if text else ""

    return _section(_EXAMPLE_MARK.sub(fill, _read("verdict_rules.md")))


def scale_crosswalk() -> str:
    """How the dashboard's verdict and certainty relate to other grading scales (Markdown, as above)."""
    return _section(_read("scale_crosswalk.md"))


@cache
def _captions() -> dict:
    import yaml

    return yaml.safe_load(_read("captions.yaml"))


def caption(key: str, **values: object) -> dict[str, str]:
    """A chart's ``sources`` and ``not_shown`` texts (captions.yaml), with ``values`` filled in.

    Returned as keyword arguments for ``ui.frame.chart``. The values are inserted as
    given: escape data text before passing it.
    """
    entry = _captions()[key]
    return {field: str(entry.get(field) or "").format(**values) or None for field in ("sources", "not_shown")}


def page_text(name: str) -> str:
    """A page's prose (Markdown beside this module, ``<name>.md``)."""
    return _read(f"{name}.md")
