"""Claim matching (issue 20): sentences, input checks, the matcher, the command and the Check an article page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from claimcheck import match as M
from claimcheck.dataset import load_dataset
from claimcheck.validate import validate

from .conftest import MINI, REAL, ROOT, edit

PAGE = "pages/8_Check_an_article.py"
DEVSET = ROOT / "tests" / "match_devset.yaml"
# Paraphrases of the made-up fixture claims (tests/fixtures/mini/claims.yaml), worded unlike their quotes.
K1_PARAPHRASE = "Glowroot relieves joint pain within a few days."
K2_PARAPHRASE = "Studies prove glowroot blocks the signals of pain."


@pytest.fixture(scope="module")
def embedder():
    model = M.load_embedder()
    assert model is not None, "wordllama is pinned in requirements.txt and must be installed"
    return model


@pytest.fixture(scope="module")
def mini_matcher(embedder):
    ds = load_dataset(MINI)
    return M.build_matcher(ds, embedder)


def fixture_verdicts() -> dict[str, str | None]:
    """Each fixture claim's verdict, read from the YAML file itself."""
    return {c["id"]: c.get("verdict") for c in yaml.safe_load((MINI / "claims.yaml").read_text(encoding="utf-8"))}


# --- sentences ----------------------------------------------------------------------------
def test_sentences_carry_exact_offsets_and_respect_paragraphs_headings_and_abbreviations():
    text = (
        "# A Heading Without A Stop\n"
        "Dr. Smith says it works, e.g. for pain. It costs $3.50 a dose! Does it?\n\n"
        "- first item\n- second item\n\n"
        "A hard-wrapped line of prose that goes on for more than sixty characters\n"
        "and ends here. Short one."
    )
    got = M.split_sentences(text)
    assert [s.text for s in got] == [
        "A Heading Without A Stop",
        "Dr. Smith says it works, e.g. for pain.",
        "It costs $3.50 a dose!",
        "Does it?",
        "first item",
        "second item",
        "A hard-wrapped line of prose that goes on for more than sixty characters\nand ends here.",
        "Short one.",
    ]
    assert all(text[s.start : s.end] == s.text for s in got)


def test_sentences_of_empty_or_blank_text_are_none():
    assert M.split_sentences("") == [] and M.split_sentences(" \n\n \t") == [] and M.split_sentences("...") == []


# --- input checks ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50, "binary"),
        ("café".encode("latin-1") * 10, "not UTF-8"),
        (b"a" * (M.MAX_INPUT_BYTES + 1), "limit is 1 MB"),
    ],
)
def test_unreadable_input_gets_a_plain_message(data, words):
    with pytest.raises(M.InputError) as err:
        M.decode_bytes(data, "article.txt")
    assert words in str(err.value)


def test_html_keeps_the_readable_text_and_drops_scripts_and_styles():
    html = (
        "<html><head><title>Best Herb</title><style>p{color:red}</style><script>var secret = 1;</script></head>"
        "<body><h1>It works</h1><p>First <b>paragraph</b>.</p><script>alert('x')</script><p>Second &amp; last.</p></body></html>"
    )
    assert M.looks_like_html(html)
    text = M.html_to_text(html)
    assert "secret" not in text and "alert" not in text and "color:red" not in text and "<" not in text
    assert [s.text for s in M.split_sentences(text)] == ["Best Herb", "It works", "First paragraph.", "Second & last."]


def test_other_languages_are_recognised():
    assert M.looks_english("This herb relieves back pain and it is safe for you, the seller says with no evidence.")
    assert not M.looks_english("Cette plante soulage les douleurs du dos et elle est sans danger, selon le vendeur qui la vend.")
    assert not M.looks_english("この植物は腰の痛みを和らげ、安全だと販売者は言います。" * 3)


# --- the matcher ------------------------------------------------------------------------------
def test_a_paraphrase_matches_its_claim_first_and_as_the_same_claim(mini_matcher):
    results = M.match_text(mini_matcher, f"{K1_PARAPHRASE} Welcome to our shop. Glowroot cures baldness.\n\n{K2_PARAPHRASE}")
    para, welcome, new, study = results
    assert para.matches[0].claim == "K1" and para.matches[0].same_claim and para.checkworthy
    assert study.matches[0].claim == "K2" and study.matches[0].same_claim
    assert not welcome.checkworthy and not welcome.same
    assert new.checkworthy and not new.same, "a claim the ledger lacks is checkworthy but matches nothing"
    for r in results:
        scores = [m.score for m in r.matches]
        assert scores == sorted(scores, reverse=True) and len(scores) <= M.MAX_MATCHES


def test_a_text_without_full_stops_is_scored_on_its_start_only(mini_matcher):
    import time

    text = "Glowroot relieves joint pain within a few days " + "and more words without an end " * 30_000
    start = time.perf_counter()
    (r,) = M.match_text(mini_matcher, text)
    assert time.perf_counter() - start < 20 and r.sentence.end == len(text.rstrip())
    assert r.matches[0].claim == "K1"


def test_curator_paraphrases_are_read_from_the_data_and_used(mini, embedder):
    sentence = "Glowroot lets you drift off peacefully every night."
    ds = load_dataset(mini)
    before = M.Matcher.build(ds["claims"].to_dict("records"), embedder=embedder, subject="glowroot")
    assert not M.match_text(before, sentence)[0].same
    edit(
        mini / "claims.yaml",
        "  statement: Glowroot helps sleep.\n",
        "  statement: Glowroot helps sleep.\n  paraphrases:\n  - Glowroot lets you drift off to sleep at night.\n",
    )
    assert not validate(mini).problems
    ds = load_dataset(mini)
    after = M.Matcher.build(ds["claims"].to_dict("records"), embedder=embedder, subject="glowroot")
    got = M.match_text(after, sentence)[0]
    assert got.matches[0].claim == "K3" and got.matches[0].same_claim


def test_without_the_embedding_model_the_lexical_score_still_matches():
    ds = load_dataset(MINI)
    m = M.Matcher.build(ds["claims"].to_dict("records"), embedder=None, subject="glowroot")
    assert "embedding model not installed" in m.method
    r = M.match_text(m, "Glowroot relieves joint pain in days.")[0]
    assert r.matches[0].claim == "K1" and r.matches[0].same_claim


def test_the_datas_own_health_words_mark_a_checkable_statement():
    terms = M.health_terms(
        ["Dizziness / lightheadedness", "Liver injury (cholestatic / mixed hepatitis)"], ["General / unspecified", "Anxiety and depression"]
    )
    assert terms == ["dizziness", "lightheadedness", "liver injury", "cholestatic", "mixed hepatitis", "anxiety", "depression"]
    plain = M.Matcher.build([], subject="glowroot")
    aware = M.Matcher.build([], subject="glowroot", terms=terms)
    sentence = "Some people notice mild dizziness afterwards."
    assert not M.judge(plain, sentence, np.zeros(0))[0] and M.judge(aware, sentence, np.zeros(0))[0]


def test_an_empty_ledger_matches_nothing_but_still_judges_sentences():
    m = M.Matcher.build([], embedder=None, subject="glowroot")
    (r,) = M.match_text(m, "Glowroot relieves joint pain.")
    assert r.matches == () and r.checkworthy


def test_the_pasted_texts_scorecard_reads_what_the_text_says(mini_matcher):
    from claimcheck import domain as D

    ds = load_dataset(MINI)
    text = (
        "Updated March 3, 2025. Glowroot relieves joint pain in days. More research is needed. "
        "Side effects are rare. Buy it online from the best glowroot brands with a 20% off coupon. "
        "See Smith et al. in the Journal of Roots."
    )
    card = M.text_scorecard(text, M.match_text(mini_matcher, text), D.claims_table(ds), D.harm_mentions(ds)).set_index("Item")["Answer"]
    assert card["Does it say which sources it used?"] == "yes"
    assert card["Does it say when it was written?"] == "yes"
    assert card["Does it mention uncertainty or limits of the evidence?"] == "yes"
    assert card["Does it mention harms or side effects?"] == "yes"
    # the fixture's serious harms, read from the YAML: none is named in the text
    serious = [h["name"] for h in yaml.safe_load((MINI / "harms.yaml").read_text()) if h["severity"] in ("serious", "life_threatening")]
    assert card["Serious harms in the harms table that it never names"] == f"{len(serious)} of {len(serious)}"
    assert card["Signs of commercial intent"] == "3 signals"  # buying advice, best brands, discount
    bare = M.text_scorecard("Glowroot relieves joint pain.", [], D.claims_table(ds), D.harm_mentions(ds)).set_index("Item")["Answer"]
    assert bare["Does it say which sources it used?"] == "none found" and bare["Signs of commercial intent"] == "0 signals"


def test_the_highlighted_text_is_escaped_one_line_html_with_verdict_labels(mini_matcher):
    text = f"<b>Hi</b> **there**\r\n\r\n{K1_PARAPHRASE}\u2028Glowroot cures baldness."
    results = M.match_text(mini_matcher, text)
    out = M.highlighted_html(text, results, {"K1": "Not supported"}, link="Claims?claim=")
    assert "<b>Hi" not in out and "&lt;b&gt;Hi&lt;/b&gt; **there**" in out
    assert "\n" not in out and "\r" not in out and "\u2028" not in out and out.count("<br>") == 3
    assert f">{K1_PARAPHRASE}</mark>" in out and "[K1 ✖ Not supported]" in out and 'href="Claims?claim=K1" target="_blank"' in out
    assert "Glowroot cures baldness.</span> <sup" in out and "[not checked yet]" in out


# --- the labelled development set ----------------------------------------------------------
def test_the_devset_covers_the_ledger_with_distinct_sentences_not_copied_from_it():
    dev = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))
    claims = yaml.safe_load((REAL / "claims.yaml").read_text(encoding="utf-8"))
    ids = {c["id"] for c in claims}
    assert set(dev["claims"]) <= ids
    assert sum(1 for c in ids if len(dev["claims"].get(c, {}).get("dev", [])) >= 2) >= 0.8 * len(ids)
    assert all(dev["claims"][c].get("test") for c in dev["claims"]), "every claim has a held-out sentence"
    sentences = [s for d in dev["claims"].values() for split in d.values() for s in split]
    sentences += [s for group in ("no_claim", "new_claims") for split in dev[group].values() for s in split]
    assert all(isinstance(s, str) and s.strip() for s in sentences)
    assert len(sentences) == len(set(sentences)), "no sentence appears twice"
    ledger = (
        {c["statement"] for c in claims}
        | {q["text"] for c in claims for q in c["quotes"]}
        | {p for c in claims for p in c.get("paraphrases") or []}
    )
    assert not set(sentences) & ledger, "devset sentences are written for it, not copied from the ledger"


def test_held_out_paraphrases_meet_the_targets(embedder):
    """The figures the README reports: the right claim first for 9 in 10 unseen paraphrases, top three for 97 in 100."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_match", ROOT / "bench" / "match.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    evaluate, load_devset = bench.evaluate, bench.load_devset

    ds = load_dataset(REAL)
    m = M.build_matcher(ds, embedder)
    r = evaluate(m, load_devset(DEVSET)["test"])
    assert r["top1"] >= 0.9 and r["top3"] >= 0.97
    # same_claim on held-out sentences: never on a sentence with no claim or a claim the ledger lacks;
    # measured 4 of 85 on a paraphrase of another claim (README), kept from growing.
    assert r["none_fp"] == 0 and r["new_fp"] <= 1 and r["wrong_claim"] <= 5


# --- the command ------------------------------------------------------------------------------
def run_cli(*args, stdin: bytes | None = None, data: Path = MINI):
    return subprocess.run(
        [sys.executable, "-m", "claimcheck", "match", *args, "--data-dir", str(data)],
        cwd=ROOT, input=stdin, capture_output=True, timeout=120,
    )  # fmt: skip


def test_cli_json_gives_one_object_per_sentence_in_order(tmp_path):
    text = f"Welcome to our shop.\n\n{K1_PARAPHRASE} Glowroot cures baldness."
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    out = run_cli("--json", str(path))
    assert out.returncode == 0, out.stderr.decode()
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [r["sentence"] for r in rows] == ["Welcome to our shop.", K1_PARAPHRASE, "Glowroot cures baldness."]
    for r in rows:
        assert set(r) == {"sentence", "start", "end", "checkworthy", "matches"}
        assert text[r["start"] : r["end"]] == r["sentence"]
        assert isinstance(r["checkworthy"], bool) and len(r["matches"]) <= 5
        assert [m["score"] for m in r["matches"]] == sorted((m["score"] for m in r["matches"]), reverse=True)
        for m in r["matches"]:
            assert set(m) == {"claim", "score", "same_claim"} and isinstance(m["score"], float) and isinstance(m["same_claim"], bool)
    assert rows[1]["matches"][0] == {**rows[1]["matches"][0], "claim": "K1", "same_claim": True}
    assert not rows[0]["checkworthy"] and rows[2]["checkworthy"] and not any(m["same_claim"] for m in rows[2]["matches"])


def test_cli_reads_stdin_and_prints_a_readable_summary():
    out = run_cli("-", stdin=K2_PARAPHRASE.encode())
    assert out.returncode == 0, out.stderr.decode()
    lines = out.stdout.decode()
    verdict = fixture_verdicts()["K2"].replace("_", " ").capitalize()
    assert "1 sentences: 1 make a claim already checked" in lines and f"K2 ({verdict}" in lines


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "empty"), (b"\x00\x01\x02binary" * 100, "binary"), (b"\xff\xfe\xfa not utf8", "not UTF-8")],
)
def test_cli_bad_input_exits_2_with_a_message_and_no_traceback(tmp_path, content, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    out = run_cli(str(path))
    assert out.returncode == 2 and words in out.stderr.decode()
    assert b"Traceback" not in out.stderr + out.stdout
    missing = run_cli(str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and b"no such file" in missing.stderr and b"Traceback" not in missing.stderr


# --- the page ---------------------------------------------------------------------------------
def open_check_page(monkeypatch, data: Path = MINI) -> AppTest:
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(data))
    at = AppTest.from_file("../dashboard.py", default_timeout=90)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def highlighted(at: AppTest) -> str:
    return "".join(m.value for m in at.markdown if m.proto.allow_html)


def test_page_highlights_a_paraphrase_with_the_verdict_from_the_data(monkeypatch):
    at = open_check_page(monkeypatch)
    at.text_area(key="check.text").input(f"Welcome to our shop. {K1_PARAPHRASE}\n\nGlowroot cures baldness.").run()
    assert not at.exception, [e.value for e in at.exception]
    verdict = fixture_verdicts()["K1"].replace("_", " ").capitalize()  # "not_supported" -> "Not supported"
    body = highlighted(at)
    assert f"[K1 ✖ {verdict}]" in body, body
    assert "<a " not in body, "a label in the text would open a new tab and a new session"
    assert "Glowroot cures baldness.</span> <sup" in body and "[not checked yet]" in body
    assert [x.value for x in at.metric] == ["3", "1", "1"]
    assert not dict(at.query_params), "nothing pasted goes into the link"


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        (
            "Ceci est un article en français sur une plante qui soulage la douleur du dos et qui est sans danger.",
            "does not look like English",
        ),
        ("a" * (M.MAX_INPUT_BYTES + 10), "limit"),
    ],
)
def test_page_tells_what_is_wrong_with_the_input(monkeypatch, pasted, message):
    at = open_check_page(monkeypatch)
    at.text_area(key="check.text").input(pasted).run()
    assert not at.exception
    shown = " ".join(x.value for x in [*at.error, *at.warning]).replace("\\", "")
    assert message in shown


def test_page_shows_pasted_html_and_markdown_as_text_only(monkeypatch):
    at = open_check_page(monkeypatch)
    hostile = (
        "<html><body><p>Glowroot relieves joint pain within a few days. **bold** [link](javascript:alert(1)) $x^2$ "
        "&lt;img src=x onerror=alert(1)&gt;</p><script>document.title='pwned'</script><style>body{display:none}</style></body></html>"
    )
    at.text_area(key="check.text").input(hostile).run()
    assert not at.exception
    body = highlighted(at)
    assert "<script" not in body and "pwned" not in body and "display:none" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body and "<img" not in body
    assert "**bold** [link](javascript:alert(1))" in body, "the text is kept literally inside one HTML block"
    assert "\n" not in body, "one line of HTML: no blank line can end the HTML block and let Markdown in"


def test_page_on_the_real_data_opens_the_matched_claims_card(monkeypatch):
    at = open_check_page(monkeypatch, REAL)
    at.text_area(key="check.text").input("Kratom is a strong natural painkiller for everyone.").run()
    assert not at.exception
    pick = at.selectbox(key="check.claim")
    assert pick.value is None and not any(h.value.startswith("####") for h in at.markdown), "no card until one is chosen"
    pick.set_value(pick.options[0].split(" · ")[0]).run()
    claim_id = at.selectbox(key="check.claim").value
    verdict = next(c["verdict"] for c in yaml.safe_load((REAL / "claims.yaml").read_text(encoding="utf-8")) if c["id"] == claim_id)
    assert verdict.replace("_", " ").capitalize() in highlighted(at)
    assert any(claim_id in h.value for h in at.get("markdown") if h.value.startswith("####")), "the claim's card is open"


def test_the_page_builds_the_matcher_once_per_data_version(mini, monkeypatch):
    """The model and the claim index are cached per data version, not rebuilt on every rerun."""
    import os

    from ui.data import matcher, views

    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(mini))
    first = matcher(views())
    assert matcher(views()) is first
    claims = mini / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(claims, (claims.stat().st_atime, claims.stat().st_mtime + 5))
    again = matcher(views())
    assert again is not first and again.embedder is first.embedder, "a data edit rebuilds the index, not the model"


def test_page_shows_hostile_data_of_a_matched_claim_as_text(mini, monkeypatch):
    from .test_hostile import HOSTILE, _hostile_copy

    at = open_check_page(monkeypatch, _hostile_copy(mini))
    at.text_area(key="check.text").input(f"{K1_PARAPHRASE} {K2_PARAPHRASE}").run()
    assert not at.exception
    assert "[K1" in highlighted(at) and "[K2" in highlighted(at)
    at.selectbox(key="check.claim").set_value("K1").run()  # its statement and rationale are the hostile text
    assert not at.exception
    for m in at.markdown:
        if m.proto.allow_html:
            assert "<script>" not in m.value and "<img src=x" not in m.value
        else:
            assert "](javascript:" not in m.value
    assert HOSTILE not in "".join(m.value for m in at.markdown), "data text reaches the page escaped"


def test_page_on_an_empty_data_folder_still_checks_a_text(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    at = open_check_page(monkeypatch, empty)
    at.text_area(key="check.text").input(K1_PARAPHRASE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [x.value for x in at.metric] == ["1", "0", "1"], "no ledger: the claim is not checked yet"


def test_releasing_free_memory_is_harmless_everywhere():
    from ui.data import release_free_memory

    release_free_memory()  # glibc: trims; elsewhere: nothing, and never an error
