"""Check every table against the contract and list every problem found.

:func:`validate` never stops at the first problem: it returns all of them,
each with file, line, record id, field and a plain message. It also returns
the records coerced to Python types, and which of them had problems, so the
app can show every valid row and list the others in its banner.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from . import schema as S
from .codes import check_code
from .load import DOCUMENT_FILES, Problem, RawTable, read_all, read_article_text, read_data_file, scan
from .rules import apply_rules
from .safetext import LINE_BREAK, describe, hidden_characters, is_icon

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$", re.ASCII)
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
    dropped: dict[str, list[str]] = field(default_factory=dict)  # table name -> rows that could not be read as records
    left_out: list[Problem] = field(default_factory=list)  # quotes left out of records that are still shown

    @property
    def ok(self) -> bool:
        return not self.problems


def did_you_mean(value: Any, choices) -> str:
    """'; did you mean 'X'?' for the closest of ``choices``, or '' when none is close."""
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.6)
    if not close and isinstance(value, str):
        # Case or separators only: 'Not Supported' for not_supported, 'US-tx' for US-TX.
        squash = {re.sub(r"[\s_-]", "", str(c)).lower(): str(c) for c in choices}
        close = [squash[k] for k in (re.sub(r"[\s_-]", "", value).lower(),) if k in squash]
    return f"; did you mean {close[0]!r}?" if close else ""


def _enum_problem(value: str, enum) -> str:
    hint = did_you_mean(value, enum)
    if not hint and value.lower() in ("yes", "no", "true", "false", "on", "off", "y", "n"):
        hint = f"; {value!r} looks like a yes/no answer, but this field takes one of the codes"
    return f"{value!r} is not one of: {', '.join(enum)}{hint}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


_INT = re.compile(r"^[+-]?\d+$", re.ASCII)
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
_TRUE_FALSE = {"true": True, "false": False}


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__} value"


def _number_hint(s: str) -> str:
    if "," in s:
        return (
            f"{s!r} has a comma, which could be a decimal comma (31,8 = 31.8) or a thousands separator (1,234 = 1234); "
            "write numbers with a decimal point and no thousands separators"
        )
    return ""


def _coerce(f: S.Field, value: Any, from_csv: bool) -> tuple[Any, str | None]:
    """Return (python value, problem message or None).

    Values arrive as text from both formats (the YAML reader keeps every plain
    scalar as text), so each is parsed here by its field's declared type, and
    strictly: a number is digits with an optional sign, decimal point and
    exponent; a comma is never guessed at.
    """
    t = f.type
    if t in (S.STRING, S.TEXT):
        if not isinstance(value, str):
            # Only an explicit YAML tag (!!int, !!bool...) gets here: text fields take text.
            return None, f"expected text, found {_kind_of(value)} (quote it if it is meant as text)"
        if t == S.STRING:
            value = value.strip()
            if LINE_BREAK.search(value):
                return None, "expected one line of text, found a line break"
        else:
            value = value.replace("\r\n", "\n").strip("\n")
        if f.enum and value not in f.enum:
            return None, _enum_problem(value, f.enum)
        if f.check == S.CHECK_ID and not _ID.match(value):
            return None, f"{value!r} is not a valid id (letters, digits, '-', '_', '.', ':'; no spaces)"
        if f.check == S.CHECK_ICON and not is_icon(value):
            return None, f"{value[:40]!r} is not an emoji or a Material icon name (:material/name:); a path or a URL is not accepted"
        if f.min_length and len(normalise_quote(value)) < f.min_length:
            n = len(normalise_quote(value))
            return None, f"{value!r} is too short to check ({n} character{'s' if n != 1 else ''}; at least {f.min_length})"
        return value, None
    if t == S.INTEGER:
        if isinstance(value, int) and not isinstance(value, bool):
            return value, None
        s = value.strip() if isinstance(value, str) else None
        if s is not None and _INT.match(s):
            return int(s), None
        return None, (_number_hint(s) if s else "") or f"expected a whole number, found {value!r}"
    if t == S.NUMBER:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str) and _NUMBER.match(value.strip()):
            number = float(value.strip())
        else:
            s = value.strip() if isinstance(value, str) else ""
            return None, _number_hint(s) or f"expected a number, found {value!r}"
        if number != number or abs(number) == float("inf"):
            return None, f"expected a number, found {value!r}"
        return number, None
    if t == S.BOOLEAN:
        if isinstance(value, bool):
            return value, None
        if isinstance(value, str) and value.strip().lower() in _TRUE_FALSE:
            return _TRUE_FALSE[value.strip().lower()], None
        hint = (
            " (write true or false: yes/no, on/off are kept as text)"
            if str(value).strip().lower() in ("yes", "no", "on", "off", "y", "n")
            else ""
        )
        return None, f"expected true or false, found {value!r}{hint}"
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
        if not isinstance(value, str):
            return None, f"expected a URL, found {_kind_of(value)}"
        s = value.strip()
        return (s, None) if _is_url(s) else (None, _url_problem(s))
    if t in (S.URL_LIST, S.STRING_LIST, S.ENUM_LIST):
        if isinstance(value, str):
            items = [p.strip() for p in _LIST_SPLIT.split(value)] if from_csv else [value.strip()]
        elif isinstance(value, list):
            items = value
        else:
            return None, f"expected a list, found {value!r}"
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, str):
                return None, f"item {i + 1} is not plain text"
            item = item.strip()
            if not item:
                continue
            if LINE_BREAK.search(item):
                return None, f"item {i + 1} has a line break; each item is one line"
            if t == S.URL_LIST and not _is_url(item):
                return None, _url_problem(item)
            if t == S.ENUM_LIST and item not in f.enum:
                return None, _enum_problem(item, f.enum)
            out.append(item)
        if len(out) < f.min_items:
            return None, f"needs at least {f.min_items} item(s)"
        return out, None
    if t == S.OBJECT_LIST:
        if not isinstance(value, list):
            return None, "expected a list of entries"
        return value, None  # items are checked by _check_items
    raise AssertionError(t)  # pragma: no cover - schema guards types


def today() -> dt.date:
    """Today where the day starts first (UTC+14): no curator anywhere writes a later date."""
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()


def _bound(f: S.Field, bound: float | str | None) -> Any:
    if bound == S.TODAY:
        return today().isoformat() if f.type == S.DATE else today().year
    return bound


def _range_problem(f: S.Field, value: Any) -> str | None:
    """Is a coerced value within its field's declared range?"""
    if value is None or (f.minimum is None and f.maximum is None):
        return None
    lo, hi = _bound(f, f.minimum), _bound(f, f.maximum)
    if lo is not None and value < lo:
        return f"{value!r} is below the smallest allowed value, {lo}"
    if hi is not None and value > hi:
        if f.maximum == S.TODAY:
            return f"{value!r} is in the future (today is {hi})"
        return f"{value!r} is above the largest allowed value, {hi}"
    return None


def _hidden_problem(f: S.Field, value: Any) -> str | None:
    """Text that would show differently from what is stored: bidi overrides, zero-width and control characters."""
    if f.check == S.CHECK_ICON:
        return None  # emoji sequences use joiners; is_icon checks every character
    if isinstance(value, str):
        if value.isprintable():  # the common case, cleared at C speed
            return None
        texts = [value]
    else:
        texts = [v for v in value if isinstance(v, str) and not v.isprintable()] if isinstance(value, list) else []
    allowed = "\t\n" if f.type == S.TEXT else ""
    for text in texts:
        if f.type == S.TEXT:
            text = text.replace("\r\n", "\n")
        else:
            brk = LINE_BREAK.search(text)
            if brk:
                return f"expected one line of text, found a line break: {describe(brk.group()[0])}"
        found = hidden_characters(text, allowed)
        if found:
            i, ch = found[0]
            more = f" and {len(found) - 1} more" if len(found) > 1 else ""
            return (
                f"contains the invisible or control character {describe(ch)} at character {i + 1}{more}; "
                "it makes the text show differently from what is stored: remove it"
            )
    return None


_WS = re.compile(r"\s")


# A host that begins with a scheme ("https://https.ncbi…", "http://www.https…") is a link typed or
# copied twice over: it opens nothing for a reader.
_SCHEME_IN_HOST = re.compile(r"^(?:www\.)?https?(?:\.|$)", re.IGNORECASE)


def _is_url(s: str) -> bool:
    if not s or _WS.search(s):
        return False
    try:
        parsed = urlparse(s)
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and not _SCHEME_IN_HOST.match(parsed.hostname or "")


def _url_problem(s: str) -> str:
    """Why ``s`` is not a link a reader can open."""
    try:
        host = urlparse(s).hostname or ""
    except ValueError:
        host = ""
    if _SCHEME_IN_HOST.match(host):
        return f"{s!r} has a host beginning with {host.split('.')[0]!r} (a scheme typed twice?); write the page's real address"
    return f"{s!r} is not an http(s) URL"


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


def _coerce_record(table: S.Table, raw: dict[str, Any], line: int | None, rel: str, read_problems=()) -> Record:
    from_csv = table.format == "csv"
    rec = Record(table.name, {}, line)
    label = str(raw.get("id", "") or "").strip() if "id" in table.field_names else ""
    if not label and table.primary_key != ("id",):
        label = "/".join(str(raw.get(k, "") or "").strip() for k in table.primary_key)
    for name, message, *at in read_problems:
        rec.problems.append(Problem(rel, at[0] if at else line, label, name, message))
    known = table.field_set
    key_lines = getattr(raw, "key_lines", None) or {}  # a YAML record knows each key's line: a problem names the field's own line
    for name in raw:
        if name not in known:
            rec.problems.append(
                Problem(rel, key_lines.get(name, line), label, name, "unknown field (not in the data contract)" + did_you_mean(name, known))
            )
    for f in table.fields:
        value = raw.get(f.name)
        if _blank(value):
            rec.values[f.name] = [] if f.type in (S.URL_LIST, S.STRING_LIST, S.ENUM_LIST, S.OBJECT_LIST) else None
            if f.required:
                rec.problems.append(Problem(rel, line, label, f.name, "required field is missing or empty"))
            continue
        message = _hidden_problem(f, value) if f.type != S.OBJECT_LIST else None
        coerced = None
        if not message:
            coerced, message = _coerce(f, value, from_csv)
        if not message:
            message = _range_problem(f, coerced)
        if message:
            rec.problems.append(Problem(rel, key_lines.get(f.name, line), label, f.name, message))
        rec.values[f.name] = coerced
    for rule in table.rules:
        message = _rule_problem(rule, rec.values)
        if message:
            rec.problems.append(Problem(rel, line, label, rule.field, message))
    return rec


def _rule_problem(rule: S.Rule, values: dict[str, Any]) -> str | None:
    value = values.get(rule.field)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    when = ""
    if rule.when:
        other, allowed = rule.when
        if values.get(other) not in allowed:
            return None
        when = f" when {other} is {values.get(other)}"
    if rule.minimum is not None and value < rule.minimum:
        return f"{value:g} is below {rule.minimum:g}, the smallest value allowed{when}"
    if rule.maximum is not None and value > rule.maximum:
        return f"{value:g} is above {rule.maximum:g}, the largest value allowed{when}"
    if rule.whole and value != int(value):
        return f"{value:g} is not a whole number, as it must be{when}"
    if rule.at_most:
        other = values.get(rule.at_most)
        if isinstance(other, (int, float)) and value > other:
            return f"{value:g} is larger than {rule.at_most} ({other:g})"
    return None


class _Checker:
    def __init__(self, directory: Path, raw: dict[str, RawTable]):
        self.directory = directory
        self.raw = raw
        self.records: dict[str, list[Record]] = {}
        self.article_texts: dict[str, str] = {}
        self.article_file_problems: list[Problem] = []
        self.left_out: list[Problem] = []  # entries (quotes) left out of records that are still shown
        self.article_files: dict[str, str] = {}  # article id -> its text file, for messages
        # ids of records whose YAML could not be parsed at all, with their line
        self.unparsed = {name: dict(rt.aside_ids) for name, rt in raw.items()}
        self.column_problems: list[Problem] = []  # a header without a required column (its rows are counted as set aside)

    def _missing(self, ref: str, target: Any, ids: dict) -> str:
        """Why a reference to ``target`` in table ``ref`` fails: set aside, or no such id (with the closest one)."""
        line = self.unparsed.get(ref, {}).get(str(target))
        if line is not None:
            return (
                f"refers to {ref} id {target!r}, which is set aside because of its own problem "
                f"({S.table(ref).file}:{line}: the record could not be read); fix that one first"
            )
        return f"refers to {ref} id {target!r}, which does not exist{did_you_mean(target, ids.get(ref, ()))}"

    def run(self) -> ValidationResult:
        for name, rt in self.raw.items():
            t = rt.table
            self.records[name] = [_coerce_record(t, r.values, r.line, t.file, r.problems) for r in rt.records]
        self._missing_columns()
        self._duplicates()
        self._articles()
        self._references_and_items()
        self._jurisdictions()
        self._scopes()
        self._periods()
        apply_rules(self.records)
        self._set_aside_dependents()
        problems: list[Problem] = scan(self.directory)
        problems.extend(self._documents())
        file_problems = {name: list(rt.problems) for name, rt in self.raw.items()}
        for name, rt in self.raw.items():
            problems.extend(rt.problems)
            for rec in self.records[name]:
                problems.extend(rec.problems)
        problems.extend(self.column_problems)
        problems.extend(self.article_file_problems)
        problems.extend(self.left_out)
        problems.extend(confidence_problems(self.records.get("legality", [])))
        dropped = {name: list(rt.dropped) for name, rt in self.raw.items() if rt.dropped}
        return ValidationResult(problems, self.records, self.article_texts, file_problems, dropped, list(self.left_out))

    def _missing_columns(self) -> None:
        """A CSV header without a required column is one problem, on line 1, not one per row.

        Every row is set aside (none can be shown without the column) and counted as such;
        a reference to one of them says it is set aside, not missing.
        """
        for name, rt in self.raw.items():
            t = rt.table
            if t.format != "csv" or not rt.records:
                continue
            header = list(rt.records[0].values)
            missing = [f.name for f in t.fields if f.required and f.name not in header]
            if not missing:
                continue
            unknown = [h for h in header if h not in t.field_set]
            for col in missing:
                near = difflib.get_close_matches(col, unknown, n=1, cutoff=0.6)
                fix = f"rename the header's {near[0]!r} to {col!r}" if near else f"add a {col!r} column"
                self.column_problems.append(
                    Problem(
                        t.file, 1, "", col,
                        f"the header has no column {col!r}, which every row needs; {fix} "
                        f"(all {len(rt.records)} rows are set aside until then)",
                    )
                )  # fmt: skip
            for rec in self.records[name]:
                rid = str(rec.values.get("id") or "").strip()
                rt.dropped.append(rid or f"line {rec.line}")
                if rid:
                    self.unparsed.setdefault(name, {})[rid] = rec.line
            self.records[name] = []

    def _documents(self) -> list[Problem]:
        """The folder's documentation files (changelog, licence) are optional, but must be readable text if present."""
        out = []
        for name in DOCUMENT_FILES:
            if os.path.lexists(self.directory / name):
                out.extend(read_data_file(self.directory, name)[1])
        return out

    def _set_aside_dependents(self) -> None:
        """A record that refers to a record set aside is set aside too, and says why.

        Otherwise a claim would keep a link to a study that is not shown (a blank
        row on its card, a count that silently drops) while the banner names only
        the study. Repeated until nothing changes, so chains are followed.
        """
        while True:
            good = {
                name: {str(r.values.get("id")) for r in recs if r.values.get("id") and not r.problems}
                for name, recs in self.records.items()
            }
            aside = {
                name: {str(r.values.get("id")) for r in recs if r.values.get("id") and r.problems} - good[name]
                for name, recs in self.records.items()
            }
            changed = False
            for name, recs in self.records.items():
                t = S.table(name)
                for rec in recs:
                    if rec.problems:
                        continue
                    for where, ref, target in _references(t, rec):
                        if target in aside.get(ref, ()):
                            rec.problems.append(
                                Problem(
                                    t.file, rec.line, rec.label, where,
                                    f"refers to {ref} id {target!r}, which is set aside because of its own problem; fix that one first",
                                )
                            )  # fmt: skip
                            changed = True
                            break
            if not changed:
                return

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
                continue
            hidden = hidden_characters(text, "\t\n\r")
            if hidden:
                i, ch = hidden[0]
                more = f" and {len(hidden) - 1} more" if len(hidden) > 1 else ""
                rec.problems.append(
                    Problem(
                        "articles.yaml", rec.line, rec.label, "file",
                        f"article text articles/{file_name}: line {text.count(chr(10), 0, i) + 1} contains the invisible or control "
                        f"character {describe(ch)}{more}; the text would show differently from what is stored and quoted: remove it",
                    )
                )  # fmt: skip
            if rec.values.get("id"):
                self.article_texts[rec.values["id"]] = text
                self.article_files[rec.values["id"]] = file_name

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
                                rec.problems.append(Problem(t.file, rec.line, rec.label, f.name, self._missing(f.ref, target, ids)))
                    if f.type == S.OBJECT_LIST:
                        self._check_items(t, rec, f, value, ids, normalised)

    def _check_items(self, t: S.Table, rec: Record, f: S.Field, items: list, ids: dict, normalised: dict) -> None:
        cleaned = []
        # A quote that is not in its article loses only itself while the record keeps at least one
        # good entry: its problem is reported, the rest of the record is still shown.
        left_out: list[Problem] = []
        for i, item in enumerate(items):
            where = f"{f.name}[{i + 1}]"
            if not isinstance(item, dict):
                rec.problems.append(Problem(t.file, rec.line, rec.label, where, "entry is not a mapping"))
                continue
            item_line = getattr(item, "line", None) or rec.line
            sub = _coerce_record(f.item_table, item, item_line, t.file)
            for p in sub.problems:
                rec.problems.append(Problem(t.file, item_line, rec.label, f"{where}.{p.field}", p.message))
            values = sub.values
            missing_quote = False
            for sf in f.item_fields:
                v = values.get(sf.name)
                at = getattr(item, "key_lines", {}).get(sf.name, item_line)
                if sf.ref and v is not None and str(v) not in ids.get(sf.ref, set()):
                    rec.problems.append(Problem(t.file, at, rec.label, f"{where}.{sf.name}", self._missing(sf.ref, v, ids)))
                if sf.check == S.CHECK_QUOTE and v is not None:
                    # Quotes name their article; a commercial signal quotes its own article.
                    article = rec.values.get("id") if t.name == "articles" else values.get("article")
                    text = normalised.get(article)
                    if text is None:
                        if article in ids.get("articles", set()):
                            rec.problems.append(
                                Problem(
                                    t.file,
                                    at,
                                    rec.label,
                                    f"{where}.{sf.name}",
                                    f"cannot check the quote: the text of article {article!r} could not be read",
                                )
                            )
                    elif normalise_quote(v) not in text:
                        name = self.article_files.get(article, "")
                        left_out.append(
                            Problem(
                                t.file, at, rec.label, f"{where}.{sf.name}",
                                f"quote not found in articles/{name} (article {article!r}): {closest_passage(normalise_quote(v), text)}",
                            )
                        )  # fmt: skip
                        missing_quote = True
            if not missing_quote:
                cleaned.append(values)
        if left_out and len(cleaned) >= max(1, f.min_items):
            for p in left_out:
                self.left_out.append(
                    Problem(p.file, p.line, p.record, p.field, p.message + "; this quote is left out, the rest of the record is shown")
                )
        else:
            rec.problems.extend(left_out)
        if len(cleaned) < f.min_items and not any(p.field.startswith(f.name) for p in rec.problems):
            rec.problems.append(Problem(t.file, rec.line, rec.label, f.name, f"needs at least {f.min_items} entry"))
        rec.values[f.name] = cleaned

    def _scopes(self) -> None:
        """A legal row's scope is one of the scopes the dataset declares (dataset.yaml, legal_scopes)."""
        dataset = self.records.get("dataset", [])
        items = dataset[0].values.get("legal_scopes") if dataset else None
        declared = [str(it.get("id")) for it in items or [] if isinstance(it, dict) and it.get("id")]
        if not declared:
            return
        for rec in self.records.get("legality", []):
            scope = rec.values.get("scope")
            if scope and scope not in declared:
                rec.problems.append(
                    Problem(
                        S.table("legality").file, rec.line, rec.label, "scope",
                        f"{scope!r} is not one of the legal scopes declared in dataset.yaml (legal_scopes): "
                        f"{', '.join(declared)}{did_you_mean(scope, declared)}",
                    )
                )  # fmt: skip

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


def closest_passage(quote: str, text: str, before: int = 40, after: int = 30) -> str:
    """Where the article comes closest to the quote, with the first point of difference marked.

    Both are normalised (:func:`normalise_quote`). The quote is anchored at its longest run
    found in the text (:mod:`difflib`), its start moved to the nearby position where most of
    its opening agrees, and both are shown around the first character where they part,
    marked with ``⟦…⟧``.
    """
    if not quote or not text:
        return "the article text is empty"
    block = difflib.SequenceMatcher(None, text, quote, autojunk=False).find_longest_match(0, len(text), 0, len(quote))
    if block.size == 0:
        return f"no passage of the article is close to it: {quote[:80]!r}"
    anchor = block.a - block.b  # where the quote would start if the longest shared run is in place

    def common(start: int) -> int:
        n = 0
        while n < len(quote) and 0 <= start + n < len(text) and text[start + n] == quote[n]:
            n += 1
        return n

    # A word added or dropped before the shared run shifts the start: try nearby starts, keep the longest agreement.
    candidates = [s for s in range(anchor - 20, anchor + 21) if 0 <= s < len(text)] or [max(0, min(anchor, len(text) - 1))]
    start = max(candidates, key=lambda s: (common(s), -abs(s - anchor)))
    qi = common(start)
    if qi == 0:
        start = min(max(anchor, 0), len(text) - 1)
    window, wi = text, start + qi
    start_q = max(0, qi - before)

    def mark(s: str, i: int, start: int) -> str:
        lead = "…" if start > 0 else ""
        tail = "…" if i + after < len(s) else ""
        return f"{lead}{s[start:i]}⟦{s[i : i + 1] or ' '}⟧{s[i + 1 : i + after]}{tail}"

    start_w = max(0, wi - (qi - start_q))
    shown_text = mark(window, wi, start_w)
    shown_quote = mark(quote, qi, start_q)
    return (
        f"the quote departs from the article at its character {qi + 1} (marked ⟦ ⟧). "
        f"Quote: {shown_quote!r}; closest passage in the article: {shown_text!r}"
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


def _references(t: S.Table, rec: Record):
    """(field, table referred to, id) for every reference a record makes, nested entries included."""
    for f in t.fields:
        value = rec.values.get(f.name)
        if value in (None, []):
            continue
        if f.ref:
            for target in value if isinstance(value, list) else [value]:
                yield f.name, f.ref, str(target)
        if f.type == S.OBJECT_LIST:
            for i, item in enumerate(value):
                if not isinstance(item, dict):
                    continue
                for sf in f.item_fields:
                    if sf.ref and item.get(sf.name) is not None:
                        yield f"{f.name}[{i + 1}].{sf.name}", sf.ref, str(item[sf.name])


def validate(directory: Path) -> ValidationResult:
    """Read and check every table in ``directory``; return every problem found."""
    return _Checker(directory, read_all(directory)).run()
