"""The Frictionless Data Package descriptor, generated from the schema so the two cannot drift.

CSV tables become tabular resources with a Table Schema (fields, types,
constraints, primary and foreign keys). YAML tables, whose records nest lists of
quotes, are described as non-tabular resources carrying the same field list in
a ``schema`` property, so readers know their shape.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import schema as S
from .load import read_table

_TYPES = {
    S.STRING: "string",
    S.TEXT: "string",
    S.INTEGER: "integer",
    S.NUMBER: "number",
    S.BOOLEAN: "boolean",
    S.DATE: "date",
    S.PARTIAL_DATE: "string",
    S.URL: "string",
    S.URL_LIST: "string",
    S.STRING_LIST: "string",
    S.ENUM_LIST: "string",
    S.OBJECT_LIST: "array",
}


def _field(f: S.Field, tabular: bool) -> dict:
    out: dict = {"name": f.name, "type": _TYPES[f.type], "description": f.description}
    constraints: dict = {}
    if f.required:
        constraints["required"] = True
    if f.enum and f.type == S.STRING:
        constraints["enum"] = list(f.enum)
    if f.type == S.URL:
        out["format"] = "uri"
        constraints["pattern"] = "https?://.+"
    if f.type == S.PARTIAL_DATE:
        constraints["pattern"] = r"\d{4}(-\d{2}(-\d{2})?)?"
    if f.type in (S.URL_LIST, S.STRING_LIST, S.ENUM_LIST) and tabular:
        out["description"] += ' Several values are separated by " ; ".'
    if f.item_fields:
        out["items"] = [_field(x, False) for x in f.item_fields]
    if constraints:
        out["constraints"] = constraints
    return out


def descriptor(data_dir: Path, meta: dict) -> dict:
    """The datapackage.json content for ``data_dir``."""
    resources = []
    for t in S.TABLES:
        if not (data_dir / t.file).exists():
            continue
        tabular = t.format == "csv"
        present = read_table(data_dir, t).records[0].values.keys() if tabular and read_table(data_dir, t).records else t.field_names
        fields = [f for f in t.fields if not tabular or f.name in present]
        schema: dict = {"fields": [_field(f, tabular) for f in fields], "primaryKey": list(t.primary_key) if t.primary_key else []}
        fks = [
            {"fields": f.name, "reference": {"resource": f.ref, "fields": S.table(f.ref).primary_key[0]}}
            for f in fields
            if f.ref and f.type == S.STRING and S.table(f.ref).format == "csv" and tabular
        ]
        if fks:
            schema["foreignKeys"] = fks
        res = {
            "name": t.name.replace("_", "-"),
            "path": t.file,
            "title": t.title,
            "description": t.description,
            "format": t.format,
            "mediatype": "text/csv" if tabular else "application/yaml",
            "encoding": "utf-8",
        }
        if tabular:
            res["profile"] = "tabular-data-resource"
            # As the loader reads it: a BOM and CRLF are accepted, a row of empty cells (a trailing
            # blank line, Excel's ",,,") is skipped rather than read as a record.
            res["dialect"] = {"skipBlankRows": True}
            res["schema"] = schema
        else:
            res["profile"] = "data-resource"
            res["yamlSchema"] = schema
        resources.append(res)
    # foreign keys must name resources as written above
    for r in resources:
        for fk in r.get("schema", {}).get("foreignKeys", []):
            fk["reference"]["resource"] = fk["reference"]["resource"].replace("_", "-")
    return {
        "profile": "data-package",
        "name": str(meta.get("id") or "dataset"),
        "title": meta["title"],
        "description": meta["summary"],
        "version": str(meta.get("last_updated") or ""),
        "licenses": [
            {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}
        ],
        "sources": [{"title": "Curated from public sources; each row names the page where it was seen."}],
        "resources": resources,
    }


def render(data_dir: Path, meta: dict) -> str:
    return json.dumps(descriptor(data_dir, meta), indent=2, ensure_ascii=False) + "\n"
