"""Curation rules that tie fields and tables together, checked by the validator.

Each rule is a function of the coerced records that adds a :class:`~claimcheck.load.Problem`
to every record that breaks it, with a hint on how to fix it. They sit apart from the
type and reference checks in :mod:`claimcheck.validate` because they encode the
project's method (see the Methods page), not the shape of the files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from . import schema as S
from .load import Problem


class _Record(Protocol):
    values: dict[str, Any]
    line: int | None
    problems: list[Problem]

    @property
    def label(self) -> str: ...


def _a(word: str | None) -> str:
    """'a' or 'an' before a word."""
    return f"{'an' if str(word)[:1] in 'aeiou' else 'a'} {word}"


def _add(rec: _Record, table: str, field: str, message: str) -> None:
    rec.problems.append(Problem(S.table(table).file, rec.line, rec.label, field, message))


def certainty_or_basis(records: Mapping[str, Sequence[_Record]]) -> None:
    """Health claims carry a GRADE-style certainty; regulatory, tradition and study claims a basis instead."""
    for rec in records.get("claims", []):
        kind, verdict = rec.values.get("claim_type"), rec.values.get("verdict")
        certainty, basis = rec.values.get("certainty"), rec.values.get("basis")
        if kind in S.UNGRADED_CLAIM_TYPES:
            if certainty:
                _add(
                    rec,
                    "claims",
                    "certainty",
                    f"{_a(kind)} claim is not graded on the health-evidence scale: remove `certainty` and give `basis` "
                    f"(one of {', '.join(S.BASIS)})",
                )
            if verdict and not basis:
                _add(rec, "claims", "basis", f"{_a(kind)} claim with a verdict needs `basis` (one of {', '.join(S.BASIS)})")
        elif kind in S.GRADED_CLAIM_TYPES:
            if basis:
                _add(
                    rec,
                    "claims",
                    "basis",
                    f"{_a(kind)} claim is graded by `certainty`; `basis` is only for {', '.join(S.UNGRADED_CLAIM_TYPES)} claims",
                )
            if verdict and not certainty:
                _add(rec, "claims", "certainty", f"{_a(kind)} claim with a verdict needs `certainty` (one of {', '.join(S.CERTAINTY)})")


def unpublished_studies_not_counted(records: Mapping[str, Sequence[_Record]]) -> None:
    """A study without published results may be linked to a claim only as `no_bearing`."""
    status = {r.values.get("id"): r.values.get("status") for r in records.get("studies", [])}
    for rec in records.get("claim_studies", []):
        sid, direction = rec.values.get("study_id"), rec.values.get("direction")
        st = status.get(sid)
        if st and st != "published" and direction and direction != "no_bearing":
            _add(
                rec,
                "claim_studies",
                "direction",
                f"study {sid!r} has status {st!r} (no published results), so it cannot {direction.replace('_', ' ')} a claim: "
                "set direction to no_bearing and say in the note what is known",
            )


def assessed_claims_cite_or_record_a_search(records: Mapping[str, Sequence[_Record]]) -> None:
    """An assessed claim about efficacy, a mechanism or a study names its studies, or says what was searched."""
    linked = {r.values.get("claim_id") for r in records.get("claim_studies", [])}
    for rec in records.get("claims", []):
        v = rec.values
        if v.get("claim_type") in S.EVIDENCE_CLAIM_TYPES and v.get("verdict") and v.get("id") not in linked and not v.get("searched"):
            _add(
                rec,
                "claims",
                "searched",
                f"{_a(v.get('claim_type'))} claim with a verdict needs its studies: add a row per study to claim_studies.csv "
                "(claim_id, study_id, direction, note), or, where nothing bears on it, a `searched` note saying what was searched, "
                "where and when",
            )


def assessed_claims_say_why(records: Mapping[str, Sequence[_Record]]) -> None:
    """A claim with a verdict gives at least one reason tag and a rationale in plain words."""
    for rec in records.get("claims", []):
        if not rec.values.get("verdict"):
            continue
        if not rec.values.get("reasons"):
            _add(rec, "claims", "reasons", f"a claim with a verdict needs at least one reason tag (from: {', '.join(S.REASON_TAGS)})")
        if not rec.values.get("rationale"):
            _add(rec, "claims", "rationale", "a claim with a verdict needs a `rationale`: why the verdict, in plain words")


def secondary_sources_say_what_was_seen(records: Mapping[str, Sequence[_Record]]) -> None:
    """A study or figure seen only on a secondary page says what was and was not seen."""
    for table, note in (("studies", "verification_note"), ("harm_figures", "note")):
        for rec in records.get(table, []):
            if rec.values.get("verification") == "secondary_only" and not rec.values.get(note):
                _add(
                    rec,
                    table,
                    note,
                    f"a row with verification: secondary_only needs `{note}`: say which page was seen and what could not be "
                    "checked on the primary record",
                )


def tradition_is_not_evidence_of_efficacy(records: Mapping[str, Sequence[_Record]]) -> None:
    """Traditional use is shown, never counted as evidence that a product works."""
    design = {r.values.get("id"): r.values.get("design") for r in records.get("studies", [])}
    kind = {r.values.get("id"): r.values.get("claim_type") for r in records.get("claims", [])}
    for rec in records.get("claim_studies", []):
        sid, cid, direction = rec.values.get("study_id"), rec.values.get("claim_id"), rec.values.get("direction")
        if design.get(sid) in S.NOT_EVIDENCE_OF_EFFICACY and kind.get(cid) == "efficacy" and direction in ("supports", "partly_supports"):
            _add(
                rec,
                "claim_studies",
                "direction",
                f"study {sid!r} is {design.get(sid)} use, which is never counted as evidence of efficacy, so it cannot "
                f"{direction.replace('_', ' ')} efficacy claim {cid!r}: set direction to no_bearing and say so in the note",
            )


RULES: tuple[Callable[[Mapping[str, Sequence[_Record]]], None], ...] = (
    certainty_or_basis,
    unpublished_studies_not_counted,
    assessed_claims_cite_or_record_a_search,
    assessed_claims_say_why,
    secondary_sources_say_what_was_seen,
    tradition_is_not_evidence_of_efficacy,
)


def apply_rules(records: Mapping[str, Sequence[_Record]]) -> None:
    """Run every curation rule over the coerced records."""
    for rule in RULES:
        rule(records)
