"""Find where each quote sits in an article's text, for highlighting."""

from __future__ import annotations

import re


def _pattern(quote: str) -> re.Pattern[str]:
    # Match any run of whitespace, and straight or curly quote marks, as the validator does.
    out = []
    for ch in quote.strip():
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in "'\u2018\u2019\u201a\u201b\u2032":
            out.append("['\u2018\u2019\u201a\u201b\u2032]")
        elif ch in '"\u201c\u201d\u201e\u201f\u2033':
            out.append('["\u201c\u201d\u201e\u201f\u2033]')
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out))


def highlight_spans(text: str, quotes: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, claim_id) spans, in text order.

    Where two quotes overlap, the earlier-starting (then longer) one wins, so
    every character is highlighted at most once.
    """
    found = []
    for claim_id, quote in quotes:
        if not quote or not quote.strip():
            continue
        m = _pattern(quote).search(text)
        if m:
            found.append((m.start(), m.end(), claim_id))
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str]] = []
    for span in found:
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out
