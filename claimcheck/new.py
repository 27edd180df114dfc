"""``python -m claimcheck new DIR``: a minimal data folder for a new topic, valid and ready to edit.

Every table the schema requires is written with its header (CSV) or its fields (YAML), and one
record marked EXAMPLE where the table may not be empty, so that the folder validates and every
page draws at once. The example records invent no fact: the article, quote, study, figure and
legal row all say they are examples, the links go to example.org, and the legal row's status is
"unclear" with confidence "low". Replace them one by one, running ``python -m claimcheck validate
DIR`` after each change; CONTRIBUTING.md says what each record needs.

Nothing here names any topic: the words of the new topic are the curator's to write.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from . import schema as S

ARTICLE_FILE = "example-article.txt"

ARTICLE_TEXT = """EXAMPLE ARTICLE: replace this file with the text of a real article, unchanged.

This example product is said to work wonders for everyone who tries it.
Some readers report a mild headache.
"""

README = """# Data folder

Made by `python -m claimcheck new`. Every record marked EXAMPLE is a placeholder that says
nothing about any real product, study or law: replace each one with records you curated from
sources you read, following CONTRIBUTING.md, and run `python -m claimcheck validate` on this
folder after every change. Serve it with `CLAIMCHECK_DATA_DIR=<this folder> streamlit run dashboard.py`.
"""


def _dataset(today: str) -> str:
    return f"""# What the dataset is about. Every field below the first six is optional and has a generic default.
id: new-topic
title: "EXAMPLE: claims against the evidence"
subject: the example product
summary: >-
  EXAMPLE summary: say in two or three sentences which articles were collected, about what, and what the
  dashboard sets their claims beside.
licence: CC BY 4.0
last_updated: {today}
icon: "🔎"
limitations:
  - EXAMPLE limitation; list what a reader should know about the data's reach.
citation: EXAMPLE citation.
# The topic's own words the app shows (each optional):
notice: Talk to a health professional before using any product.
search_placeholder: e.g. a word from a claim or a quote
legal_scopes:
  - id: all
    label: All forms of the product
    description: every form of the product
rubric_examples:
  - level: hedged
    example: "“may help some people”"
  - level: qualified
    example: "“research suggests it can help”"
  - level: confident
    example: "“it works”"
  - level: absolute
    example: "“completely safe, with no risk at all”"
classroom_example_claims: [EX1]
"""


def _yaml_records(today: str) -> dict[str, str]:
    return {
        "articles.yaml": f"""# One record per article; its text goes unchanged in articles/<file>.
- id: EXA
  label: EXAMPLE article
  title: "EXAMPLE ARTICLE: replace this file with the text of a real article, unchanged."
  file: {ARTICLE_FILE}
  publisher_kind: unknown
  publisher_note: EXAMPLE record; replace it.
  cites_sources: false
  mentions_harms: true
  mentions_uncertainty: false
  recommends_professional: false
""",
        "claims.yaml": """# One record per checkable claim; quotes are verbatim and checked against the article.
- id: EX1
  statement: "EXAMPLE claim: the example product works for everyone."
  claim_type: efficacy
  topic: example-topic
  condition: general
  assertiveness: absolute
  red_flags: [work wonders for everyone]
  quotes:
    - article: EXA
      text: This example product is said to work wonders for everyone who tries it.
""",
        "studies.yaml": f"""# One record per study or official document that was actually seen.
- id: example-study
  authors: EXAMPLE
  year: {dt.date.today().year}
  title: EXAMPLE study record; replace it with a study you read.
  urls: [https://example.org/example-study]
  design: observational
  status: published
  population_kind: none
  finding: EXAMPLE finding; write the key finding with its numbers in your own words.
  verification: secondary_only
  verification_note: EXAMPLE record; nothing was seen.
  last_checked: {today}
""",
        "harms.yaml": f"""# One record per harm, with the article quotes that mention it.
- id: example-harm
  name: EXAMPLE harm
  body_system: example
  severity: mild
  severity_note: EXAMPLE record; replace it.
  mentions:
    - article: EXA
      text: Some readers report a mild headache.
  last_checked: {today}
""",
    }


def _csv_rows(today: str) -> dict[str, list[dict[str, str]]]:
    return {
        "topics.csv": [{"id": "example-topic", "label": "EXAMPLE topic", "description": "EXAMPLE; replace it."}],
        "conditions.csv": [{"id": "general", "label": "No specific condition", "description": "Claims about no one condition."}],
        "claim_studies.csv": [
            {"claim_id": "EX1", "study_id": "example-study", "direction": "no_bearing", "note": "EXAMPLE link; replace it."}
        ],
        "harm_figures.csv": [
            {
                "id": "EXF1",
                "harm_id": "example-harm",
                "value": "1",
                "unit": "count",
                "denominator_label": "EXAMPLE reports",
                "data_kind": "case_series",
                "period": str(dt.date.today().year),
                "place": "EXAMPLE",
                "source_label": "EXAMPLE source",
                "source_url": "https://example.org/example-figure",
                "verification": "secondary_only",
                "note": "EXAMPLE figure; nothing was seen.",
                "last_checked": today,
            }  # fmt: skip
        ],
        "legality.csv": [
            {
                "id": "EXL1",
                "code": "USA",
                "name": "EXAMPLE row: United States",
                "level": "federal",
                "scope": "all",
                "status": "unclear",
                "last_checked": today,
                "confidence": "low",
                "verification": "unverified",
                "note": "EXAMPLE row: no source was read; replace it or delete it with the rest of this file's rows.",
            }  # fmt: skip
        ],
        "glossary.csv": [],
        "timeline.csv": [],
    }


def _csv(table: S.Table, rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table.field_names), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def scaffold(directory: Path, today: dt.date | None = None) -> list[Path]:
    """Write a minimal valid data folder into ``directory`` (which must not exist or be empty); return the files written."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise FileExistsError(f"{directory} is not empty; choose a new folder")
    day = (today or dt.date.today()).isoformat()
    files: dict[str, str] = {"dataset.yaml": _dataset(day), **_yaml_records(day), "README.md": README}
    by_file = {t.file: t for t in S.TABLES}
    for name, rows in _csv_rows(day).items():
        files[name] = _csv(by_file[name], rows)
    files[f"articles/{ARTICLE_FILE}"] = ARTICLE_TEXT
    files["CHANGELOG.md"] = f"# Changes to the data\n\n- {day}: folder made by `python -m claimcheck new`.\n"
    written = []
    for rel, text in files.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    missing = [t.file for t in S.TABLES if t.required_file and t.file not in files]
    assert not missing, missing  # every table the schema requires is written
    from .datapackage import render  # the Frictionless description, as for data/
    from .dataset import load_dataset

    package = directory / "datapackage.json"
    package.write_text(render(directory, load_dataset(directory).meta), encoding="utf-8", newline="\n")
    written.append(package)
    return written
