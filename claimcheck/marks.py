"""The ids behind chart marks (``customdata[0]``), as typed values encoded and decoded here only.

A chart puts ``encode(kind, *parts)`` behind each mark, for example ``claim:C001``,
``cell:pain|rct`` or ``group:confident|none|insufficient``; a page turns a selected
mark back into a :class:`Mark` with :func:`decode` and reads its ``kind`` and ``parts``
instead of splitting strings itself. The characters that separate (``|``) and the
escape character (``%``) are percent-escaped inside a part, so any id round-trips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each kind and the number of parts its marks carry.
KINDS: dict[str, int] = {
    "claim": 1,  # a claim (overview chart)
    "group": 3,  # claims drawn as one mark: assertiveness, certainty, verdict (overview chart, large data)
    "bar": 2,  # an article and a claim type (claims by article)
    "rung": 1,  # a design of the ladder
    "cell": 2,  # a topic and a design (evidence map)
    "harm": 1,  # a harm (which harms the articles warn about)
    "figure": 1,  # a harm figure (panels, reports by year)
    "place": 1,  # a jurisdiction's code (maps)
    "event": 1,  # a timeline event
}
_SEP = "|"
_ESCAPE = {"%": "%25", "|": "%7C"}
_UNESCAPE = re.compile(r"%(25|7C)")


@dataclass(frozen=True)
class Mark:
    """A decoded mark: its kind and the parts that identify the record(s) behind it."""

    kind: str
    parts: tuple[str, ...]

    @property
    def key(self) -> str:
        """The record's id (one part), or the parts joined as :func:`encode` joins them (several)."""
        return self.parts[0] if len(self.parts) == 1 else _SEP.join(_escape(p) for p in self.parts)

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


def _escape(part: str) -> str:
    return "".join(_ESCAPE.get(ch, ch) for ch in part)


def _unescape(part: str) -> str:
    return _UNESCAPE.sub(lambda m: "%" if m.group(1) == "25" else "|", part)


def encode(kind: str, *parts: object) -> str:
    """The id behind a mark: ``kind:part1|part2``, each part escaped. Refuses unknown kinds and wrong part counts."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of mark: {kind!r}")
    if len(parts) != KINDS[kind]:
        raise ValueError(f"a {kind} mark has {KINDS[kind]} part(s), got {len(parts)}")
    return f"{kind}:{_SEP.join(_escape(str(p)) for p in parts)}"


def decode(text: object, kind: str | None = None) -> Mark | None:
    """The :class:`Mark` behind an id made by :func:`encode`, or None when it is not one.

    With ``kind``, ``text`` may also be a mark's :attr:`Mark.key` alone (the value a
    select box keeps in the URL, ``pain|rct`` for a cell); a mark of another kind gives None.
    """
    if not isinstance(text, str):
        return None
    head, colon, rest = text.partition(":")
    prefixed = bool(colon) and head in KINDS
    if prefixed:
        found, body = head, rest
    elif kind is not None:
        found, body = kind, text
    else:
        return None
    if kind is not None and found != kind:
        return None
    if KINDS[found] == 1:  # a one-part key is the record's id as written; an encoded one is escaped
        return Mark(found, (_unescape(body) if prefixed else body,))
    parts = tuple(_unescape(p) for p in body.split(_SEP))
    return Mark(found, parts) if len(parts) == KINDS[found] else None


def key(kind: str, *parts: object) -> str:
    """The :attr:`Mark.key` of a mark, without building it first (the value a select box keeps)."""
    return Mark(kind, tuple(str(p) for p in parts)).key
