"""Cached loading: the data folder is read and validated once per change of its files."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from claimcheck.dataset import load_dataset
from claimcheck.load import data_dir, fingerprint
from claimcheck.views import Views, build_views

__all__ = [
    "Views",
    "views",
    "figure",
    "themed",
    "dark_theme",
    "cached_story",
    "downloads",
    "claim_reviews",
    "public_url",
    "matcher",
    "release_free_memory",
]


@st.cache_resource(max_entries=4, show_spinner="Loading and checking the data…")
def _load(directory: str, fp: str) -> Views:
    # Cached as a resource (shared, not copied) because pages only read it;
    # keyed on the folder's fingerprint so an edited file is picked up on the
    # next rerun without restarting the server.
    return build_views(load_dataset(Path(directory)), fp)


def views() -> Views:
    """The current data, reloaded only when a file in the data folder changed."""
    directory = data_dir()
    return _load(str(directory.resolve()), fingerprint(directory))


@st.cache_resource(max_entries=512, show_spinner=False)
def _figure(fingerprint: str, name: str, args: tuple, dark: bool, scale: float, _v: Views) -> tuple[go.Figure, object]:
    # Plotly builds and validates every figure in Python, which costs 15-50 ms a chart;
    # a figure depends only on the data version, its named function and that function's
    # arguments (and the theme it is drawn in), so it is built once for all sessions.
    from claimcheck import charts as C
    from claimcheck.figures import FIGURES

    fig = FIGURES[name](_v, *args)
    return _themed(fig, dark, scale), C.figure_table(fig)


def _themed(fig: go.Figure, dark: bool, scale: float, height: int | None = None) -> go.Figure:
    from claimcheck import charts as C

    # a copy: the figure given may be cached and shared between sessions
    return C.themed(fig, dark=dark, scale=scale, height=height)


@st.cache_resource(max_entries=256, show_spinner=False)
def _derived(fingerprint: str, name: str, args: tuple, _v: Views):
    from claimcheck import figures as F

    return getattr(F, name)(_v, *args)


def derived(v: Views, name: str, *args: Hashable):
    """``claimcheck.figures.<name>(v, *args)`` (a table or a value a page needs), worked out once per data
    version and arguments and shared between sessions: read it, never change it."""
    return _derived(v.fingerprint, name, args, v)


def dark_theme() -> bool:
    """Whether the reader sees the dark theme (their system's setting or their choice in the menu)."""
    try:
        return st.context.theme.type == "dark"
    except AttributeError:  # outside a running app (bare-mode scripts, some tests)
        return False


def figure(v: Views, name: str, *args: Hashable, scale: float = 1.0) -> tuple[go.Figure, object]:
    """The chart ``claimcheck.figures.<name>(v, *args)`` and its text-alternative table, built once per data version.

    Drawn in the reader's theme; ``scale`` enlarges its text (the presenter's
    slides). Cached figures are shared between sessions and must not be changed.
    """
    return _figure(v.fingerprint, name, args, dark_theme(), scale, v)


def themed(fig: go.Figure, scale: float = 1.0, height: int | None = None) -> go.Figure:
    """A figure built elsewhere (the presenter's steps), drawn in the reader's theme; ``height`` fixes its height (a slide)."""
    return _themed(fig, dark_theme(), scale, height)


@st.cache_resource(max_entries=64, show_spinner=False)
def _cached_story(fingerprint: str, spotlight: str | None, today: str, _v: Views) -> list:
    import datetime as dt

    from claimcheck.story import story

    return story(_v, dt.date.fromisoformat(today), spotlight=spotlight)


def cached_story(v: Views, spotlight: str | None, today) -> list:
    """The presenter's steps, built once per data version, spotlight claim and day."""
    return _cached_story(v.fingerprint, spotlight, today.isoformat(), v)


@st.cache_resource(max_entries=8, show_spinner=False)
def _downloads(fingerprint: str, _v: Views) -> dict:
    from claimcheck.dictionary import data_dictionary
    from claimcheck.export import csv_bytes, dataset_zip

    dd = data_dictionary()
    meta = _v.ds.meta
    readme = f"{meta['title']}\n\n{meta['summary']}\n\nData licence: {meta['licence']}. Code licence: MIT.\nThe data dictionary is in data-dictionary.csv.\n"
    return {
        "dictionary": dd,
        "dictionary_csv": dd.to_csv(index=False).encode(),
        "zip": dataset_zip(_v.ds.data_dir, dd, readme),
        "tables": {name: csv_bytes(df) for name, df in _v.ds.tables.items()},
    }


def downloads(v: Views) -> dict:
    """The whole-data downloads (every table as CSV, the zip, the dictionary), built once per data version."""
    return _downloads(v.fingerprint, v)


@st.cache_resource(max_entries=8, show_spinner=False)
def _claim_reviews(fingerprint: str, base_url: str, _v: Views) -> bytes:
    from claimcheck.export import claim_reviews_file

    return claim_reviews_file(_v.claims, _v.ds["articles"], base_url)


def public_url() -> str:
    """This app's public address: ``CLAIMCHECK_PUBLIC_URL`` when set, else the address the reader's browser shows."""
    from claimcheck.export import public_base_url
    from claimcheck.sitemap import PAGES

    try:
        seen = st.context.url
    except Exception:  # noqa: BLE001 - outside a running app (bare-mode scripts, some tests) there is no address
        seen = None
    return public_base_url(os.environ.get("CLAIMCHECK_PUBLIC_URL"), seen, [p.url_path for p in PAGES])


def claim_reviews(v: Views) -> Callable[[], bytes]:
    """The ClaimReview download's builder (for ``download``): reviews link to :func:`public_url`, read now.

    The address is read while the page runs, because a download is built later, when
    clicked, outside the page's run; the file is built once per data version and address.
    """
    base = public_url()
    return lambda: _claim_reviews(v.fingerprint, base, v)


@st.cache_resource(show_spinner="Loading the matching model…")
def _embedder():
    # wordllama's bundled model, loaded once per server from its own package folder (no download).
    from claimcheck.match import load_embedder

    return load_embedder()


@st.cache_resource(max_entries=4, show_spinner="Indexing the ledger's claims…")
def _matcher(fingerprint: str, _v: Views):
    from claimcheck.match import build_matcher

    return build_matcher(_v.ds, _embedder())


def matcher(v: Views):
    """The claim matcher of the current data: the model loaded once, the claim index built once per data version.

    Shared between sessions and only read; nothing a reader pastes is cached.
    """
    return _matcher(v.fingerprint, v)


def release_free_memory() -> None:
    """Give memory freed by the last match back to the system (glibc only; elsewhere nothing happens).

    Streamlit runs each rerun on a new thread, and glibc gives threads their own memory
    arenas: the few MB of temporary arrays of each match stayed in a different arena each
    time, and the server grew by about 12 MB per pasted text until it had one per arena
    (measured: +146 MB after 12 texts; with this call the growth stays that of the model
    and the index). ``malloc_trim`` returns every arena's free pages.
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass
