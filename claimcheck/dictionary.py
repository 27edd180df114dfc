"""The data dictionary, generated from the schema so the two cannot drift."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from . import schema as S

_TEXT_TYPES = (S.STRING, S.TEXT, S.URL, S.URL_LIST, S.STRING_LIST, S.ENUM_LIST)


def _bound(b) -> str:
    return "today" if b == S.TODAY else f"{b:g}" if isinstance(b, (int, float)) else str(b)


def checks(f: S.Field, t: S.Table | None = None) -> str:
    """The checks the validator makes on a field beyond its type, in words (ranges, lengths, rules)."""
    out = []
    if f.minimum is not None and f.maximum is not None:
        out.append(
            f"from {_bound(f.minimum)} to {_bound(f.maximum)}" if f.maximum != S.TODAY else f"from {_bound(f.minimum)}, not in the future"
        )
    elif f.minimum is not None:
        out.append(f"at least {_bound(f.minimum)}")
    elif f.maximum == S.TODAY:
        out.append("not in the future")
    elif f.maximum is not None:
        out.append(f"at most {_bound(f.maximum)}")
    if f.min_length:
        out.append(f"at least {f.min_length} characters")
    if f.check == S.CHECK_ICON:
        out.append("an emoji or :material/name:")
    for rule in t.rules if t else ():
        if rule.field != f.name:
            continue
        when = f"when {rule.when[0]} is {'/'.join(rule.when[1])}: " if rule.when else ""
        parts = []
        if rule.minimum is not None:
            parts.append(f"at least {rule.minimum:g}")
        if rule.maximum is not None:
            parts.append(f"at most {rule.maximum:g}")
        if rule.whole:
            parts.append("a whole number")
        if rule.at_most:
            parts.append(f"no more than {rule.at_most}")
        out.append(when + ", ".join(parts))
    if f.type in (S.INTEGER, S.NUMBER):
        out.append("digits with a decimal point, no thousands separator")
    if f.type in _TEXT_TYPES:
        out.append("no control or invisible characters" + ("" if f.type == S.TEXT else ", one line"))
        out.append("in CSV downloads a leading = + - @ tab or CR gets a single quote")
    return "; ".join(out)


def data_dictionary() -> pd.DataFrame:
    """One row per field of every table: type, whether required, allowed values, reference, checks, description."""
    rows = []
    for t in S.TABLES:
        for f in t.fields:
            rows.append(
                {
                    "Table": t.title,
                    "File": t.file,
                    "Table description": t.description,
                    "Field": f.name,
                    "Type": f.type,
                    "Required": "yes" if f.required else "",
                    "Allowed values": ", ".join(f.enum),
                    "Refers to": f.ref or "",
                    "Key": "primary key" if f.name in t.primary_key else "",
                    "Checks": checks(f, t),
                    "Description": f.description,
                }
            )
            for sub in f.item_fields:
                rows.append(
                    {
                        "Table": t.title, "File": t.file, "Table description": t.description,
                        "Field": f"{f.name}[].{sub.name}", "Type": sub.type, "Required": "yes" if sub.required else "",
                        "Allowed values": ", ".join(sub.enum), "Refers to": sub.ref or "", "Key": "", "Checks": checks(sub),
                        "Description": sub.description,
                    }
                )  # fmt: skip
    return pd.DataFrame(rows)


def column_help(table: str, columns: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each column's description from the schema, for a table's column tooltips.

    ``table`` is a table's name in the schema (``"claims"``). Without ``columns`` the
    keys are the stored field names; with it, ``columns`` maps each header the reader
    sees to the field it shows (``{"Verdict": "verdict"}``) and the keys are those
    headers. Fields without a description, and headers naming no field, are left out.
    An unknown table is a KeyError that names the known ones.
    """
    by_name = {t.name: t for t in S.TABLES}
    if table not in by_name:
        raise KeyError(f"no table {table!r}; tables are {', '.join(by_name)}")
    described = {f.name: f.description for f in by_name[table].fields if f.description}
    if columns is None:
        return described
    return {header: described[name] for header, name in columns.items() if name in described}
