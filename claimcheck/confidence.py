"""The rule that gives a legal row its confidence label, so the label follows the evidence.

- **high**: the official text was seen (``verification: primary``) and no source disagrees;
- **medium**: the official text was seen but a source disagrees, or only secondary pages were
  seen and at least two of them, on different sites, agree (no disagreement recorded);
- **low**: a single secondary site, secondary pages that disagree, nothing verified, or a status
  recorded as ``unclear`` (the status itself could not be established).

"Different sites" is judged from the URLs' host names (``www.`` ignored); whether two sites are
truly independent is the curator's call, recorded in the note.

The rule binds every row, current or closed: the validator reports any label that differs from
what the rule gives, so the label always says what the row's own sources support.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlparse

RULE = (
    "high = official text seen (verification primary) and no disagreement; "
    "medium = official text seen with a disagreement, or two or more secondary sites agreeing; "
    "low = one secondary site, secondary sources that disagree, unverified, or status unclear"
)


def _sites(urls: Iterable[str]) -> set[str]:
    hosts = set()
    for url in urls or ():
        host = urlparse(str(url)).netloc.lower()
        hosts.add(host[4:] if host.startswith("www.") else host)
    return {h for h in hosts if h}


def expected_confidence(
    verification: str | None, source_urls: Iterable[str] | None, disagreement: str | None, status: str | None = None
) -> str:
    """The confidence label the rule gives a legal row."""
    if status == "unclear":
        return "low"
    disagrees = bool(disagreement and str(disagreement).strip())
    if verification == "primary":
        return "medium" if disagrees else "high"
    if verification == "secondary" and not disagrees and len(_sites(source_urls or ())) >= 2:
        return "medium"
    return "low"


def why(verification: str | None, source_urls: Iterable[str] | None, disagreement: str | None, status: str | None = None) -> str:
    """The facts the rule used, in words, for the validator's hint."""
    n = len(_sites(source_urls or ()))
    parts = [f"verification {verification or 'missing'}", f"{n} source site{'s' if n != 1 else ''}"]
    if status == "unclear":
        parts.append("status unclear")
    parts.append("a disagreement recorded" if disagreement and str(disagreement).strip() else "no disagreement")
    return ", ".join(parts)
