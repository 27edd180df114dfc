"""Check every table against the contract and list every problem found.

:func:`validate` never stops at the first problem: it returns all of them,
each with file, line, record id, field and a plain message. It also returns
the records coerced to Python types, and which of them had problems, so the
app can show every valid row and list the others in its banner.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from . import schema as S
from .codes import check_code
from .load import Problem, RawTable, read_all, read_article_text
from .rules import apply_rules

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_LIST_SPLIT = re.compile(r"\s*;\s+|\s+;\s*|;(?=https?://)")
_QUOTE_CHARS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                              "\u00a0": " "})  # fmt: skip
_SPACE = re.compile(r"\s+")


def normalise_quote(text: str) -> str:
    """Text as compared when checking quotes: curly quotes straightened, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_QUOTE_CHARS)).strip()


@dataclass
class Record:
    """A record coerced to Python types, with where it came from."""

    table: str
    values: dict[str, Any]
    line: int | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return tuple(self.values.get(k) for k in S.table(self.table).primary_key)

    @property
    def label(self) -> str:
        key = self.key
        return "/".join(str(k) for k in key if k not in (None, "")) or (f"line {self.line}" if self.line else "")


@dataclass
class ValidationResult:
    problems: list[Problem]
    records: dict[str, list[Record]]
    article_texts: dict[str, str]  # article id -> text
    file_problems: dict[str, list[Problem]]  # table name -> problems reading the file

    @property
    def ok(self) -> bool:
        return not self.problems


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _coerce(f: S.Field, value: Any, from_csv: bool) -> tuple[Any, str | None]:
    """Return (python value, problem message or None)."""
    t = f.type
    if t in (S.STRING, S.TEXT):
        if isinstance(value, (dict, list)):
            return None, f"expected text, found a {'list' if isinstance(value, list) else 'mapping'}"
        if isinstance(value, (dt.date, bool, int, float)) and not from_csv:
            value = str(value).lower() if isinstance(value, bool) else str(value)
        value = str(value).strip() if t == S.STRING else str(value).strip("\n")
        if t == S.STRING and "\n" in value:
            return None, "expected one line of text, found several lines"
        if f.enum and value not in f.enum:
            return None, f"{value!r} is not one of: {', '.join(f.enum)}"
        if f.check == S.CHECK_ID and not _ID.match(value):
            return None, f"{value!r} is not a valid id (letters, digits, '-', '_', '.', ':'; no spaces)"
        return value, None
    if t == S.INTEGER:
        if isinstance(value, bool):
            return None, f"expected a whole number, found {value!r}"
        if isinstance(value, int):
            return value, None
        if from_csv and re.fullmatch(r"[+-]?\d+", str(value).strip().replace(",", "")):
            return int(str(value).strip().replace(",", "")), None
        return None, f"expected a whole number, found {value!r}"
    if t == S.NUMBER:
        if isinstance(value, bool):
            return None, f"expected a number, found {value!r}"
        if isinstance(value, (int, float)):
            return float(value), None
        if from_csv:
            try:
                number = float(str(value).strip().replace(",", ""))
            except ValueError:
                pass
            else:
                if number == number and abs(number) != float("inf"):
                    return number, None
        return None, f"expected a number, found {value!r}"
    if t == S.BOOLEAN:
        if isinstance(value, bool):
            return value, None
        if from_csv and str(value).strip().lower() in ("true", "false"):
            return str(value).strip().lower() == "true", None
        return None, f"expected true or false, found {value!r}"
    if t == S.DATE:
        if isinstance(value, dt.datetime):
            return None, f"expected a date (YYYY-MM-DD), found a date and time {value!r}"
        if isinstance(value, dt.date):
            return value.isoformat(), None
        s = str(value).strip()
        if _DATE.match(s):
            try:
                dt.date.fromisoformat(s)
            except ValueError:
                return None, f"{s!r} is not a real calendar date"
            return s, None
        return None, f"expected a date as YYYY-MM-DD, found {value!r}"
    if t == S.PARTIAL_DATE:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat(), None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        s = str(value).strip()
        if _PARTIAL.match(s):
            try:
                _date_bounds(s)
            except ValueError:
                return None, f"{s!r} is not a real calendar date"
            return s, None
        return None, f"expected YYYY, YYYY-MM or YYYY-MM-DD, found {value!r}"
    if t == S.URL:
        s = str(value).strip()
        return (s, None) if _is_url(s) else (None, f"{s!r} is not an http(s) URL")
    if t in (S.URL_LIST, S.STRING_LIST, S.ENUM_LIST):
        if isinstance(value, str):
            items = [p.strip() for p in _LIST_SPLIT.split(value)] if from_csv else [value.strip()]
        elif isinstance(value, list):
            items = value
        else:
            return None, f"expected a list, found {value!r}"
        out = []
        for i, item in enumerate(items):
            if isinstance(item, (dict, list)) or item is None:
                return None, f"item {i + 1} is not plain text"
            item = str(item).strip()
            if not item:
                continue
            if t == S.URL_LIST and not _is_url(item):
                return None, f"{item!r} is not an http(s) URL"
            if t == S.ENUM_LIST and item not in f.enum:
                return None, f"{item!r} is not one of: {', '.join(f.enum)}"
            out.append(item)
        if len(out) < f.min_items:
            return None, f"needs at least {f.min_items} item(s)"
        return out, None
    if t == S.OBJECT_LIST:
        if not isinstance(value, list):
            return None, "expected a list of entries"
        return value, None  # items are checked by _check_items
    raise AssertionError(t)  # pragma: no cover - schema guards types


_WS = re.compile(r"\s")


def _is_url(s: str) -> bool:
    if not s or _WS.search(s):
        return False
    try:
        parsed = urlparse(s)
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _date_bounds(s: str) -> tuple[dt.date, dt.date]:
    """First and last day covered by a partial date."""
    parts = [int(p) for p in s.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    d = dt.date(*parts)
    return d, d


def date_bounds(s: str | None) -> tuple[dt.date, dt.date] | None:
    """Public form of the partial-date bounds, None for an empty value."""
    return _date_bounds(s) if isinstance(s, str) and s else None


def _coerce_record(table: S.Table, raw: dict[str, Any], line: int | None, rel: str) -> Record:
    from_csv = table.format == "csv"
    rec = Record(table.name, {}, line)
    label = str(raw.get("id", "") or "").strip() if "id" in table.field_names else ""
    if not label and table.primary_key != ("id",):
        label = "/".join(str(raw.get(k, "") or "").strip() for k in table.primary_key)
    known = table.field_set
    for name in raw:
        if name not in known:
            rec.problems.append(Problem(rel, line, label, name, "unknown field (not in the data contract)"))
    for f in table.fields:
        value = raw.get(f.name)
        if _blank(value):
            rec.values[f.name] = [] if f.type in (S.URL_LIST, S.STRING_LIST, S.ENUM_LIST, S.OBJECT_LIST) else None
            if f.required:
                rec.problems.append(Problem(rel, line, label, f.name, "required field is missing or empty"))
            continue
        coerced, message = _coerce(f, value, from_csv)
        if message:
            rec.problems.append(Problem(rel, line, label, f.name, message))
        rec.values[f.name] = coerced
    return rec


class _Checker:
    def __init__(self, directory: Path, raw: dict[str, RawTable]):
        self.directory = directory
        self.raw = raw
        self.records: dict[str, list[Record]] = {}
        self.article_texts: dict[str, str] = {}
        self.article_file_problems: list[Problem] = []

    def run(self) -> ValidationResult:
        for name, rt in self.raw.items():
            t = rt.table
            self.records[name] = [_coerce_record(t, r.values, r.line, t.file) for r in rt.records]
        self._duplicates()
        self._articles()
        self._references_and_items()
        self._jurisdictions()
        self._periods()
        apply_rules(self.records)
        problems: list[Problem] = []
        file_problems = {name: list(rt.problems) for name, rt in self.raw.items()}
        for name, rt in self.raw.items():
            problems.extend(rt.problems)
            for rec in self.records[name]:
                problems.extend(rec.problems)
        problems.extend(self.article_file_problems)
        problems.extend(confidence_problems(self.records.get("legality", [])))
        return ValidationResult(problems, self.records, self.article_texts, file_problems)

    # -- table-level rules ------------------------------------------------------
    def _duplicates(self) -> None:
        for name, recs in self.records.items():
            t = S.table(name)
            first: dict[tuple, Record] = {}
            for rec in recs:
                key = rec.key
                if any(k is None for k in key):
                    continue
                if key in first:
                    other = first[key]
                    where = f"line {other.line}" if other.line else "an earlier record"
                    rec.problems.append(
                        Problem(
                            t.file, rec.line, rec.label, ",".join(t.primary_key), f"duplicate id: {rec.label!r} is already used at {where}"
                        )
                    )
                else:
                    first[key] = rec

    def _ids(self, table_name: str) -> set[str]:
        return {str(r.values.get("id")) for r in self.records.get(table_name, []) if r.values.get("id")}

    def _articles(self) -> None:
        for rec in self.records.get("articles", []):
            file_name = rec.values.get("file")
            if not file_name:
                continue
            text, problems = read_article_text(self.directory, file_name)
            if text is None:
                msg = problems[0].message if problems else "cannot be read"
                rec.problems.append(Problem("articles.yaml", rec.line, rec.label, "file", f"article text articles/{file_name}: {msg}"))
            elif rec.values.get("id"):
                self.article_texts[rec.values["id"]] = text

    def _references_and_items(self) -> None:
        ids = {name: self._ids(name) for name in self.records}
        normalised = {aid: normalise_quote(text) for aid, text in self.article_texts.items()}
        for name, recs in self.records.items():
            t = S.table(name)
            for rec in recs:
                for f in t.fields:
                    value = rec.values.get(f.name)
                    if value in (None, []):
                        continue
                    if f.ref:
                        targets = value if isinstance(value, list) else [value]
                        for target in targets:
                            if str(target) not in ids.get(f.ref, set()):
                                rec.problems.append(
                                    Problem(t.file, rec.line, rec.label, f.name, f"refers to {f.ref} id {target!r}, which does not exist")
                                )
                    if f.type == S.OBJECT_LIST:
                        self._check_items(t, rec, f, value, ids, normalised)

    def _check_items(self, t: S.Table, rec: Record, f: S.Field, items: list, ids: dict, normalised: dict) -> None:
        cleaned = []
        for i, item in enumerate(items):
            where = f"{f.name}[{i + 1}]"
            if not isinstance(item, dict):
                rec.problems.append(Problem(t.file, rec.line, rec.label, where, "entry is not a mapping"))
                continue
            sub = _coerce_record(f.item_table, item, rec.line, t.file)
            for p in sub.problems:
                rec.problems.append(Problem(t.file, rec.line, rec.label, f"{where}.{p.field}", p.message))
            values = sub.values
            for sf in f.item_fields:
                v = values.get(sf.name)
                if sf.ref and v is not None and str(v) not in ids.get(sf.ref, set()):
                    rec.problems.append(
                        Problem(t.file, rec.line, rec.label, f"{where}.{sf.name}", f"refers to {sf.ref} id {v!r}, which does not exist")
                    )
                if sf.check == S.CHECK_QUOTE and v is not None:
                    # Quotes name their article; a commercial signal quotes its own article.
                    article = rec.values.get("id") if t.name == "articles" else values.get("article")
                    text = normalised.get(article)
                    if text is None:
                        if article in ids.get("articles", set()):
                            rec.problems.append(
                                Problem(
                                    t.file,
                                    rec.line,
                                    rec.label,
                                    f"{where}.{sf.name}",
                                    f"cannot check the quote: the text of article {article!r} could not be read",
                                )
                            )
                    elif normalise_quote(v) not in text:
                        short = v if len(v) <= 60 else v[:57] + "..."
                        rec.problems.append(
                            Problem(t.file, rec.line, rec.label, f"{where}.{sf.name}", f"quote not found in article {article!r}: {short!r}")
                        )
            cleaned.append(values)
        if len(cleaned) < f.min_items and not any(p.field.startswith(f.name) for p in rec.problems):
            rec.problems.append(Problem(t.file, rec.line, rec.label, f.name, f"needs at least {f.min_items} entry"))
        rec.values[f.name] = cleaned

    def _jurisdictions(self) -> None:
        for name, recs in self.records.items():
            t = S.table(name)
            for f in t.fields:
                if f.check != S.CHECK_JURISDICTION:
                    continue
                for rec in recs:
                    code = rec.values.get(f.name)
                    if not code:
                        continue
                    message = check_code(code, rec.values.get("level"))
                    if message:
                        rec.problems.append(Problem(t.file, rec.line, rec.label, f.name, message))

    def _periods(self) -> None:
        for name, recs in self.records.items():
            t = S.table(name)
            if not t.periods:
                continue
            start_f, end_f, key_fields = t.periods
            groups: dict[tuple, list[tuple[dt.date, dt.date | None, Record]]] = defaultdict(list)
            for rec in recs:
                start, end = rec.values.get(start_f), rec.values.get(end_f)
                try:
                    lo = _date_bounds(start)[0] if start else dt.date.min
                    hi = _date_bounds(end)[0] if end else None
                except ValueError:
                    continue
                if hi is not None and hi < lo:
                    rec.problems.append(Problem(t.file, rec.line, rec.label, end_f, f"ends ({end}) before it starts ({start})"))
                    continue
                groups[tuple(rec.values.get(k) for k in key_fields)].append((lo, hi, rec))
            for key, spans in groups.items():
                spans.sort(key=lambda s: s[0])
                for (_lo1, hi1, r1), (lo2, _hi2, r2) in zip(spans, spans[1:]):
                    if hi1 is None or lo2 < hi1:
                        r2.problems.append(
                            Problem(
                                t.file,
                                r2.line,
                                r2.label,
                                start_f,
                                f"period overlaps row {r1.label!r} (line {r1.line}) for the same {'/'.join(key_fields)} {'/'.join(map(str, key))}",
                            )
                        )


def confidence_problems(records: list[Record]) -> list[Problem]:
    """Legal rows whose confidence label contradicts the rule in :mod:`claimcheck.confidence`.

    Reported with the other problems but not attached to the row: a label to fix does not
    take the status off the map.
    """
    from .confidence import expected_confidence, why

    found = []
    for rec in records:
        v = rec.values
        if rec.problems or v.get("confidence") is None:
            continue
        facts = (v.get("verification"), v.get("source_urls"), v.get("disagreement"), v.get("status"))
        want = expected_confidence(*facts)
        if v["confidence"] != want:
            hint = f"the rule gives {want!r} ({why(*facts)}); set confidence: {want}"
            found.append(
                Problem(
                    S.table("legality").file,
                    rec.line,
                    rec.label,
                    "confidence",
                    f"{v['confidence']!r} contradicts the confidence rule: {hint}",
                )
            )
    return found


def validate(directory: Path) -> ValidationResult:
    """Read and check every table in ``directory``; return every problem found."""
    return _Checker(directory, read_all(directory)).run()
