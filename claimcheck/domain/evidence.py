"""Studies and evidence: the studies table, identifiers, the design ladder and the evidence map."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

import pandas as pd

from .. import labels as L
from ..dataset import Dataset
from .common import label_map, truth


def studies_table(ds: Dataset) -> pd.DataFrame:
    """Studies with display columns and the claims each bears on."""
    studies = ds["studies"].copy()
    studies["design_label"] = studies["design"].map(L.DESIGN)
    studies["verification_label"] = studies["verification"].map(L.VERIFICATION)
    studies["status_label"] = studies["status"].map(L.STUDY_STATUS)
    studies["counted"] = studies["status"] == "published"
    studies["identifiers"] = [identifier_links(r) for r in studies.to_dict("records")]
    studies["identifiers_text"] = studies["identifiers"].apply(lambda ids: " · ".join(identifier_text(k, v) for k, v, _ in ids))
    studies["link"] = [best_link(r) for r in studies.to_dict("records")]
    studies["population_text"] = [population_text(r) for r in studies.to_dict("records")]
    claims_of = ds["claim_studies"].groupby("study_id")["claim_id"].agg(tuple)
    studies["claims"] = studies["id"].map(claims_of).apply(lambda v: v if isinstance(v, tuple) else ())
    return studies


def identifier_links(study: Mapping) -> list[tuple[str, str, str]]:
    """(kind, identifier, canonical URL) for each identifier a study record carries: DOI, PubMed, PMC, trial registry."""
    out = []
    for field_name, (kind, template) in L.IDENTIFIER_URL.items():
        value = study.get(field_name)
        if isinstance(value, str) and value.strip():
            out.append((kind, value.strip(), template.format(quote(value.strip(), safe="/:._-()"))))
    return out


def identifier_text(kind: str, value: str) -> str:
    """An identifier as a reader cites it: "DOI 10.1/x", "PubMed 123", "PMC7053747" (no "PMC PMC…")."""
    return value if value.upper().startswith(kind.upper()) else f"{kind} {value}"


def best_link(study: Mapping) -> str | None:
    """The link a reader should follow first: a canonical identifier page (DOI first), else the first page it was seen on."""
    ids = identifier_links(study)
    if ids:
        return ids[0][2]
    urls = study.get("urls")
    return urls[0] if isinstance(urls, (list, tuple)) and urls else None


def population_text(study: Mapping) -> str:
    """Who or what was studied, in words: the curated description, else the kind and number."""
    text = study.get("population")
    if isinstance(text, str) and text.strip():
        return text.strip()
    n = study.get("n")
    kind = study.get("population_kind")
    if kind == "humans" and n is not None and not pd.isna(n):
        return f"{int(n):,} people"
    return L.POPULATION_KIND.get(kind, "not recorded").capitalize() if isinstance(kind, str) else "Not recorded"


def design_ladder(studies: pd.DataFrame) -> pd.DataFrame:
    """Number of studies with published results at each rung of the design ladder, every rung present.

    Registered, ongoing and unreported studies are not counted on any rung.
    """
    counts = studies[studies["status"] == "published"]["design"].value_counts()
    return pd.DataFrame(
        {
            "design": list(L.DESIGN_ORDER),
            "design_label": [L.DESIGN[d] for d in L.DESIGN_ORDER],
            "studies": [int(counts.get(d, 0)) for d in L.DESIGN_ORDER],
        }
    )


def claim_evidence(ds: Dataset, claim_id: str, studies: pd.DataFrame | None = None) -> pd.DataFrame:
    """The studies linked to one claim, with direction and note.

    ``studies`` is :func:`studies_table` of ``ds`` when the caller has it already
    (``Views.studies``); it is built here otherwise.
    """
    links = ds["claim_studies"][ds["claim_studies"]["claim_id"] == claim_id]
    out = links.merge(studies_table(ds) if studies is None else studies, left_on="study_id", right_on="id", how="left")
    out["direction_label"] = [L.DIRECTION.get(d, d) if counted else L.NOT_COUNTED for d, counted in zip(out["direction"], out["counted"])]
    order = {d: i for i, d in enumerate(L.DESIGN_ORDER)}
    # Studies that count come first, strongest design first; those without published results last.
    out["_rank"] = [
        order.get(d, len(order)) + (0 if c is True else len(order) + 1) for d, c in zip(out["design"], out["counted"].map(truth))
    ]
    return out.sort_values("_rank", kind="stable").drop(columns="_rank").reset_index(drop=True)


def evidence_links(ds: Dataset) -> pd.DataFrame:
    """One row per claim-study link, with the claim's topic and the study's design."""
    links = ds["claim_studies"].merge(ds["claims"][["id", "topic"]], left_on="claim_id", right_on="id", how="inner").drop(columns="id")
    studies = ds["studies"]
    # Only studies with published results are evidence; the others never enter the map.
    studies = studies[studies["status"] == "published"]
    links = links.merge(studies[["id", "design", "title", "year", "urls", "verification"]], left_on="study_id", right_on="id", how="inner")
    canonical = {r["id"]: best_link(r) for r in studies.to_dict("records")}
    links["link"] = links["study_id"].map(canonical)
    topic_label = label_map(ds["topics"], "id", "label")
    links["topic_label"] = links["topic"].map(topic_label).fillna(links["topic"])
    return links.drop(columns="id")


def evidence_matrix(links: pd.DataFrame, topics: pd.DataFrame) -> pd.DataFrame:
    """Studies per topic x design x direction; every topic and design appears, so gaps show.

    Returns columns topic, topic_label, design, direction, studies (0 for empty cells,
    with direction None).
    """
    columns = ["topic", "topic_label", "design", "direction", "studies"]
    counts = links.groupby(["topic", "design", "direction"])["study_id"].nunique().reset_index(name="studies")
    labels = label_map(topics, "id", "label")
    present = set(links["topic"])
    used = [t for t in topics["id"] if t in present] or list(topics["id"])
    # every topic x design cell, in topic then design order; a cell with no study is one row with direction None
    grid = pd.DataFrame(
        [(i, t, n, d) for i, t in enumerate(used) for n, d in enumerate(L.DESIGN_ORDER)], columns=["_t", "topic", "_d", "design"]
    )
    rows = grid.merge(counts, on=["topic", "design"], how="left", sort=False)
    rows["studies"] = rows["studies"].fillna(0).astype(int)
    rows["direction"] = rows["direction"].astype(object).where(rows["studies"] > 0, None)
    rows["topic_label"] = rows["topic"].map(lambda t: labels.get(t, t))
    return rows.sort_values(["_t", "_d"], kind="stable")[columns].reset_index(drop=True)


def cell_studies_for_display(found: pd.DataFrame) -> pd.DataFrame:
    """The studies of an evidence-map cell with readable headers and labels instead of stored codes."""
    return pd.DataFrame(
        {
            "Study": found["study_id"],
            "Year": found["year"],
            "Title": found["title"],
            "Bears on claims": found["claims"],
            "How": found["directions"].map(lambda s: ", ".join(L.label(L.DIRECTION, d) for d in s.split(", "))),
            "Verified": found["verification"].map(lambda x: L.label(L.VERIFICATION, x)),
            "Link": found["link"],
        }
    )


def cell_studies(links: pd.DataFrame, topic: str, design: str) -> pd.DataFrame:
    """The studies behind one cell of the evidence matrix, with the claims they bear on."""
    part = links[(links["topic"] == topic) & (links["design"] == design)]
    return (
        part.groupby(["study_id", "title", "year", "verification"], sort=False)
        .agg(
            claims=("claim_id", lambda s: ", ".join(dict.fromkeys(s))),
            directions=("direction", lambda s: ", ".join(dict.fromkeys(s))),
            link=("link", "first"),
        )
        .reset_index()
    )


def claim_ladder(ds: Dataset, claim_id: str, studies: pd.DataFrame | None = None, evidence: pd.DataFrame | None = None) -> dict[str, int]:
    """How many linked studies sit on each rung of the design ladder for one claim.

    ``evidence`` is :func:`claim_evidence` of the claim when the caller has it already.
    """
    ev = claim_evidence(ds, claim_id, studies) if evidence is None else evidence
    counts = ev[ev["counted"]]["design"].value_counts()  # a study without published results is on no rung
    return {d: int(counts[d]) for d in L.DESIGN_ORDER if d in counts}
