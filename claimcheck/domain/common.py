"""Small helpers every subject module uses: reading recorded yes/no values, id-to-label maps."""

from __future__ import annotations

import pandas as pd


def truth(value) -> bool | None:
    """A recorded yes/no as a Python bool, or None when it was not recorded.

    Boolean columns hold numpy or pandas booleans (and ``pd.NA`` for blanks), for
    which ``value is True`` is always false: read them through this function.
    """
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return None
    if isinstance(value, str):
        return {"true": True, "yes": True, "false": False, "no": False}.get(value.strip().lower())
    return bool(value)


def label_map(table: pd.DataFrame, key: str, value: str) -> dict[str, str]:
    """``{row[key]: row[value]}`` for every row of ``table`` (article id -> label, code -> place name)."""
    return dict(zip(table[key], table[value]))
