"""Claim matching: which sentences of any text make a claim the ledger already checked.

A text is cut into sentences with their character offsets; each sentence is
compared with every claim in the ledger through the claim's *index texts*: its
neutral statement, its verbatim quotes and any paraphrases a curator added.
A claim's score for a sentence is its best score over those texts.

The score blends two measures, chosen by measurement on the development set
(``tests/match_devset.yaml``, figures from ``bench/match.py`` in the README):

* cosine similarity of static word embeddings (``wordllama``'s bundled 256-d
  model, loaded from its own package folder with downloads disabled), which
  sees that "painkiller" and "analgesic" mean the same;
* cosine similarity of TF-IDF vectors over stemmed words and word pairs and
  over character 3-5-grams, written here, which rewards the exact terms
  (strain names, numbers, places) embeddings blur.

When the embedding package is missing, the lexical score alone is used (and
:attr:`Matcher.method` says so). ``same_claim`` is true for a match whose score
reaches a threshold and is close to the best; ``checkworthy`` is true for a
sentence that matches a claim that well or reads as a checkable statement
(a health, safety, legal or study predicate, not a question or a call to action).

Nothing here names the topic: the subject comes from the data folder.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

import numpy as np

MAX_INPUT_BYTES = 1_000_000  # the stated cap on a pasted or uploaded text (1 MB)
MAX_MATCHES = 5

# Chosen on the development set (bench/match.py); see the README's figures.
EMBED_WEIGHT = 0.5  # share of the embedding cosine in the blended score
SAME_CLAIM_THRESHOLD = 0.56  # blended score from which a match is judged to make that very claim
SAME_CLAIM_MARGIN = 0.03  # ...and it is within this of the best match
LEXICAL_SAME_CLAIM_THRESHOLD = 0.48  # the same judgement when only the lexical score is available
CHECKWORTHY_SCORE = 0.5  # a sentence this close to a checked claim is checkworthy whatever its wording


class InputError(ValueError):
    """Input the matcher cannot read; the message says why in plain words."""


# --- reading input ---------------------------------------------------------------------
def decode_bytes(data: bytes, name: str = "the file") -> str:
    """UTF-8 text from an upload or stdin, or :class:`InputError` saying what is wrong."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name} is {len(data) / 1e6:.1f} MB; the limit is {MAX_INPUT_BYTES / 1e6:.0f} MB of text.")
    if b"\x00" in data[:65536]:
        raise InputError(f"{name} looks like a binary file, not text. Upload a .txt, .md or .html file saved as UTF-8.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name} is not UTF-8 text (undecodable byte at position {err.start}). Save it as UTF-8 text (.txt, .md or .html) and try again."
        ) from None
    return check_text(text, name)


def check_text(text: str, name: str = "the text") -> str:
    """The text itself if the matcher can use it, else :class:`InputError`."""
    if len(text.encode("utf-8", "replace")) > MAX_INPUT_BYTES:
        raise InputError(f"{name} is longer than the {MAX_INPUT_BYTES / 1e6:.0f} MB limit; check a shorter part of it.")
    controls = sum(1 for ch in text[:65536] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise InputError(f"{name} holds many control characters: it looks like a binary file, not text.")
    if not text.strip():
        raise InputError(f"{name} is empty: paste or upload an article's text.")
    return text


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "figcaption", "main", "aside", "nav",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n" if tag == "br" else "\n\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page: scripts, styles and other code dropped, blocks as paragraphs.

    Uses the standard library's parser only; nothing is fetched or run.
    """
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; anything it still rejects is not worth a traceback
        pass
    text = "".join(parser.parts)
    title = " ".join("".join(parser.title).split())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return f"{title}\n\n{text}" if title and title not in text[: len(title) + 50] else text


def looks_like_html(text: str) -> bool:
    head = text[:4096].lower()
    return bool(re.search(r"<!doctype html|<html[\s>]|<body[\s>]|<p[\s>]|<div[\s>]|<script[\s>]|<h[1-6][\s>]", head))


# --- sentences ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "prof", "st", "no", "fig", "al", "approx", "inc", "ltd",
    "jr", "sr", "dept", "est", "ca", "cf", "u.s", "u.k", "e.u", "mt", "vol", "ed", "eds", "p", "pp",
}  # fmt: skip
_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
_LIST_MARK = re.compile(r"^\s*(?:[-*+\u2022\u25aa\u25cf]|\d{1,3}[.)]|#{1,6})\s+")
_PARA = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def _blocks(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Lines of one paragraph grouped into blocks: headings and list items stand alone,
    hard-wrapped prose lines are joined back together."""
    lines = []
    pos = start
    for line in text[start:end].split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    block_start, prev = None, None
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            continue
        if block_start is None:
            block_start, prev = a, (a, b)
            continue
        prev_line = text[prev[0] : prev[1]].rstrip()
        stripped = line.lstrip()
        joins = not _LIST_MARK.match(line) and (
            stripped[:1].islower() or (len(prev_line) >= 60 and not prev_line.endswith((".", "!", "?", ":", "\u2026")))
        )
        if not joins:
            yield block_start, prev[1]
            block_start = a
        prev = (a, b)
    if block_start is not None:
        yield block_start, prev[1]


def _trim(text: str, a: int, b: int) -> Sentence | None:
    piece = text[a:b]
    m = _LIST_MARK.match(piece)
    if m:
        a += m.end()
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a >= b or not any(ch.isalnum() for ch in text[a:b]):
        return None
    return Sentence(a, b, text[a:b])


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` with its character offsets (``text[start:end] == sentence``).

    Paragraphs are separated by blank lines; inside one, headings and list items
    are sentences of their own, and sentences end at ., ! or ? followed by a
    space and a capital, digit or quote, except after common abbreviations.
    """
    out: list[Sentence] = []
    pos = 0
    paragraphs = []
    for m in _PARA.finditer(text):
        paragraphs.append((pos, m.start()))
        pos = m.end()
    paragraphs.append((pos, len(text)))
    for pa, pb in paragraphs:
        for a, b in _blocks(text, pa, pb):
            cut = a
            for m in _END.finditer(text, a, b):
                nxt = text[m.end() : b].lstrip()
                if not nxt or not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"'\u201c\u2018(["):
                    continue
                if text[m.start()] == ".":
                    word = re.search(r"([\w.]+)$", text[cut : m.start()])
                    w = word.group(1).lower() if word else ""
                    if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                        continue
                s = _trim(text, cut, m.end())
                if s:
                    out.append(s)
                cut = m.end()
            s = _trim(text, cut, b)
            if s:
                out.append(s)
    return out


# --- features ---------------------------------------------------------------------------
_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as into onto about over under than then so such
    is are was were be been being am do does did doing have has had having it its it's this that these those
    there here their they them you your yours we our ours us i me my he she his her him which who whom whose what
    when where why how all any both each few more most other some own same very s t can will just should would
    could may might must also not no nor only too up down out off again further once while because until through
    during before after above below between get gets got make makes made one ones many much even well really""".split()
)
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return text.translate({0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"', 0x2013: "-", 0x2014: " "})


def stem(word: str) -> str:
    """A light suffix stripper (enough for TF-IDF to see 'relieves' and 'relief' near each other)."""
    w = word
    for suffix, keep in (
        ("ational", 5), ("ization", 5), ("ations", 4), ("ation", 4), ("nesses", 4), ("ness", 4), ("ments", 4), ("ment", 4),
        ("ingly", 4), ("edly", 4), ("ities", 4), ("ity", 4), ("ies", 3), ("ing", 4), ("ers", 4), ("ed", 4), ("es", 4),
        ("ly", 4), ("s", 3), ("ive", 4), ("al", 5), ("er", 4), ("e", 4), ("f", 5), ("v", 4),
    ):  # fmt: skip
        if w.endswith(suffix) and len(w) - len(suffix) >= keep and not w.endswith("ss"):
            w = w[: -len(suffix)]
            break
    return w


def tokens(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def _word_features(text: str, toks: list[str] | None = None) -> Counter:
    toks = [stem(t) for t in (tokens(text) if toks is None else toks) if t not in _STOP]
    feats = Counter(["w:" + t for t in toks])
    feats.update(["b:" + a + "_" + b for a, b in zip(toks, toks[1:])])
    return feats


def _char_features(text: str, toks: list[str] | None = None) -> Counter:
    grams = []
    for t in tokens(text) if toks is None else toks:
        if t in _STOP:
            continue
        padded = " " + t + " "
        size = len(padded)
        for n in (3, 4, 5):
            grams.extend([padded[i : i + n] for i in range(size - n + 1)])
    return Counter(grams)


class _TfIdf:
    """A TF-IDF space (sublinear tf, smoothed idf, unit length) stored as a sparse matrix by feature.

    Cosines of many queries are computed at once with numpy (no per-feature Python loop over
    the index), so a long text costs little more than its feature extraction.
    """

    CHUNK = 16  # queries scored at once: bounds the temporary arrays (about 6 MB at most for a long text)

    def __init__(self, docs: Sequence[Counter]) -> None:
        n = len(docs)
        df: Counter = Counter()
        for d in docs:
            df.update(d.keys())
        self.n = n
        self.vocab = {f: i for i, f in enumerate(df)}
        self.idf = np.array([math.log((1 + n) / (1 + c)) + 1.0 for c in df.values()])
        self.unseen_idf = math.log(1 + n) + 1.0
        rows, cols, vals = [], [], []
        for i, d in enumerate(docs):
            ids, w = self._weigh(d)
            rows.append(np.full(len(ids), i, dtype=np.int32))
            cols.append(ids)
            vals.append(w)
        rows_a = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int32)
        cols_a = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        vals_a = np.concatenate(vals) if vals else np.zeros(0)
        order = np.argsort(cols_a, kind="stable")
        self.doc = rows_a[order]
        self.val = vals_a[order].astype(np.float32)
        self.ptr = np.zeros(len(self.vocab) + 1, dtype=np.int64)
        self.ptr[1:] = np.cumsum(np.bincount(cols_a, minlength=len(self.vocab)))

    def _weigh(self, counts: Counter) -> tuple[np.ndarray, np.ndarray]:
        """Feature ids and unit-length weights of one text; features not in the index count only in its length."""
        vocab = self.vocab
        known = [(vocab[f], c) for f, c in counts.items() if f in vocab]
        unseen = [c for f, c in counts.items() if f not in vocab]
        ids = np.array([i for i, _ in known], dtype=np.int64)
        tf = 1.0 + np.log(np.array([c for _, c in known], dtype=float))
        w = tf * self.idf[ids] if len(ids) else np.zeros(0)
        extra = (1.0 + np.log(np.array(unseen, dtype=float))) * self.unseen_idf if unseen else np.zeros(0)
        norm = math.sqrt(float(w @ w) + float(extra @ extra)) or 1.0
        return ids, w / norm

    def cosines(self, queries: Sequence[Counter]) -> np.ndarray:
        """Cosine of each query (rows) with every document (columns)."""
        out = np.zeros((len(queries), self.n))
        for start in range(0, len(queries), self.CHUNK):
            chunk = queries[start : start + self.CHUNK]
            rows, ids, ws = [], [], []
            for r, q in enumerate(chunk):
                i, w = self._weigh(q)
                rows.append(np.full(len(i), r, dtype=np.int64))
                ids.append(i)
                ws.append(w)
            if not ids or not self.n:
                continue
            rows_a, ids_a, ws_a = np.concatenate(rows), np.concatenate(ids), np.concatenate(ws)
            lengths = self.ptr[ids_a + 1] - self.ptr[ids_a]
            total = int(lengths.sum())
            if not total:
                continue
            # positions of every posting of every query feature, without a Python loop
            firsts = np.repeat(self.ptr[ids_a] - np.cumsum(lengths) + lengths, lengths)
            pos = firsts + np.arange(total)
            flat = np.repeat(rows_a, lengths) * self.n + self.doc[pos]
            scores = np.bincount(flat, weights=np.repeat(ws_a, lengths) * self.val[pos], minlength=len(chunk) * self.n)
            out[start : start + len(chunk)] = scores.reshape(len(chunk), self.n)
        return out


# --- the claim index --------------------------------------------------------------------
@dataclass(frozen=True)
class IndexText:
    claim: str
    kind: str  # statement, quote or paraphrase
    text: str


def index_texts(claims: Iterable[dict]) -> list[IndexText]:
    """Every text a claim is matched through: statement, quotes and curator paraphrases."""
    out = []
    for c in claims:
        cid = str(c.get("id") or "")
        if not cid:
            continue
        if isinstance(c.get("statement"), str) and c["statement"].strip():
            out.append(IndexText(cid, "statement", c["statement"]))
        for q in c.get("quotes") or []:
            if isinstance(q, dict) and isinstance(q.get("text"), str) and q["text"].strip():
                out.append(IndexText(cid, "quote", q["text"]))
        paraphrases = c.get("paraphrases")
        for p in paraphrases if isinstance(paraphrases, (list, tuple)) else []:
            if isinstance(p, str) and p.strip():
                out.append(IndexText(cid, "paraphrase", p))
    return out


def health_terms(harm_names: Iterable[str], condition_labels: Iterable[str]) -> list[str]:
    """The data's own words for harms and conditions, as cues of a checkable statement.

    "Dizziness / lightheadedness" gives dizziness and lightheadedness; "Anxiety and depression"
    gives anxiety and depression. Read from whatever data folder is served, so any topic works.
    """
    out = []
    for name in [*harm_names, *condition_labels]:
        for part in re.split(r"[/(),;]|\band\b|\bor\b", str(name or "")):
            part = part.strip().lower()
            if len(part) >= 4 and part not in ("general", "unspecified", "other"):
                out.append(part)
    return list(dict.fromkeys(out))


def build_matcher(ds, embedder=None) -> Matcher:
    """The matcher of a loaded :class:`~claimcheck.dataset.Dataset`: its claims, subject and health words."""
    return Matcher.build(
        ds["claims"].to_dict("records"),
        embedder=embedder,
        subject=ds.meta["subject"],
        terms=health_terms(ds["harms"]["name"], ds["conditions"]["label"]),
    )


def load_embedder():
    """wordllama's bundled model, loaded from its package folder with downloads disabled; None if not installed."""
    try:
        import os

        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    model = WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)
    # The token table is read as float32 (33 MB); half precision halves it (pooling still sums in
    # float32). Measured with bench/match.py: the same figures on every split of the dev set.
    table = getattr(model, "embedding", None)
    if isinstance(table, np.ndarray) and table.dtype == np.float32:
        model.embedding = table.astype(np.float16)
    return model


EMBED_BATCH = 16  # texts embedded at once: small batches keep the transient token arrays small
# Only the start of an overlong "sentence" (a text with no full stops) is scored: the embedder pads a
# batch to its longest text, and no claim is worded in more than a few hundred characters.
MAX_SCORED_CHARS = 1000


def _unit(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms == 0, 1, norms)


@dataclass
class Matcher:
    """The claim index of one data version, ready to score sentences.

    ``embedder`` is a loaded wordllama model or None (lexical scores only).
    ``word_weight`` is the share of word TF-IDF within the lexical score (the rest is character n-grams).
    """

    texts: list[IndexText]
    claim_ids: list[str]
    embedder: object | None = None
    embed_weight: float = EMBED_WEIGHT
    word_weight: float = 0.25
    same_claim_threshold: float | None = None
    margin: float = SAME_CLAIM_MARGIN
    subject: str | None = None  # the product the data folder is about (dataset.yaml's subject)
    terms: Sequence[str] = ()  # the data's health words that mark a checkable statement (see health_terms)
    _word: _TfIdf = field(init=False, repr=False)
    _char: _TfIdf = field(init=False, repr=False)
    _emb: np.ndarray | None = field(init=False, repr=False, default=None)
    _owner: np.ndarray = field(init=False, repr=False)
    _subject: re.Pattern[str] | None = field(init=False, repr=False, default=None)
    _terms: re.Pattern[str] | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        words = sorted({t.strip().lower() for t in self.terms if len(t.strip()) >= 4}, key=len, reverse=True)
        if words:
            self._terms = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
        if self.subject and self.subject.strip():
            self._subject = re.compile(r"(?:the |this |our |pure |natural )?" + re.escape(self.subject.strip()) + r"\b", re.I)
        self._word = _TfIdf([_word_features(t.text) for t in self.texts])
        self._char = _TfIdf([_char_features(t.text) for t in self.texts])
        pos = {c: i for i, c in enumerate(self.claim_ids)}
        self._owner = np.array([pos[t.claim] for t in self.texts], dtype=int)
        if self.embedder is not None and self.texts:
            self._emb = _unit(np.asarray(self.embedder.embed([t.text for t in self.texts], batch_size=EMBED_BATCH), dtype=np.float32))
        if self.same_claim_threshold is None:
            self.same_claim_threshold = SAME_CLAIM_THRESHOLD if self._emb is not None else LEXICAL_SAME_CLAIM_THRESHOLD

    @classmethod
    def build(cls, claims: Iterable[dict], embedder: object | None = None, **kwargs) -> Matcher:
        """The index of ``claims`` (records with id, statement, quotes and optional paraphrases)."""
        claims = list(claims)
        texts = index_texts(claims)
        ids = list(dict.fromkeys(t.claim for t in texts))
        return cls(texts=texts, claim_ids=ids, embedder=embedder, **kwargs)

    @property
    def method(self) -> str:
        if self._emb is not None:
            return f"word embeddings ({self.embed_weight:.0%}) blended with TF-IDF of words and character n-grams"
        return "TF-IDF of words and character n-grams (embedding model not installed)"

    def text_scores(self, sentences: Sequence[str], part: str = "blend") -> np.ndarray:
        """Similarity of each sentence (rows) with each index text (columns).

        ``part`` is "blend" (the score used), "lexical", "word", "char" or "embed", for measurement.
        """
        n, m = len(sentences), len(self.texts)
        if not n or not m:
            return np.zeros((n, m))
        sentences = [s[:MAX_SCORED_CHARS] for s in sentences]
        want_lex = part in ("blend", "lexical", "word", "char") or self._emb is None
        lex = np.zeros((n, m))
        if want_lex:
            toks = [tokens(s) for s in sentences]
            w = self._word.cosines([_word_features(s, t) for s, t in zip(sentences, toks)]) if part != "char" else 0
            c = self._char.cosines([_char_features(s, t) for s, t in zip(sentences, toks)]) if part != "word" else 0
            lex = w if part == "word" else c if part == "char" else self.word_weight * w + (1 - self.word_weight) * c
        if part in ("lexical", "word", "char") or self._emb is None:
            return lex
        q = _unit(np.asarray(self.embedder.embed(list(sentences), batch_size=EMBED_BATCH), dtype=np.float32))
        emb = np.clip(q @ self._emb.T, 0, 1)
        if part == "embed":
            return emb
        return self.embed_weight * emb + (1 - self.embed_weight) * lex

    def claim_scores(self, sentences: Sequence[str], part: str = "blend") -> np.ndarray:
        """Each claim's score for each sentence: its best over the claim's index texts."""
        return self._per_claim(self.text_scores(sentences, part))

    def _per_claim(self, per_text: np.ndarray) -> np.ndarray:
        """The best column of each claim's texts (texts grouped by claim; ufunc.at is far slower on long texts)."""
        out = np.zeros((per_text.shape[0], len(self.claim_ids)))
        if per_text.size:
            order = np.argsort(self._owner, kind="stable")
            owners = self._owner[order]
            starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
            out[:, owners[starts]] = np.maximum.reduceat(per_text[:, order], starts, axis=1)
        return out


# --- check-worthiness -------------------------------------------------------------------
# Generic English cues of a checkable statement: an effect, a risk, a legal status, a study, a figure.
_CLAIM_CUES = re.compile(
    r"\b(?:relie(?:f|ve[sd]?|ving)|eas(?:e[sd]?|ing)|treat(?:s|ed|ing|ment)?|cure[sd]?|curing|heal(?:s|ed|ing)?|"
    r"reduc(?:e[sd]?|ing|tion)|improv(?:e[sd]?|ing)|boost(?:s|ed|ing)?|increas(?:e[sd]?|ing)|decreas(?:e[sd]?|ing)|"
    r"lower(?:s|ed|ing)?|rais(?:e[sd]?|ing)|prevent(?:s|ed|ing)?|protect(?:s|ed|ing)?|helps?|helped|fights?|combat(?:s)?|"
    r"block(?:s|ed|ing)?|inhibit(?:s|ed|ing)?|binds?|acts?|works?|calms?|sooth(?:e[sd]?|ing)|alleviat(?:e[sd]?|ing)|"
    r"enhanc(?:e[sd]?|ing)|promot(?:e[sd]?|ing)|strengthen(?:s|ed)?|caus(?:e[sd]?|ing)|leads?|trigger(?:s|ed)?|"
    r"interact(?:s|ed|ion|ions)?|suppress(?:es|ed)?|stimulat(?:e[sd]?|ing)|sedat(?:e[sd]?|ing|ive)|induc(?:e[sd]?|ing)|"
    r"lifts?|restor(?:e[sd]?|ing)|regulat(?:e[sd]?|ing|ion)|ban(?:s|ned)?|prohibit(?:s|ed)?|outlaw(?:s|ed)?|forbid(?:s|den)?|"
    r"approv(?:e[sd]?|al)|warn(?:s|ed|ing|ings)?|legal(?:ity)?|illegal|controlled|unregulated|safe|safer|safest|unsafe|"
    r"effective|potent|powerful|addictive|addiction|dependen(?:ce|t|cy)|withdrawal|overdose|risks?|risky|dangerous|"
    r"toxic|harmful|side[- ]effects?|benefits?|beneficial|remedy|painkillers?|analgesic|proven|studies|study|research|"
    r"survey|trial|evidence|percent|affects?|affecting|suffer(?:s|ing)?|rivals?|comparable|respond(?:s)?|"
    r"anti-\w+|relax(?:es|ed|ing)?|energi[sz](?:e[sd]?|ing)|used|traditionally|contains?|replac(?:e[sd]?|ing)|complement(?:s|ed)?|"
    r"stops?|suppress(?:ing)?|brings?|brighten(?:s|ed)?|mood|upset|sick|drowsy|drowsiness|anxious|minimi[sz](?:e[sd]?|ing)|"
    r"adverse|doses?|dosage|studied|effects?|doubles?|reverses?|grows?|symptoms?|pain|disease|healthy|health)\b"
    r"|\d+(?:\.\d+)?\s?(?:%|percent|grams?|g|mg|milligrams?)\b",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"^\s*(?:click|subscribe|share|contact|read|keep reading|scroll|leave|sign up|follow|let us know|see|learn more)\b", re.I
)
# Sentences about the text itself ("in this article we will look at...") make no claim.
_META = re.compile(
    r"\b(?:in this (?:article|post|guide|blog|review)|this (?:article|post|guide) (?:will|explains|covers)|we will (?:look|cover|discuss|explore|explain)|read on|let's (?:take|look|dive|explore))\b",
    re.I,
)


def _claim_like(sentence: str, subject: re.Pattern[str] | None = None, terms: re.Pattern[str] | None = None) -> bool:
    """Does the sentence read as a checkable statement (whether or not the ledger has it)?

    ``terms`` matches the data's own health words (harm names, condition labels).
    """
    words = tokens(sentence)
    if len(words) < 3 or sentence.rstrip().endswith("?") or _CALL_TO_ACTION.match(sentence) or _META.search(sentence):
        return False
    if _CLAIM_CUES.search(sentence) or (terms is not None and terms.search(sentence)):
        return True
    # A declarative sentence whose subject is the product ("X reverses diabetes.") claims something about it.
    return bool(subject and subject.match(sentence.strip()) and len(words) >= 3)


# --- matching a text --------------------------------------------------------------------
@dataclass(frozen=True)
class Match:
    claim: str
    score: float
    same_claim: bool


@dataclass(frozen=True)
class Result:
    sentence: Sentence
    checkworthy: bool
    matches: tuple[Match, ...]

    @property
    def same(self) -> tuple[Match, ...]:
        return tuple(m for m in self.matches if m.same_claim)

    def to_json(self) -> dict:
        return {
            "sentence": self.sentence.text,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "checkworthy": self.checkworthy,
            "matches": [{"claim": m.claim, "score": round(float(m.score), 4), "same_claim": m.same_claim} for m in self.matches],
        }


def judge(matcher: Matcher, sentence: str, scores: np.ndarray, k: int = MAX_MATCHES) -> tuple[bool, tuple[Match, ...]]:
    """Check-worthiness and the best ``k`` matches of one sentence from its claim scores."""
    claim_like = _claim_like(sentence, matcher._subject, matcher._terms)
    if not len(scores):
        return claim_like, ()
    order = np.argsort(-scores, kind="stable")[:k]
    best = float(scores[order[0]])
    matches = []
    for j in order:
        s = float(scores[j])
        same = claim_like and s >= matcher.same_claim_threshold and s >= best - matcher.margin
        matches.append(Match(matcher.claim_ids[j], s, same))
    checkworthy = claim_like or best >= max(CHECKWORTHY_SCORE, matcher.same_claim_threshold)
    return checkworthy, tuple(m for m in matches if m.score > 0)


def match_sentences(matcher: Matcher, sentences: Sequence[Sentence]) -> list[Result]:
    scores = matcher.claim_scores([s.text for s in sentences])
    out = []
    for i, s in enumerate(sentences):
        checkworthy, matches = judge(matcher, s.text, scores[i] if scores.size else np.zeros(0))
        out.append(Result(s, checkworthy, matches))
    return out


def match_text(matcher: Matcher, text: str) -> list[Result]:
    """Every sentence of ``text`` in order, with its check-worthiness and best matches."""
    return match_sentences(matcher, split_sentences(text))


# --- language --------------------------------------------------------------------------
_ENGLISH = frozenset("the and of to is in it that for with are as on this be can you your by or from not have has its".split())


def looks_english(text: str) -> bool:
    """False when a text of some length has too few common English words to match (another language)."""
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) >= 40 and sum(1 for ch in letters if ch.isascii()) / len(letters) < 0.6:
        return False
    words = tokens(sample)
    if len(words) < 12:
        return True
    return sum(1 for w in words if w in _ENGLISH) / len(words) >= 0.08


# --- the scorecard of a pasted article -------------------------------------------------
# Generic English cues read from the text itself; a curated article's scorecard comes from the
# curator's answers instead (domain.article_scorecard).
_SOURCE_CUES = re.compile(
    r"https?://\S+|\bwww\.\S+|\bdoi:?\s*10\.\d+|\b10\.\d{4,}/\S+|\bpmid:?\s*\d+|\bet al\b\.?|\bjournal of\b|\bpublished in\b", re.I
)
_DATE_CUES = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
    r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b|\b\d{1,2}\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+(?:19|20)\d{2}\b"
    r"|\b(?:19|20)\d{2}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/(?:19|20)?\d{2}\b|\b(?:updated|published|posted|written)\b[^.\n]{0,30}\b(?:19|20)\d{2}\b",
    re.I,
)
_UNCERTAINTY_CUES = re.compile(
    r"\b(?:more|further|additional) (?:research|studies|clinical trials|trials)\b|\blimited (?:evidence|research|data|studies)\b|"
    r"\bnot (?:been )?(?:well|fully|thoroughly) (?:studied|understood|researched)\b|\blittle (?:evidence|research)\b|"
    r"\bevidence is (?:limited|weak|mixed|lacking|scarce|unclear)\b|\buncertain(?:ty)?\b|\binconclusive\b|\bnot enough (?:evidence|research|studies)\b|"
    r"\black of (?:evidence|research|studies)\b",
    re.I,
)
_HARM_CUES = re.compile(
    r"\bside[- ]effects?\b|\badverse\b|\brisks?\b|\bharm(?:s|ful)?\b|\bdanger(?:s|ous)?\b|\bwithdrawal\b|\bdependen(?:ce|cy|t)\b|"
    r"\baddict(?:ion|ive)\b|\boverdose\b|\btoxic(?:ity)?\b|\bpoison(?:ing)?\b",
    re.I,
)
_HEDGE_CUES = re.compile(
    r"\b(?:may|might|could|possibly|potential(?:ly)?|suggests?|appears?|some (?:users|people|studies)|preliminary|reportedly)\b", re.I
)
_COMMERCIAL_CUES = {
    "buying advice": re.compile(r"\b(?:buy|purchase|order|shop)\b[^.\n]{0,40}\b(?:from|online|now|today|here)\b", re.I),
    "best brands or vendors": re.compile(
        r"\bbest [\w-]*\s?(?:brands?|vendors?|sellers?|shops?)\b|\b(?:trusted|reputable) (?:vendors?|brands?|sellers?)\b", re.I
    ),
    "discount or coupon": re.compile(r"\b(?:discount|coupon|promo code|free shipping)\b|\d+\s?% off\b", re.I),
    "price": re.compile(r"[$€£]\s?\d"),
    "shop link or cart": re.compile(r"\badd to cart\b|\bcheckout\b|\bin stock\b|\bshop now\b", re.I),
    "affiliate or sponsored": re.compile(r"\baffiliate\b|\bsponsored\b|\bcommission\b", re.I),
}


def _harm_names(name: str) -> list[str]:
    """The ways a harm's name may appear in a text: 'Liver injury (cholestatic / mixed hepatitis)' -> liver injury, cholestatic, mixed hepatitis."""
    parts = re.split(r"[/()]|\bor\b|,", name)
    return [p.strip().lower() for p in parts if len(p.strip()) >= 4]


def text_scorecard(text: str, results: Sequence[Result], claims, mentions):
    """The Articles page's scorecard for a text that is not in the data, read from the text itself.

    ``claims`` is the claims table (with ``id``, ``claim_type``); ``mentions`` the
    harm mentions (``harm``, ``severity``, ``summary_row``). Answers come from
    wording cues and the sentences matched to checked claims, so each says what
    was found; a "no" means nothing was found, not that it is absent.
    Returns a DataFrame with the columns Item, Answer, Detail, From.
    """
    import pandas as pd

    from .domain import SCORECARD_ITEMS, unwarned_serious_harms

    def found(pattern: re.Pattern[str], limit: int = 3) -> list[str]:
        hits = list(dict.fromkeys(" ".join(m.group(0).split()) for m in pattern.finditer(text)))
        return hits[:limit]

    types = dict(zip(claims["id"], claims["claim_type"])) if len(claims) else {}
    safety = [m.claim for r in results for m in r.same if types.get(m.claim) == "safety"]
    checkworthy = [r for r in results if r.checkworthy]
    sure = [r for r in checkworthy if not _HEDGE_CUES.search(r.sentence.text)]
    low = text.lower()
    serious = unwarned_serious_harms(mentions, None) if len(mentions) else mentions
    named, missed = [], []
    for harm in serious["harm"] if len(serious) else []:
        (named if any(n in low for n in _harm_names(str(harm))) else missed).append(str(harm))
    signals = [kind for kind, p in _COMMERCIAL_CUES.items() if p.search(text)]
    sources, dates, unsure, harms = found(_SOURCE_CUES), found(_DATE_CUES, 1), found(_UNCERTAINTY_CUES), found(_HARM_CUES)

    def yes(hits: list[str]) -> str:
        return "yes" if hits else "none found"

    answers = {
        "sources": (yes(sources), "; ".join(sources)),
        "date": (yes(dates), "; ".join(dates)),
        "uncertainty": (yes(unsure), "; ".join(unsure)),
        "harms": (
            yes(harms or safety),
            "; ".join(harms + ([f"safety claims {', '.join(dict.fromkeys(safety))}"] if safety else [])),
        ),
        "serious_harms": (f"{len(missed)} of {len(missed) + len(named)}", ", ".join(missed)),
        "wording": (f"{len(sure)} of {len(checkworthy)}", "sentences making a claim with no hedging word (may, might, could, some users…)"),
        "commercial": (f"{len(signals)} signal{'s' if len(signals) != 1 else ''}", "; ".join(signals)),
    }
    items = {k: q for k, q, _ in SCORECARD_ITEMS}
    # What the text can show is narrower than a curator's reading: the questions say so.
    items["serious_harms"] = "Serious harms in the harms table that it never names"
    items["wording"] = "Sentences making a claim with no hedging word"
    return pd.DataFrame(
        [{"Item": items[k], "Answer": answers[k][0], "Detail": answers[k][1], "From": src} for k, _, src in SCORECARD_ITEMS]
    )


# --- the highlighted text ---------------------------------------------------------------
def _html(text: str, breaks: str = "&#10;") -> str:
    from .safetext import LINE_BREAK

    return LINE_BREAK.sub(breaks, html.escape(text, quote=True))


def highlighted_html(text: str, results: Sequence[Result], verdicts: dict[str, str], link: str | None = None) -> str:
    """The text as one line of HTML, each sentence that makes a checked claim marked and labelled.

    ``verdicts`` maps a claim id to its verdict's display label. Every piece of the
    text is escaped and every line break becomes ``<br>``, so no blank line can end
    Markdown's HTML block and nothing pasted is read as HTML or Markdown. A checked
    sentence is a ``mark`` in its verdict's colour with a dotted underline, followed by
    one label per claim (id, symbol, verdict), linking to ``link`` + id in a new tab when
    ``link`` is given (the dashboard opens claims within the session instead); a
    checkworthy sentence with no such claim is boxed with a dashed line and marked
    "not checked yet". Colour is never the only channel: the label says the verdict.
    """
    from .labels import VERDICT, VERDICT_COLOUR, VERDICT_ICON

    parts, pos = [], 0
    for r in results:
        s = r.sentence
        parts.append(_html(text[pos : s.start], "<br>"))
        chunk = _html(s.text, "<br>")
        if r.same:
            first = verdicts.get(r.same[0].claim, VERDICT[None])
            colour = VERDICT_COLOUR.get(first, "#DDDDDD")
            chunk = (
                f'<mark class="cc-checked" title="{_html(r.same[0].claim)}: {_html(first)}" '
                f'style="background:{colour}33;border-bottom:3px dotted {colour};padding:0 1px;color:inherit">{chunk}</mark>'
            )
            for mt in r.same:
                verdict = verdicts.get(mt.claim, VERDICT[None])
                cid = _html(mt.claim)
                label = f"<sup><b>[{cid} {_html(VERDICT_ICON.get(verdict, ''))} {_html(verdict)}]</b></sup>"
                if link is None:
                    chunk += f' <span class="cc-label" title="{cid}: {_html(verdict)}">{label}</span>'
                else:
                    chunk += (
                        f' <a class="cc-label" href="{_html(link)}{cid}" target="_blank" rel="noopener" '
                        f'title="Open {cid} on the Claims page" style="text-decoration:none">{label}</a>'
                    )
        elif r.checkworthy:
            chunk = (
                f'<span class="cc-unchecked" style="outline:1px dashed #999999;padding:0 2px">{chunk}</span>'
                ' <sup class="cc-label"><i>[not checked yet]</i></sup>'
            )
        parts.append(chunk)
        pos = s.end
    parts.append(_html(text[pos:], "<br>"))
    return "".join(parts)
