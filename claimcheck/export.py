"""Downloads: tables as CSV, the whole dataset as a zip, a printable handout with an answer key."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pandas as pd

from . import labels as L
from . import schema as S
from .claimreview import claim_reviews_json
from .domain import label_map
from .load import ARTICLES_DIR, Unreadable, read_bytes
from .schema import TABLES

# OWASP's advice against CSV injection: a spreadsheet runs a cell that starts with one of these
# as a formula (=HYPERLINK(...) can send other cells to a server). Such a text cell gets a
# leading single quote, which spreadsheets show as text. Numbers are left as numbers.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_NOTE = (
    "In the CSV downloads, a text cell that starts with =, +, -, @, a tab or a carriage return starts with a "
    "single quote (') added, so that spreadsheets show it as text instead of running it as a formula "
    "(OWASP's advice against CSV injection). Numbers are unchanged. The data files in the zip are exactly as curated."
)


def neutralise(value):
    """A text cell a spreadsheet would run as a formula, made inert with a leading single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def notes_lines(notes: Iterable[str]) -> bytes:
    """Lines of notes above a CSV table, each one cell starting with "# ", the first saying how many there are.

    A table downloaded from a view carries its source, its filters and its caveats with it:
    a file passed on without the page still says where it comes from. A spreadsheet shows the
    notes as the first rows; a program skips them (pandas: ``read_csv(path, skiprows=N)``,
    N given on the first line). Starting with "#", no note is run as a formula.
    """
    notes = [" ".join(str(n).split()) for n in notes if str(n).strip()]
    n = len(notes) + 1
    head = f"{n} lines of notes come first, each starting with #; the table starts on line {n + 1} (pandas: read_csv(path, skiprows={n}))"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for note in [head, *notes]:
        writer.writerow([f"# {note}"])
    return out.getvalue().encode("utf-8")


def export_notes(meta: Mapping, what: str, sources: str, filters: str | None = None, caveat: str = "", today: str = "") -> list[str]:
    """The notes a downloaded table carries (see :func:`notes_lines`): what it is, from where, filtered how, and its limits.

    ``filters``: the filters that shaped the table as a reader reads them; None when none is on.
    """
    return [
        f"{meta.get('title', '')}: {what}",
        f"Sources: {sources}",
        f"Filters: {filters or 'none (every record)'}",
        caveat,
        f"Educational material, not medical or legal advice. {meta.get('notice', '')}",
        f"Data last updated {meta.get('last_updated', '')}" + (f"; downloaded {today}" if today else "")
        + f"; data licence {meta.get('licence', '')}",
    ]  # fmt: skip


def csv_bytes(df: pd.DataFrame, notes: Iterable[str] | None = None) -> bytes:
    """A table as UTF-8 CSV; list cells become " ; "-joined text, nested entries JSON.

    Text cells that a spreadsheet would execute are neutralised (see :data:`CSV_NOTE`),
    column names included. With ``notes``, the table comes after them (:func:`notes_lines`).
    """

    def flat(v):
        if isinstance(v, (list, tuple)):
            if v and isinstance(v[0], dict):
                return json.dumps(list(v), ensure_ascii=False)
            return " ; ".join(str(x) for x in v)
        if isinstance(v, dict):
            return json.dumps(v, ensure_ascii=False)
        return v

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(flat).map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    table = out.to_csv(index=False).encode("utf-8")
    return notes_lines(notes) + table if notes is not None else table


def dataset_zip(data_dir: Path, dictionary: pd.DataFrame, readme: str) -> bytes:
    """Every declared data file and article text, the data dictionary and a README, in one zip.

    Files are read as the loader reads them: only regular files that resolve
    inside the data folder and are under the size limit. A link leading out of
    the folder, a device or an oversized file is left out (the validator names it).
    """
    buf = io.BytesIO()
    names = [t.file for t in TABLES]
    articles = data_dir / ARTICLES_DIR
    try:
        names += sorted(f"{ARTICLES_DIR}/{e.name}" for e in os.scandir(articles) if e.name.endswith(".txt"))
    except OSError:
        pass
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for rel in names:
            try:
                content = read_bytes(data_dir, rel)
            except Unreadable:
                continue
            z.writestr(f"data/{rel}", content)
        z.writestr("data-dictionary.csv", dictionary.to_csv(index=False))
        z.writestr("README.txt", readme)
    return buf.getvalue()


# Where exported links point when neither a configured address nor the app's own is known
# (a script run outside the app, a test).
DEFAULT_PUBLIC_URL = "http://localhost:8501"
PUBLISHER = "The claimcheck contributors"


def public_base_url(configured: str | None, app_url: str | None, page_paths: Iterable[str] = ()) -> str:
    """The address exported links start from: the configured one, else the app's own, else localhost.

    ``configured`` is the deployer's setting (``CLAIMCHECK_PUBLIC_URL``); ``app_url`` is
    the address the reader's browser shows (the UI passes ``st.context.url``), from which
    the query, the fragment and the current page's path (one of ``page_paths``) are cut,
    so a download from any page links to the same app root. Only http(s) addresses are
    used; anything else falls through to the next choice.
    """
    for candidate, is_app in ((configured, False), (app_url, True)):
        if not isinstance(candidate, str) or not candidate.strip():
            continue
        parts = urlsplit(candidate.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            continue
        path = parts.path.rstrip("/")
        if is_app:
            for page_path in sorted((p for p in page_paths if p), key=len, reverse=True):
                if path == f"/{page_path}" or path.endswith(f"/{page_path}"):
                    path = path[: -len(page_path) - 1]
                    break
        return urlunsplit((parts.scheme, parts.netloc, path, "", "")).rstrip("/")
    return DEFAULT_PUBLIC_URL


def claim_reviews_file(claims: pd.DataFrame, articles: pd.DataFrame, base_url: str, publisher: str = PUBLISHER) -> bytes:
    """Every assessed claim as schema.org ClaimReview JSON-LD (UTF-8), each review linking to its claim under ``base_url``.

    ``base_url`` is where the dashboard is served; see :func:`public_base_url`.
    """
    return claim_reviews_json(claims, articles, base_url, publisher).encode("utf-8")


_HANDOUT_CSS = """
body { font-family: Georgia, serif; font-size: 13pt; max-width: 48em; margin: 2em auto; line-height: 1.45; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; margin-top: 1.6em; }
blockquote { border-left: 4px solid #0072B2; margin: 0.5em 0; padding-left: 1em; }
.choices { font-family: Arial, sans-serif; font-size: 11pt; }
.key { page-break-before: always; break-before: page; }
.small { font-size: 10pt; color: #444; }
"""


def handout_html(claims: pd.DataFrame, articles: Mapping[str, str] | pd.DataFrame, title: str, notice: str) -> str:
    """A printable handout: one question per claim, then the answer key on a separate page.

    ``articles`` names each article: its id -> label map (``Views.article_labels``), or
    the articles table. Every piece of text from the data is HTML-escaped.
    """
    e = lambda s: html.escape(str(s if s is not None else ""))  # noqa: E731
    art = label_map(articles, "id", "label") if isinstance(articles, pd.DataFrame) else articles
    choices = " &nbsp; ".join(f"☐ {e(L.VERDICT[v])}" for v in L.VERDICT if v)
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{e(title)}</title><style>{_HANDOUT_CSS}</style></head><body>"
    ]
    parts.append(f"<h1>{e(title)}</h1><p class='small'>{e(notice)}</p>")
    parts.append("<p>For each claim: what verdict does the evidence support? Tick one, then say why.</p>")
    for i, (_, c) in enumerate(claims.iterrows(), 1):
        q = c["quotes"][0] if c["quotes"] else {"text": "", "article": ""}
        parts.append(
            f"<h2>{i}. {e(c['statement'])}</h2><blockquote>“{e(q['text'])}”<br><span class='small'>— {e(art.get(q['article'], q['article']))}</span></blockquote>"
            f"<p class='choices'>{choices}</p><p>Why? ______________________________________________</p>"
        )
    parts.append("<section class='key'><h1>Answer key</h1>")
    for i, (_, c) in enumerate(claims.iterrows(), 1):
        reasons = "; ".join(L.REASON.get(r, r) for r in (c["reasons"] or []))
        parts.append(
            f"<h2>{i}. {e(c['id'])}: {e(L.VERDICT.get(c['verdict'], 'Not yet assessed'))}</h2>"
            + (
                f"<p><b>Certainty of the human evidence:</b> {e(L.CERTAINTY.get(c['certainty'], 'Not rated'))}"
                if c["claim_type"] not in S.UNGRADED_CLAIM_TYPES
                else f"<p><b>Not graded for certainty; rests on:</b> {e(L.BASIS.get(c['basis'], 'not recorded'))}"
            )
            + (f" · <b>Reasons:</b> {e(reasons)}" if reasons else "")
            + "</p>"
            + (f"<p>{e(c['rationale'])}</p>" if isinstance(c["rationale"], str) else "")
        )
    parts.append("</section></body></html>")
    return "\n".join(parts)
