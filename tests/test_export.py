"""Downloads: CSV tables, the dataset zip and the printable handout contain what the screen shows."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from claimcheck import domain as D
from claimcheck import schema as S
from claimcheck.dataset import load_dataset
from claimcheck.dictionary import data_dictionary
from claimcheck.export import csv_bytes, dataset_zip, handout_html

from .conftest import MINI, REAL, edit


def test_csv_keeps_every_row_and_flattens_lists():
    ds = load_dataset(MINI)
    df = pd.read_csv(io.BytesIO(csv_bytes(ds["claims"])))
    assert list(df["id"]) == list(ds["claims"]["id"])
    assert df.loc[0, "reasons"] == "overstates_certainty"
    assert "relieves joint pain" in df.loc[0, "quotes"]  # nested quotes as JSON text


def test_zip_holds_every_table_every_article_and_the_dictionary():
    ds = load_dataset(REAL)
    z = zipfile.ZipFile(io.BytesIO(dataset_zip(REAL, data_dictionary(), "readme")))
    names = set(z.namelist())
    for t in S.TABLES:
        if (REAL / t.file).exists():
            assert f"data/{t.file}" in names
    assert {f"data/articles/{f}" for f in ds["articles"]["file"]} <= names
    assert "data-dictionary.csv" in names and "README.txt" in names
    assert z.read("data/claims.yaml") == (REAL / "claims.yaml").read_bytes()


def test_handout_has_questions_then_answer_key_on_its_own_page_and_escapes_text(mini):
    edit(
        mini / "claims.yaml",
        "statement: Glowroot relieves joint pain.",
        "statement: Glowroot <script>alert(1)</script> relieves joint pain.",
    )
    ds = load_dataset(mini)
    claims = D.claims_table(ds).dropna(subset=["verdict"])
    page = handout_html(claims, ds["articles"], "Worksheet", "Not advice.")
    questions, key = page.split("<section class='key'>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert questions.count("<h2>") == len(claims) == key.count("<h2>")
    assert "Not supported" not in questions.split("<p class='choices'>")[0]  # the answer is not above the choices
    assert "1. K1: Not supported" in key and "page-break-before: always" in page
