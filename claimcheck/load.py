"""Read the data folder's files into raw records, nothing else.

Each record keeps the line it starts on, so that every problem found later can
name its file and line. Reading never raises on bad data: a missing file, bad
encoding or malformed YAML/CSV becomes a :class:`Problem` and the table is
empty (or holds the rows that could be read).

YAML is only ever read with PyYAML's safe loader.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .schema import TABLES, Table

ARTICLES_DIR = "articles"
DATA_DIR_ENV = "CLAIMCHECK_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MAX_FILE_BYTES = 20 * 1024 * 1024


def data_dir(value: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``value`` if given, else $CLAIMCHECK_DATA_DIR, else ``data/``."""
    if value:
        return Path(value)
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(env) if env else DEFAULT_DATA_DIR


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data: where it is and what is wrong, in plain words."""

    file: str
    line: int | None
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(self.field)
        return ": ".join(parts) + f": {self.message}"


@dataclass
class RawRecord:
    values: dict[str, Any]
    line: int | None
    problems: list[tuple] = field(default_factory=list)  # (field, message) or (field, message, line) found while reading


@dataclass
class RawTable:
    table: Table
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    present: bool = True
    dropped: list[str] = field(default_factory=list)  # labels of rows that could not be read as records
    aside_ids: dict[str, int] = field(default_factory=dict)  # id -> line of records that could not be read at all


class Unreadable(Exception):
    """A file that is not read: the message says why, in plain words."""


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_KIND = {
    stat.S_IFDIR: "is a folder, not a file",
    stat.S_IFCHR: "is a device, not a regular file; not read",
    stat.S_IFBLK: "is a device, not a regular file; not read",
    stat.S_IFIFO: "is a pipe (FIFO), not a regular file; not read",
    stat.S_IFSOCK: "is a socket, not a regular file; not read",
}
VANISH_RETRY_SECONDS = 0.05


def _kind_problem(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return _KIND.get(stat.S_IFMT(mode), "is not a regular file; not read")


def inside(root: str | os.PathLike[str], path: str | os.PathLike[str]) -> bool:
    """Does ``path``, with every link followed, lead to a place inside ``root``?"""
    real_root = os.path.realpath(root)
    try:
        return os.path.commonpath([real_root, os.path.realpath(path)]) == real_root
    except ValueError:
        return False


def _read_once(root: str, rel: str, limit: int) -> bytes:
    path = os.path.join(root, rel)
    if "\x00" in rel:
        raise Unreadable("the file name contains a NUL character")
    real = os.path.realpath(path)
    if not inside(root, real):
        raise Unreadable("is a link that leads outside the data folder; only files inside the data folder are read")
    try:
        kind = _kind_problem(os.stat(real).st_mode)  # before opening: opening a device can have effects
    except FileNotFoundError:
        raise
    except PermissionError:
        raise Unreadable("cannot be read (permission denied)") from None
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None
    if kind:
        raise Unreadable(kind)
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except FileNotFoundError:
        raise
    except PermissionError:
        raise Unreadable("cannot be read (permission denied)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Unreadable("changed into a link while it was being read; not read") from None
        if exc.errno == errno.EISDIR:
            raise Unreadable(_KIND[stat.S_IFDIR]) from None
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        # Checked again on the opened file: the path may have been swapped since.
        kind = _kind_problem(st.st_mode)
        if kind:
            raise Unreadable(kind)
        if st.st_size > limit:
            raise Unreadable(f"file is {st.st_size:,} bytes, over the {limit:,}-byte limit; not read")
        # Never more than limit + 1 bytes, whatever the size claimed: a file may grow while it is read.
        chunks, total = [], 0
        while total <= limit:
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            except OSError as exc:
                if exc.errno == errno.EISDIR:
                    raise Unreadable(_KIND[stat.S_IFDIR]) from None
                raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise Unreadable(f"file is over the {limit:,}-byte limit; not read")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_bytes(directory: str | os.PathLike[str], rel: str, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``rel`` inside the data folder ``directory``.

    Raises :class:`Unreadable` (with a plain message) for anything else: a link
    that leads outside the folder, a folder, a device, a pipe, a file over
    ``limit`` bytes, a permission error, or a file that is missing. Every read is
    capped at ``limit + 1`` bytes on the opened file, so a device or a growing
    file cannot fill memory. A file that vanishes between the folder listing and
    the read (an editor or git saving it) is tried once more before it is
    reported.
    """
    root = os.path.realpath(directory)
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        return _read_once(root, rel, limit)
    except FileNotFoundError:
        # Saved by deleting and writing again, or replaced between the listing and the read: wait, try once more.
        time.sleep(VANISH_RETRY_SECONDS)
    try:
        return _read_once(root, rel, limit)
    except FileNotFoundError:
        if os.path.lexists(os.path.join(root, rel)):
            raise Unreadable("vanished while it was being read (it was probably being saved); reload to read it again") from None
        raise Unreadable("file is missing") from None


def read_data_file(directory: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """A text file of the data folder (for example its changelog), read as safely as a table."""
    problems: list[Problem] = []
    return _read_text(directory, rel, problems), problems


def _read_text(directory: Path, rel: str, problems: list[Problem]) -> str | None:
    try:
        raw = read_bytes(directory, rel)
    except Unreadable as exc:
        problems.append(Problem(rel, None, "", "", str(exc)))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(rel, line, "", "", f"not valid UTF-8 text (byte {exc.start}); save the file as UTF-8"))
        return None
    if "\x00" in text:
        problems.append(Problem(rel, None, "", "", "file contains NUL bytes; it is not a text file"))
        return None
    return text


def _read_table_text(directory: Path, rel: str, problems: list[Problem]) -> tuple[str | None, list[tuple[int, int]]]:
    """A table's text, and the lines that are not valid UTF-8 as (line, byte offset).

    One wrong byte (a cell pasted from a file saved as Latin-1) loses only the record it
    is in (:func:`_set_aside_undecodable`), not the table: those lines are read with the
    byte replaced, so the file's structure holds, and their records are set aside.
    """
    try:
        raw = read_bytes(directory, rel)
    except Unreadable as exc:
        problems.append(Problem(rel, None, "", "", str(exc)))
        return None, []
    undecodable: list[tuple[int, int]] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        offset = 0
        for n, line in enumerate(raw.split(b"\n"), 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                undecodable.append((n, offset + exc.start))
            offset += len(line) + 1
        text = raw.decode("utf-8-sig", errors="replace")
    if "\x00" in text:
        problems.append(Problem(rel, None, "", "", "file contains NUL bytes; it is not a text file"))
        return None, []
    return text, undecodable


def _set_aside_undecodable(out: RawTable, undecodable: list[tuple[int, int]]) -> None:
    """Set aside each record holding a line that is not valid UTF-8, naming its line and byte; keep the others."""
    rel = out.table.file
    for line, byte in undecodable:
        owner = max((r for r in out.records if r.line is not None and r.line <= line), key=lambda r: r.line, default=None)
        hint = f"not valid UTF-8 text (byte {byte}); save the file as UTF-8"
        if owner is None:  # before the first record (a comment): nothing is lost, but the file still needs saving as UTF-8
            out.problems.append(Problem(rel, line, "", "", hint))
            continue
        rid = str(owner.values.get("id") or "").strip()
        out.problems.append(Problem(rel, line, rid, "", f"{hint}; this record is set aside, the other records are read"))
        out.records.remove(owner)
        out.dropped.append(rid or f"line {owner.line}")
        if rid:
            out.aside_ids[rid] = owner.line


# libyaml's C parser when available (about 10 times faster), else the pure-Python one;
# both are the *safe* loader: plain data only, no Python objects.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """The safe loader, with two changes that keep the data exactly as written.

    * Every plain (unquoted) scalar stays text, except an empty value, ``~`` and
      ``null``: YAML 1.1 would turn ``no``, ``Off`` or ``NO`` into a boolean,
      ``0777`` into 511, ``1:30`` into 90 and ``2026-13-45`` into an error. The
      validator converts each value by its field's declared type instead.
    * A key that appears twice in one mapping is noted (YAML keeps the last one
      silently); the reader turns each into a problem on its record.

    Parsing stays in libyaml's C code; only the node-to-value step is Python.
    """

    yaml_implicit_resolvers: dict = {}

    def __init__(self, stream, offset: int = 0) -> None:
        super().__init__(stream)
        self.offset = offset  # lines before this text in its file (a record read on its own)
        self.duplicate_keys: list[tuple[int, str, int]] = []  # (line, key, line of the first one)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    line = key_node.start_mark.line + 1 + self.offset
                    if key_node.value in seen:
                        self.duplicate_keys.append((line, key_node.value, seen[key_node.value]))
                    else:
                        seen[key_node.value] = line
        return super().construct_mapping(node, deep)


class LineDict(dict):
    """A YAML mapping that knows the line it starts on and the line of each of its keys.

    Entries nested in a record (a claim's quotes) keep their own line, so a problem with
    the third quote names the third quote's line, not the claim's.
    """

    line: int | None = None
    key_lines: dict[str, int]


def _construct_line_map(loader: _TextLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1 + loader.offset
    data.key_lines = {str(k.value): k.start_mark.line + 1 + loader.offset for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    yield data
    data.update(loader.construct_mapping(node))


_TextLoader.add_constructor("tag:yaml.org,2002:map", _construct_line_map)
_TextLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


_ITEM_START = re.compile(r"^-(?:[ \t]|$)")
_ITEM_ID = re.compile(r"^(?:- |  )id:[ \t]*['\"]?([A-Za-z0-9][A-Za-z0-9_.:-]*)", re.MULTILINE)
_COMMENT_CUT = re.compile(r"^[ \t]*(?:- )?([A-Za-z_][A-Za-z0-9_]*):[ \t]+[^'\"|>#\s\[{][^\n]*?[ \t]#")


_KEY_LINE = re.compile(r"^( *)(?:- )?[A-Za-z_][A-Za-z0-9_]*:(?:[ \t]|$)")


def _indent(line: str) -> int | None:
    """How far a line that starts a field (``key:``) is indented, or None for any other line."""
    m = _KEY_LINE.match(line)
    return None if m is None else len(m.group(1)) + (2 if line.lstrip().startswith("- ") else 0)


def yaml_hint(problem: str, line_text: str, previous: str = "") -> str:
    """A plain-words hint for the YAML mistakes contributors make most, from the parser's message, the line and the one above."""
    p = problem.lower()
    if "\t" in line_text or "'\\t'" in p or "tab" in p:
        return "a tab is used for indenting or spacing here: YAML takes spaces only, so replace the tab with spaces"
    after = line_text.split(":", 1)[1].strip() if ":" in line_text else ""
    here, above = _indent(line_text), _indent(previous)
    if here is not None and above is not None and here != above and ("mapping values are not allowed" in p or "expected" in p):
        # a field indented more (or less) than the field above it: YAML reads it as part of that value, or as a new record
        return (
            f"this field is indented {here} space{'s' if here != 1 else ''} and the field above it {above}: each field of a record starts "
            "two spaces in, under `id:`; line it up with the fields above"
        )
    if "mapping values are not allowed" in p:
        return (
            "the value on this line contains a colon followed by a space, which YAML reads as a new key: "
            'put the whole value in double quotes ("..."), or use a block (text: >-) on the next lines'
        )
    if after[:1] in ("'", '"') and ("expected <block end>" in p or "expected key" in p or "while scanning" in p):
        return (
            f"the value starts with a quote mark ({after[0]}), so YAML expects it to end at the matching one: "
            "wrap the whole value in the other kind of quotes, or use a block (text: >-) on the next lines"
        )
    if "expected <block end>" in p or "indentation" in p or "expected key" in p or "expected '-' indicator" in p:
        return "the indentation does not match the lines above: each field of a record starts two spaces in, under `id:`"
    if "found character" in p and "cannot start any token" in p:
        return "a value starts with a character YAML reserves (` @ % or a tab): put the whole value in double quotes"
    return ""


def _yaml_error(exc: yaml.YAMLError, text: str, offset: int) -> tuple[int | None, str]:
    """(line in the file, message with a hint) for a YAML parse error."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    lines = text.split("\n")
    line_text = lines[line - 1] if line and line <= len(lines) else ""
    previous = next((x for x in reversed(lines[: line - 1]) if x.strip()), "") if line else ""
    hint = yaml_hint(problem, line_text, previous)
    return (line + offset if line else None), f"malformed YAML: {problem}" + (f" ({hint})" if hint else "")


def _read_yaml(text: str, table: Table, rel: str, offset: int = 0, whole: bool = True) -> RawTable:
    out = RawTable(table)
    loader = _TextLoader(text, offset)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        if whole and any(_ITEM_START.match(line) for line in text.split("\n")):
            return _read_yaml_items(text, table, rel, exc)
        line, message = _yaml_error(exc, text, offset)
        out.problems.append(Problem(rel, line, "", "", message))
        return out
    except RecursionError:
        out.problems.append(Problem(rel, None, "", "", "malformed YAML: nested too deeply"))
        return out
    finally:
        loader.dispose()
    duplicates = loader.duplicate_keys
    if data is None:
        return out
    if isinstance(data, dict):  # a single-record file such as dataset.yaml
        data, items = [data], [node]
    elif isinstance(data, list):
        items = list(node.value)
    else:
        out.problems.append(Problem(rel, 1 + offset, "", "", "expected a list of records (or one mapping)"))
        return out
    spans: list[tuple[int, int, RawRecord | None]] = []
    for item, item_node in zip(data, items):
        line = item_node.start_mark.line + 1 + offset
        if not isinstance(item, dict):
            out.problems.append(Problem(rel, line, "", "", "record is not a mapping of field: value"))
            out.dropped.append(f"line {line}")
            spans.append((line, item_node.end_mark.line + 1 + offset, None))
            continue
        values = LineDict({str(k): v for k, v in item.items()})
        values.line, values.key_lines = line, dict(getattr(item, "key_lines", {}))  # so a problem names its field's line
        record = RawRecord(values, line)
        out.records.append(record)
        spans.append((line, item_node.end_mark.line + 1 + offset, record))

    def owner(at: int) -> RawRecord | None:
        # The record a line belongs to: the last one starting at or before it.
        return next((r for lo, hi, r in reversed(spans) if lo <= at <= hi), None)

    for dup_line, key, first in duplicates:
        message = f"the key {key!r} appears twice in one mapping (lines {first} and {dup_line}); YAML would keep only the last"
        rec = owner(dup_line)
        if rec is not None:
            rec.problems.append((key, message))
        else:
            out.problems.append(Problem(rel, dup_line, "", key, message))
    if " #" in text or "\t#" in text:
        for i, line_text in enumerate(text.split("\n"), start=1 + offset):
            m = _COMMENT_CUT.match(line_text)
            rec = owner(i) if m and m.group(1) in _field_names(table) else None
            if rec is not None:
                rec.problems.append(
                    (
                        m.group(1),
                        "the text after ' #' is read as a comment and lost; put the whole value in double quotes "
                        "(or move the comment to a line of its own)",
                        i,
                    )
                )
    return out


def _field_names(table: Table) -> set[str]:
    return {f.name for f in table.fields} | {sf.name for f in table.fields for sf in f.item_fields}


def _read_yaml_items(text: str, table: Table, rel: str, first_error: yaml.YAMLError) -> RawTable:
    """Read a top-level list whose whole does not parse record by record, so that only the broken records are lost.

    The list is split at each line starting with ``- `` at column 0 (one record each); every piece
    is parsed alone, with its own lines, and a piece that does not parse is set aside, named by
    its file, line and id.
    """
    out = RawTable(table)
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _ITEM_START.match(line)]
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        chunk = "\n".join(lines[start:stop])
        part = _read_yaml(chunk, table, rel, offset=start, whole=False)
        out.records.extend(part.records)
        out.dropped.extend(part.dropped)
        broken = [p for p in part.problems if p.message.startswith("malformed YAML")]
        out.problems.extend(p for p in part.problems if p not in broken)
        if broken:
            m = _ITEM_ID.search(chunk)
            rid = m.group(1) if m else ""
            label = rid or f"line {start + 1}"
            last = start + len(chunk.rstrip("\n").split("\n"))
            p = broken[0]
            out.problems.append(
                Problem(
                    rel, p.line, rid, "",
                    f"{p.message}; this record (lines {start + 1}-{last}) is set aside, the other records are read",
                )
            )  # fmt: skip
            out.dropped.append(label)
            if rid:
                out.aside_ids[rid] = start + 1
    if not out.problems and not out.dropped:
        # Every piece parses alone, yet the whole did not: report the error as the parser saw it.
        line, message = _yaml_error(first_error, text, 0)
        out.problems.append(Problem(rel, line, "", "", message))
        out.records = []
    return out


_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _read_csv(text: str, table: Table, rel: str) -> RawTable:
    out = RawTable(table)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        out.problems.append(Problem(rel, 1, "", "", f"malformed CSV header: {exc}"))
        return out
    if header is None:
        return out  # an empty file: read_table says whether the table may be empty
    header = [h.strip() for h in header]
    if len(header) == 1 and len(table.fields) > 1:
        used = [name for sep, name in _SEPARATORS.items() if sep in header[0]]
        if used:
            # A spreadsheet saved with another separator: every row would be one cell.
            try:
                rows = sum(1 for row in reader if any(cell.strip() for cell in row))
            except csv.Error:
                rows = text.count("\n")
            out.dropped.extend(f"row {i}" for i in range(1, rows + 1))
            out.problems.append(
                Problem(
                    rel, 1, "", "",
                    f"the header is one column separated by {used[0]} ({header[0][:60]!r}); "
                    "save the file as comma-separated CSV (in a spreadsheet: CSV, comma as the field separator)",
                )
            )  # fmt: skip
            return out
    seen: set[str] = set()
    for name in header:
        if name in seen:
            out.problems.append(Problem(rel, 1, "", name, "column appears twice in the header"))
        seen.add(name)
    row_start = reader.line_num + 1
    while True:
        line = row_start
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # The row is lost, the ones after it are still read.
            where = f"line {line}"
            out.problems.append(
                Problem(rel, line, "", "", f"malformed CSV: {exc} (from line {line} to line {reader.line_num}); row not read")
            )
            out.dropped.append(where)
            row_start = reader.line_num + 1
            continue
        row_start = reader.line_num + 1
        if not any(row):
            continue  # a blank line or a row of empty cells (Excel's ",,,"): skipped, as by the data package's dialect
        if len(row) != len(header):
            label = _row_label(header, row)
            hint = " (an unquoted comma in a cell? put the cell in double quotes)" if len(row) > len(header) else ""
            out.problems.append(Problem(rel, line, label, "", f"row has {len(row)} cells but the header has {len(header)}{hint}"))
            out.dropped.append(label or f"line {line}")
            continue
        out.records.append(RawRecord(dict(zip(header, row)), line))
    return out


def _row_label(header: list[str], row: list[str]) -> str:
    if "id" in header:
        i = header.index("id")
        if i < len(row) and row[i].strip():
            return row[i].strip()
    return ""


def read_table(directory: Path, table: Table) -> RawTable:
    """Read one table's file into raw records and file-level problems."""
    if not os.path.lexists(directory / table.file):
        out = RawTable(table, present=False)
        if table.required_file:
            out.problems.append(Problem(table.file, None, "", "", "file is missing"))
        return out
    problems: list[Problem] = []
    text, undecodable = _read_table_text(directory, table.file, problems)
    if text is None:
        return RawTable(table, problems=problems)
    if table.format == "csv" and any(line == 1 for line, _ in undecodable):
        problems.append(
            Problem(table.file, 1, "", "", f"not valid UTF-8 text in the header (byte {undecodable[0][1]}); save the file as UTF-8")
        )
        return RawTable(table, problems=problems)
    reader = _read_yaml if table.format == "yaml" else _read_csv
    out = reader(text, table, table.file)
    _set_aside_undecodable(out, undecodable)
    if not out.records and not out.dropped and not out.problems and not table.may_be_empty:
        what = "no header row" if table.format == "csv" and not text.strip() else "no records"
        out.problems.append(
            Problem(table.file, None, "", "", f"the file has {what}: this table may not be empty (was the file emptied by mistake?)")
        )
    return out


def read_all(directory: Path) -> dict[str, RawTable]:
    """Read every declared table."""
    return {t.name: read_table(directory, t) for t in TABLES}


def read_article_text(directory: Path, file_name: str) -> tuple[str | None, list[Problem]]:
    """Read an article's text file from ``articles/``."""
    problems: list[Problem] = []
    rel = f"{ARTICLES_DIR}/{file_name}"
    if Path(file_name).name != file_name or file_name in ("", ".", "..") or any(ord(ch) < 32 or ch in "\x7f\\" for ch in file_name):
        return None, [
            Problem(rel, None, "", "", "article file names must be plain names inside articles/ (no folders or control characters)")
        ]
    text = _read_text(directory, rel, problems)
    return text, problems


# Documentation files of the data folder that the app shows or shares besides the tables.
DOCUMENT_FILES = ("CHANGELOG.md", "LICENSE.md")


def _walk(root: str):
    """Every entry under ``root`` as (relative path, lstat result), links not followed, sorted."""
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        try:
            with os.scandir(os.path.join(root, rel_dir)) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            rel = os.path.join(rel_dir, entry.name) if rel_dir else entry.name
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # vanished since the listing
            yield rel, st
            if stat.S_ISDIR(st.st_mode):
                stack.append(rel)


def scan(directory: Path) -> list[Problem]:
    """Entries of the data folder that are never read: links leading outside it, devices, pipes, sockets.

    Git stores links, so a pull request can plant one; each is named so a
    reviewer sees it even when no record refers to it.
    """
    root = os.path.realpath(directory)
    problems = []
    for rel, st in _walk(root):
        shown = rel.replace(os.sep, "/")
        if stat.S_ISLNK(st.st_mode):
            if not inside(root, os.path.join(root, rel)):
                problems.append(Problem(shown, None, "", "", "is a link that leads outside the data folder; it is never read or shared"))
        elif not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            problems.append(Problem(shown, None, "", "", _kind_problem(st.st_mode) or "is not a regular file"))
    return problems


def fingerprint(directory: Path) -> str:
    """A hash of the name and content of every file in the data folder.

    Used as a cache key: editing any file changes the fingerprint, so the app
    reloads and revalidates the data without a restart. Contents, not sizes and
    modification times: ``cp -p`` or ``tar x`` can change a file and keep both.
    Files are read as the loader reads them (only regular files inside the
    folder, capped in size), so a link to a device cannot stall it, and a file
    that vanishes during the scan changes the hash instead of raising.
    """
    root = os.path.realpath(directory)
    h = hashlib.sha256(root.encode())
    if os.path.isdir(root):
        for rel, st in _walk(root):
            if stat.S_ISDIR(st.st_mode):
                continue
            # A file's digest is reused only while its inode, size, modification time and
            # change time (ctime) are all the same. Every write, `cp -p`, `tar x` or utime()
            # sets the ctime to the current time, and no program can set it back, so a changed
            # content always gets a new digest; an unchanged file is not read on every rerun.
            key = (root, rel, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, stat.S_IFMT(st.st_mode))
            digest = _DIGESTS.get(key) if stat.S_ISREG(st.st_mode) else None
            if digest is None:
                try:
                    digest = hashlib.sha256(read_bytes(root, rel)).hexdigest()
                except Unreadable as exc:
                    digest = f"unreadable: {exc}"
                else:
                    if len(_DIGESTS) > 50_000:
                        _DIGESTS.clear()
                    _DIGESTS[key] = digest
            h.update(f"{rel}|{digest}\n".encode())
    return h.hexdigest()[:16]


_DIGESTS: dict[tuple, str] = {}
