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
                    f"a {kind} claim is not graded on the health-evidence scale: remove `certainty` and give `basis` "
                    f"(one of {', '.join(S.BASIS)})",
                )
            if verdict and not basis:
                _add(rec, "claims", "basis", f"a {kind} claim with a verdict needs `basis` (one of {', '.join(S.BASIS)})")
        elif kind in S.GRADED_CLAIM_TYPES:
            if basis:
                _add(
                    rec,
                    "claims",
                    "basis",
                    f"a {kind} claim is graded by `certainty`; `basis` is only for {', '.join(S.UNGRADED_CLAIM_TYPES)} claims",
                )
            if verdict and not certainty:
                _add(rec, "claims", "certainty", f"a {kind} claim with a verdict needs `certainty` (one of {', '.join(S.CERTAINTY)})")


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


RULES: tuple[Callable[[Mapping[str, Sequence[_Record]]], None], ...] = (certainty_or_basis, unpublished_studies_not_counted)


def apply_rules(records: Mapping[str, Sequence[_Record]]) -> None:
    """Run every curation rule over the coerced records."""
    for rule in RULES:
        rule(records)
