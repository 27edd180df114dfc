"""Read the data folder's files into raw records, nothing else.

Each record keeps the line it starts on, so that every problem found later can
name its file and line. Reading never raises on bad data: a missing file, bad
encoding or malformed YAML/CSV becomes a :class:`Problem` and the table is
empty (or holds the rows that could be read).

YAML is only ever read with PyYAML's safe loader.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
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


@dataclass
class RawTable:
    table: Table
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    present: bool = True


def _read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    try:
        size = path.stat().st_size
    except OSError:
        problems.append(Problem(rel, None, "", "", "file is missing"))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(Problem(rel, None, "", "", f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; not read"))
        return None
    raw = path.read_bytes()
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


# libyaml's C parser when available (about 10 times faster), else the pure-Python one;
# both are the *safe* loader: plain data only, no Python objects.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(text: str, table: Table, rel: str) -> RawTable:
    out = RawTable(table)
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        out.problems.append(Problem(rel, line, "", "", f"malformed YAML: {problem}"))
        return out
    except RecursionError:
        out.problems.append(Problem(rel, None, "", "", "malformed YAML: nested too deeply"))
        return out
    finally:
        loader.dispose()
    if data is None:
        return out
    if isinstance(data, dict):  # a single-record file such as dataset.yaml
        data, items = [data], [node]
    elif isinstance(data, list):
        items = list(node.value)
    else:
        out.problems.append(Problem(rel, 1, "", "", "expected a list of records (or one mapping)"))
        return out
    for item, item_node in zip(data, items):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            out.problems.append(Problem(rel, line, "", "", "record is not a mapping of field: value"))
            continue
        out.records.append(RawRecord({str(k): v for k, v in item.items()}, line))
    return out


def _read_csv(text: str, table: Table, rel: str) -> RawTable:
    out = RawTable(table)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            out.problems.append(Problem(rel, 1, "", "", "empty file: a header row is required"))
            return out
        header = [h.strip() for h in header]
        seen: set[str] = set()
        for name in header:
            if name in seen:
                out.problems.append(Problem(rel, 1, "", name, "column appears twice in the header"))
            seen.add(name)
        row_start = reader.line_num + 1
        for row in reader:
            line = row_start
            row_start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                out.problems.append(
                    Problem(rel, line, _row_label(header, row), "", f"row has {len(row)} cells but the header has {len(header)}")
                )
                continue
            out.records.append(RawRecord(dict(zip(header, row)), line))
    except csv.Error as exc:
        out.problems.append(Problem(rel, reader.line_num, "", "", f"malformed CSV: {exc}"))
    return out


def _row_label(header: list[str], row: list[str]) -> str:
    if "id" in header:
        i = header.index("id")
        if i < len(row) and row[i].strip():
            return row[i].strip()
    return ""


def read_table(directory: Path, table: Table) -> RawTable:
    """Read one table's file into raw records and file-level problems."""
    path = directory / table.file
    if not path.exists():
        out = RawTable(table, present=False)
        if table.required_file:
            out.problems.append(Problem(table.file, None, "", "", "file is missing"))
        return out
    problems: list[Problem] = []
    text = _read_text(path, table.file, problems)
    if text is None:
        return RawTable(table, problems=problems)
    reader = _read_yaml if table.format == "yaml" else _read_csv
    return reader(text, table, table.file)


def read_all(directory: Path) -> dict[str, RawTable]:
    """Read every declared table."""
    return {t.name: read_table(directory, t) for t in TABLES}


def read_article_text(directory: Path, file_name: str) -> tuple[str | None, list[Problem]]:
    """Read an article's text file from ``articles/``."""
    problems: list[Problem] = []
    rel = f"{ARTICLES_DIR}/{file_name}"
    if Path(file_name).name != file_name or file_name in ("", ".", ".."):
        return None, [Problem(rel, None, "", "", "article file names must be plain names inside articles/")]
    text = _read_text(directory / ARTICLES_DIR / file_name, rel, problems)
    return text, problems


def fingerprint(directory: Path) -> str:
    """A hash of every file's name, size and modification time in the data folder.

    Used as a cache key: editing any file changes the fingerprint, so the app
    reloads and revalidates the data without a restart.
    """
    h = hashlib.sha256(str(directory.resolve()).encode())
    if directory.is_dir():
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            st = path.stat()
            h.update(f"{path.relative_to(directory)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]
