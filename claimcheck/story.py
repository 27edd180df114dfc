"""The presenter's story: eight to twelve steps through the findings, built from the data.

Each step asks one question, answers it in a few sentences computed from the
curated tables, and carries one figure. Nothing here is written for one topic:
the numbers, names and examples all come from the dataset.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from . import charts as C
from . import domain as D
from . import labels as L
from .charts.common import empty as empty_chart
from .views import Views

ANIMAL_OR_CELL = {"animal", "in_vitro"}


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    sentences: tuple[str, ...]
    figure: go.Figure
    sources: str


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


SPOTLIGHT_CHARS = 100  # the longest quote or reason a spotlight slide shows whole (a 1280x720 slide, every claim checked)


def _cut(text: str, limit: int) -> str:
    """``text`` whole if it fits, else cut at a word boundary and marked with "…" (a quote stays verbatim up to the cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(" ,;:") + " …"


def _n(n: int, one: str, many: str) -> str:
    """A count with its verb agreeing: "1 has", "3 have"."""
    return f"{n} {one if n == 1 else many}"


def _be(n: int) -> str:
    return "is" if n == 1 else "are"


# What places of each legal status do, as a sentence says it (singular, plural).
STATUS_VERBS = {
    "banned": ("bans it", "ban it"),
    "restricted": ("restricts it", "restrict it"),
    "regulated": ("regulates its sale", "regulate its sale"),
    "unregulated": ("has no specific law", "have no specific law"),
    "unclear": ("is unclear", "are unclear"),
}


def _statuses(statuses: pd.Series) -> str:
    """Every status among ``statuses`` with its count, in the ladder's order: "7 ban it, 1 restricts it and 23 … "."""
    counts = statuses.value_counts()
    parts = [_n(int(counts[code]), *verbs) for code, verbs in STATUS_VERBS.items() if counts.get(code, 0)]
    parts += [f"{int(n)} {'is' if n == 1 else 'are'} {code}" for code, n in counts.items() if code not in STATUS_VERBS]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def hype_gap_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims whose wording is surer than their evidence (below the diagonal of the overview chart)."""
    rated = claims.dropna(subset=["certainty_rank", "assertiveness_rank"])
    return rated[rated["certainty_rank"] < rated["assertiveness_rank"] - 1]


def animal_or_cell_only(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims whose supporting studies are all animal or cell studies."""
    return claims.loc[claims["backing_designs"].apply(lambda d: bool(d) and set(d) <= ANIMAL_OR_CELL).astype(bool)]


def _hedged_sentence(n: int) -> str:
    """How many claims are hedged, in a sentence that agrees with its number."""
    if n == 0:
        return "None is hedged with words like “may” or “some users report”."
    return f"Only {n} {'is' if n == 1 else 'are'} hedged with words like “may” or “some users report”."


def story(v: Views, today: dt.date, spotlight: str | None = None) -> list[Step]:
    """The steps of the presentation, optionally opening on one claim (``spotlight``), from the shared derived tables."""
    ds, claims, mentions, figures = v.ds, v.claims, v.harm_mentions, v.figures
    subject = ds.meta["subject"]
    n_articles = len(ds["articles"])
    steps: list[Step] = []
    ledger = "Claims ledger: verbatim quotes from the articles, with verdicts from the studies table."

    if spotlight is not None and spotlight in set(claims["id"]):
        c = claims.set_index("id").loc[spotlight]
        title = f"Where {spotlight} sits: how sure it sounds against how sure the evidence is"
        graded = pd.notna(c["certainty_rank"]) and pd.notna(c["assertiveness_rank"])
        reason = str(c["rationale"]).split(". ")[0].rstrip(".") + "." if isinstance(c["rationale"], str) else ""
        steps.append(
            Step(
                "spotlight",
                f"One claim: {spotlight}",
                (
                    # beside its chart a 1280x720 slide holds about 11 lines of text: long texts are cut, marked …
                    f"“{_cut(str(c['first_quote']), SPOTLIGHT_CHARS)}”",
                    f"Verdict: {c['verdict_label']}. Certainty of the human evidence: {c['certainty_label']}.",
                    _cut(reason, SPOTLIGHT_CHARS),
                ),
                C.hype_gap(claims[claims["id"] == spotlight], title=title)
                if graded
                else empty_chart(title, f"{spotlight} is not graded for certainty, so it has no place on this chart."),
                ledger,
            )
        )

    by_type = claims["claim_type"].value_counts()
    steps.append(
        Step(
            "promise",
            "What do the articles promise?",
            (
                f"{_plural(n_articles, 'article')} about {subject} make {_plural(len(claims), 'checkable claim')}.",
                f"{int(by_type.get('efficacy', 0))} are about whether it works, {int(by_type.get('safety', 0))} about how safe it is, "
                f"{int(by_type.get('mechanism', 0))} about how it works.",
            ),
            C.claims_by_article(D.claims_by_article(claims, ds["articles"])),
            "Claims ledger built from the articles' text.",
        )
    )

    assertive = claims["assertiveness"].value_counts()
    strong = int(assertive.get("confident", 0) + assertive.get("absolute", 0))
    steps.append(
        Step(
            "sound",
            "How sure do they sound?",
            (
                f"{strong} of {len(claims)} claims are stated as plain fact or in absolute terms.",
                _hedged_sentence(int(assertive.get("hedged", 0))),
            ),
            C.count_bars(
                pd.DataFrame([{"key": k, "label": lab, "n": int(assertive.get(k, 0))} for k, lab in L.ASSERTIVENESS.items()]),
                "How sure does the wording sound?",
            ),
            ledger,
        )
    )

    verdicts = claims["verdict"].value_counts()
    vc = pd.DataFrame([{"key": k, "label": L.VERDICT[k], "n": int(verdicts.get(k, 0))} for k in L.VERDICT if k])
    steps.append(
        Step(
            "evidence",
            "What does the evidence say?",
            (
                f"{_plural(int(verdicts.get('supported', 0)), 'claim')} {_be(int(verdicts.get('supported', 0)))} supported "
                f"and {int(verdicts.get('partly_supported', 0))} partly supported.",
                f"{_n(int(verdicts.get('insufficient', 0)), 'has', 'have')} too little evidence to judge; "
                f"{_n(int(verdicts.get('not_supported', 0) + verdicts.get('contradicted', 0)), 'is', 'are')} not supported or contradicted.",
            ),
            C.count_bars(vc, "How do the claims stand against the evidence?", L.VERDICT_COLOUR, L.VERDICT_ICON),
            ledger,
        )
    )

    gap = hype_gap_claims(claims)
    steps.append(
        Step(
            "gap",
            "Where is the hype gap?",
            (
                f"{_plural(len(gap), 'claim')} sound{'s' if len(gap) == 1 else ''} surer than the evidence behind {'it' if len(gap) == 1 else 'them'}: "
                "they sit in the shaded area below the line.",
                "The line is where wording would match evidence: absolute words need high-certainty evidence.",
            ),
            C.hype_gap(claims),
            ledger,
        )
    )

    only_lab = animal_or_cell_only(claims)
    examples = ", ".join(only_lab["id"].head(4))
    steps.append(
        Step(
            "animal",
            "How much of it is only animal or cell data?",
            (
                f"{_plural(len(only_lab), 'claim')} rest{'s' if len(only_lab) == 1 else ''} only on animal or cell studies"
                + (f" (for example {examples})." if examples else "."),
                "A result in mice or in a dish can explain a mechanism; it cannot show that a product helps people.",
            ),
            C.design_ladder(D.design_ladder(v.studies)),
            "Studies table: the design of every study used.",
        )
    )

    best = C.best_tier_by_topic(v.links, ds["topics"])["best"]
    without_trials = int((best != C.EVIDENCE_TIERS[0][0]).sum())
    # the animal and cell tier and anything weaker (product tests, reports, tradition), or no study at all
    weak = int(best.isin([t for t, _, _ in C.EVIDENCE_TIERS[2:]] + [C.NO_STUDY]).sum())
    steps.append(
        Step(
            "map",
            "Where are the gaps in the evidence?",
            (
                f"{without_trials} of {_plural(len(best), 'topic')} the articles talk about {'has' if without_trials == 1 else 'have'} "
                "no trial or review in people behind them.",
                f"For {weak} of them the strongest study linked to their claims, whatever it found, is an animal or cell study "
                "or something weaker, or there is no published study at all.",
                "The Evidence page maps every topic against every kind of study.",
            ),
            C.best_evidence_by_topic(v.links, ds["topics"]),
            "Claim-study links and the studies table.",
        )
    )

    unwarned = D.unwarned_serious_harms(mentions)
    steps.append(
        Step(
            "harms",
            "Which harms do they leave out?",
            (
                f"{_plural(len(unwarned), 'serious harm')} that studies and surveillance report {'is' if len(unwarned) == 1 else 'are'} never warned about by any article"
                + (f", among them {', '.join(unwarned['harm'].head(3).str.lower())}." if len(unwarned) else "."),
                "Some articles mention a harm only to deny it; that is not counted as a warning.",
            ),
            C.warnings_by_severity(mentions, n_articles),
            "Harms table with verbatim quotes from the articles.",
        )
    )

    yearly = D.yearly_counts(figures)
    if not yearly.empty:
        main = yearly.groupby("source_label")["year"].count().idxmax()
        series = yearly[yearly["source_label"] == main].sort_values("year")
        first, last = series.iloc[0], series.iloc[-1]
        steps.append(
            Step(
                "reports",
                "How often are harms reported?",
                (
                    f"{main}: {first['value']:,.0f} poison-centre reports in {first['year']}"
                    + (f", {last['value']:,.0f} in {last['year']}." if last["year"] != first["year"] else "."),
                    "Calls to poison centres count reports, not users: a rise can mean more use, more awareness or more reporting.",
                ),
                C.counts_by_year(yearly),
                "; ".join(dict.fromkeys(yearly["source_label"])),
            )
        )

    legality = ds["legality"]
    if not legality.empty:
        status = D.status_as_of(legality, today, next(iter(ds.meta["legal_scopes"]), None))
        world = status[status["level"].isin(["country", "federal"])]
        banned = int((world["status"] == "banned").sum())
        steps.append(
            Step(
                "world",
                "Where is it legal?",
                (
                    f"Of the {_plural(len(world), 'country', 'countries')} in the table, {_n(banned, 'bans', 'ban')} it.",
                    "Blank countries have no entry: no source was found, which does not mean it is legal there. This is not legal advice.",
                ),
                C.legal_map(world, "world", f"Legal status, countries, as of {today:%d %b %Y}", today=today),
                "Legality table, each status with the page where it was seen.",
            )
        )
        us = status[status["level"] == "state"]
        if not us.empty:
            steps.append(
                Step(
                    "us",
                    "And in the United States?",
                    (
                        f"Of the {_plural(len(us), 'state-level entry', 'state-level entries')} in the table, {_statuses(us['status'])}.",
                        "Stars mark states with city or county rules.",
                    ),
                    C.legal_map(
                        us, "us", f"Legal status, US states, as of {today:%d %b %Y}", local=D.local_rules_by_state(status), today=today
                    ),
                    "Legality table, each status with the page where it was seen.",
                )
            )
    # Each slide's picture carries its sources inside it, so a screenshot or an exported PNG keeps them.
    return [replace(s, figure=C.with_caveats(s.figure, s.sources)) for s in steps]
