"""Find where each quote sits in an article's text, for highlighting.

Quotes can overlap (one article sentence may carry two claims), so the text is
cut into segments at every quote boundary; each segment knows every claim that
covers it, and each quote's end is where its claim's label goes. That way every
claim quoted in an article is highlighted and labelled, even inside another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SINGLE = "['\u2018\u2019\u201a\u201b\u2032]"
_DOUBLE = '["\u201c\u201d\u201e\u201f\u2033]'


def _pattern(quote: str) -> re.Pattern[str]:
    # Match any run of whitespace, and straight or curly quote marks, as the validator does.
    out: list[str] = []
    for ch in quote.strip():
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in "'\u2018\u2019\u201a\u201b\u2032":
            out.append(_SINGLE)
        elif ch in '"\u201c\u201d\u201e\u201f\u2033':
            out.append(_DOUBLE)
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out))


def quote_spans(text: str, quotes: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, claim_id) of every quote found in ``text``, in text order."""
    found = []
    for claim_id, quote in quotes:
        if not quote or not quote.strip():
            continue
        m = _pattern(quote).search(text)
        if m:
            found.append((m.start(), m.end(), claim_id))
    return sorted(found, key=lambda s: (s[0], -(s[1] - s[0])))


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    claims: tuple[str, ...]  # claims whose quote covers this stretch, earliest quote first
    labels: tuple[str, ...]  # claims whose quote ends here: their labels follow the segment


def highlight_segments(text: str, quotes: list[tuple[str, str]]) -> list[Segment]:
    """Cut ``text`` into segments covering it end to end, each with the claims over it."""
    spans = quote_spans(text, quotes)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        covering = tuple(dict.fromkeys(c for s, e, c in spans if s <= a and b <= e))
        ending = tuple(dict.fromkeys(c for _, e, c in spans if e == b))
        segments.append(Segment(a, b, covering, ending))
    return segments


def article_html(
    text: str,
    quotes: list[tuple[str, str]],
    colour_of,
    icon_of,
    verdict_of,
    matching: set[str],
    href=None,
) -> str:
    """The article as one block of escaped HTML, each claim highlighted and labelled in place.

    ``colour_of(claim)`` / ``icon_of(claim)`` / ``verdict_of(claim)`` give a claim's
    verdict colour, symbol and name; claims not in ``matching`` (filtered out) keep
    their highlight but lose their colour, and their labels are dimmed. ``href(claim)``,
    if given, is the link of a claim's label; without it a label is plain text (the
    dashboard opens claims with buttons above the text, which keep the session). Every piece of article or data text is escaped
    here; line breaks of every kind become ``<br>``.
    """
    import html

    from claimcheck.safetext import LINE_BREAK

    def esc(value: object, breaks: str = "&#10;") -> str:
        return LINE_BREAK.sub(breaks, html.escape(str(value), quote=True))

    parts = []
    for seg in highlight_segments(text, quotes):
        chunk = esc(text[seg.start : seg.end], breaks="<br>")
        if seg.claims:
            shown = [c for c in seg.claims if c in matching]
            colour = colour_of(shown[0]) if shown else "#BBBBBB"
            line = "double" if len(seg.claims) > 1 else "dotted"  # a double underline: text carrying two claims
            chunk = (
                f'<mark title="{esc(", ".join(seg.claims))}" style="background:{colour}33;'
                f'border-bottom:3px {line} {colour};padding:0 1px;color:inherit">{chunk}</mark>'
            )
        parts.append(chunk)
        for cid in seg.labels:
            dim = "" if cid in matching else ";opacity:0.55"
            label = f"<sup><b>[{esc(cid)} {esc(icon_of(cid))}]</b></sup>"
            title = f'title="{esc(cid)}: {esc(verdict_of(cid))}"'
            if href is None:
                parts.append(f'<span class="cc-label" {title} style="white-space:nowrap{dim}">{label}</span>')
            else:
                parts.append(f'<a href="{esc(href(cid))}" target="_self" {title} style="text-decoration:none{dim}">{label}</a>')
    return f'<div style="font-size:1.05rem;line-height:1.6">{"".join(parts)}</div>'
