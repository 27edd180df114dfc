"""The data dictionary, generated from the schema so the two cannot drift."""

from __future__ import annotations

import pandas as pd

from . import schema as S


def data_dictionary() -> pd.DataFrame:
    """One row per field of every table: type, whether required, allowed values, reference, description."""
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
                    "Description": f.description,
                }
            )
            for sub in f.item_fields:
                rows.append(
                    {
                        "Table": t.title, "File": t.file, "Table description": t.description,
                        "Field": f"{f.name}[].{sub.name}", "Type": sub.type, "Required": "yes" if sub.required else "",
                        "Allowed values": ", ".join(sub.enum), "Refers to": sub.ref or "", "Key": "", "Description": sub.description,
                    }
                )  # fmt: skip
    return pd.DataFrame(rows)
