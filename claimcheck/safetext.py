"""Characters that make text show differently from what is stored, and what counts as a line break.

Shared by the validator (which rejects them in data fields) and the UI (which
must never let a line break end an HTML block or start Markdown). Nothing here
imports streamlit.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Every character Python's str.splitlines() breaks on; a renderer may treat any of them as a
# new line, so a "one line" check that looks only for "\n" can be walked around with "\r".
LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

# Unicode categories that draw nothing or reorder what is drawn: controls (Cc), format
# characters such as bidi overrides and zero-width spaces (Cf), line and paragraph
# separators (Zl, Zp), private use (Co) and lone surrogates (Cs).
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs"})


def hidden_characters(text: str, allowed: str = "") -> list[tuple[int, str]]:
    """(position, character) of each control, format or invisible character not in ``allowed``."""
    # Fast path: str.isprintable() is False for every character of those categories (and for
    # spaces other than " "), so most texts are cleared without looking at each character.
    if (text.translate(_deleting(allowed)) if allowed else text).isprintable():
        return []
    return [(i, ch) for i, ch in enumerate(text) if ch not in allowed and unicodedata.category(ch) in _HIDDEN_CATEGORIES]


@functools.cache
def _deleting(chars: str) -> dict[int, None]:
    return dict.fromkeys(map(ord, chars))


def describe(ch: str) -> str:
    """A character as a reader can look it up: U+202E (RIGHT-TO-LEFT OVERRIDE)."""
    name = unicodedata.name(ch, "")
    if not name and ch in "\r\n\t\x0b\x0c\x85":
        name = {
            "\r": "CARRIAGE RETURN",
            "\n": "LINE FEED",
            "\t": "TAB",
            "\x0b": "LINE TABULATION",
            "\x0c": "FORM FEED",
            "\x85": "NEXT LINE",
        }[ch]
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else " (a control character)")


_MATERIAL = re.compile(r"^:material/[a-z0-9_]{1,64}:$")
# Code points that make up emoji: pictographs, symbols, regional-indicator flags, and the joiners,
# variation selectors, skin tones, keycaps and tags used inside emoji sequences.
_EMOJI_PARTS = (
    (0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2300, 0x23FF), (0x2B00, 0x2BFF), (0x2190, 0x21FF),
    (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3297), (0x3299, 0x3299), (0x00A9, 0x00A9),
    (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122), (0x2139, 0x2139),
    (0x24C2, 0x24C2), (0x25A0, 0x25FF), (0x2934, 0x2935),
)  # fmt: skip
_EMOJI_JOINERS = {0x200D, 0xFE0F, 0xFE0E, 0x20E3}
_KEYCAP_BASES = set("0123456789#*")


def _emoji_part(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _EMOJI_PARTS)


def is_icon(value: object) -> bool:
    """An emoji (one short emoji sequence) or a Material icon written ``:material/name:``.

    Anything else (a path, a URL, text) is refused: handed to a page as its icon,
    a path serves a file from the server and a URL makes every visitor call a
    third party.
    """
    if not isinstance(value, str) or not value or len(value) > 16:
        return False
    if _MATERIAL.match(value):
        return True
    cps = [ord(ch) for ch in value]
    if not any(_emoji_part(cp) for cp in cps):
        return False
    for i, cp in enumerate(cps):
        if _emoji_part(cp) or cp in _EMOJI_JOINERS or 0xE0020 <= cp <= 0xE007F:
            continue
        if value[i] in _KEYCAP_BASES and i + 1 < len(cps) and cps[i + 1] in (0xFE0F, 0x20E3):
            continue
        return False
    return True
