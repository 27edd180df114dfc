"""A new topic in minutes: `python -m claimcheck new DIR` makes a folder that validates, serves every page,
and shows no word of the bundled topic."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from claimcheck.dataset import load_dataset
from claimcheck.validate import validate

from .conftest import REAL, ROOT

PAGES = ["dashboard.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]


@pytest.fixture(scope="module")
def new_topic(tmp_path_factory):
    target = tmp_path_factory.mktemp("topic") / "data"
    result = subprocess.run([sys.executable, "-m", "claimcheck", "new", str(target)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return target


# Words of the bundled data's labels that any topic's pages may show (UI words, not topic words).
# Fixed here rather than read from the code, so that a topic word slipping into the code is still
# caught: a curator adding a label with another plain word adds it here if a page of a new topic shows it.
GENERIC = set(
    """against all and any article back before benefits claims dosing drug effects evidence for general guide health
    help its legal may mechanisms only other overall post potential product products professional quality regulatory
    relief relieves research risk safety side signals state status suggests talk the traditional use using with
    unspecified withdrawal without""".split()
)


def topic_words() -> set[str]:
    """Every word of the bundled topic that its data makes the app show, but the plain UI words.

    Taken from data/: the subject, title, notice, search example, legal scope names and
    descriptions, rubric examples, and the labels of topics, conditions and articles.
    """
    ds = load_dataset(REAL)
    meta = ds.meta
    texts = [meta["subject"], meta["title"], meta["notice"], meta["search_placeholder"], *meta["legal_scopes"].values(),
             *meta["scope_descriptions"].values(), *meta["rubric_examples"].values(), *ds["topics"]["label"],
             *ds["conditions"]["label"], *ds["articles"]["label"]]  # fmt: skip
    return {w for text in texts for w in re.findall(r"[a-z0-9][a-z0-9-]{2,}", text.lower())} - GENERIC


def test_topic_words_are_found_in_the_bundled_data():
    words = topic_words()
    # the guard is only as good as its list: it holds the subject and the words that used to be in the code
    assert {load_dataset(REAL).meta["subject"].lower(), "pain", "7-oh", "leaf", "opioid", "neuropathic"} <= words, sorted(words)


def test_a_new_folder_validates_with_every_required_file(new_topic):
    result = validate(new_topic)
    assert [str(p) for p in result.problems] == []
    assert (new_topic / "datapackage.json").is_file() and (new_topic / "articles" / "example-article.txt").is_file()
    out = subprocess.run([sys.executable, "-m", "claimcheck", "new", str(new_topic)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "is not empty" in out.stderr  # never writes over a folder in use


def test_every_record_of_a_new_folder_is_marked_as_an_example(new_topic):
    ds = load_dataset(new_topic)
    for name in ("articles", "claims", "studies", "harms", "harm_figures", "legality", "topics"):
        for row in ds[name].itertuples(index=False):
            assert "EXAMPLE" in " ".join(map(str, row)), (name, row)


def _texts(node):
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield str(proto)
    for child in getattr(node, "children", {}).values():
        yield from _texts(child)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_of_a_new_topic_draws_and_shows_no_word_of_the_bundled_topic(new_topic, monkeypatch, page):
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(new_topic))
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    at.run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = "\n".join(_texts(at._tree)).lower()
    assert "example" in shown  # the page really drew the new folder's data
    found = sorted(w for w in topic_words() if re.search(rf"(?<![a-z0-9-]){re.escape(w)}(?![a-z0-9-])", shown))
    assert found == [], found
