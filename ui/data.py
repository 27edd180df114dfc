"""Cached loading: the data folder is read and validated once per change of its files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from claimcheck import domain as D
from claimcheck.dataset import Dataset, load_dataset
from claimcheck.load import data_dir, fingerprint


@dataclass(frozen=True)
class Views:
    """The dataset and the derived frames every page shares, computed once per data version."""

    ds: Dataset
    claims: pd.DataFrame
    quotes: pd.DataFrame
    studies: pd.DataFrame
    harm_mentions: pd.DataFrame
    figures: pd.DataFrame
    allowed: dict[str, tuple[str, ...]]
    fingerprint: str


@st.cache_resource(max_entries=4, show_spinner="Loading and checking the data…")
def _load(directory: str, fp: str) -> Views:
    # Cached as a resource (shared, not copied) because pages only read it;
    # keyed on the folder's fingerprint so an edited file is picked up on the
    # next rerun without restarting the server.
    ds = load_dataset(Path(directory))
    return Views(
        ds=ds,
        claims=D.claims_table(ds),
        quotes=D.claim_quotes(ds),
        studies=D.studies_table(ds),
        harm_mentions=D.harm_mentions(ds),
        figures=D.figures_table(ds),
        allowed=D.allowed_filter_values(ds),
        fingerprint=fp,
    )


def views() -> Views:
    """The current data, reloaded only when a file in the data folder changed."""
    directory = data_dir()
    return _load(str(directory.resolve()), fingerprint(directory))
