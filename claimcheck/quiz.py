"""The classroom quiz: which claims to ask, and how a student scored. No state is kept here."""

from __future__ import annotations

from dataclasses import dataclass


def quiz_ids(param: object, allowed: list[str]) -> list[str]:
    """Claim ids fixed by a teacher in the URL (``quiz=C001,C036``), in order, unknown ids dropped."""
    if not isinstance(param, str):
        return []
    out: list[str] = []
    for part in param.split(","):
        part = part.strip()
        if part in allowed and part not in out:
            out.append(part)
    return out


@dataclass(frozen=True)
class Answer:
    verdict: str
    certainty: str | None
    right_verdict: bool
    right_certainty: bool | None


def mark(verdict_guess: str, certainty_guess: str | None, verdict: str, certainty: str | None) -> Answer:
    """Mark one answer against the curated verdict (and certainty, when the student gave one)."""
    right_c = None if certainty_guess is None else certainty_guess == certainty
    return Answer(verdict_guess, certainty_guess, verdict_guess == verdict, right_c)


def score(answers: dict[str, Answer]) -> dict[str, int]:
    """Running score for a session."""
    return {
        "answered": len(answers),
        "right": sum(a.right_verdict for a in answers.values()),
        "certainty_answered": sum(a.right_certainty is not None for a in answers.values()),
        "certainty_right": sum(bool(a.right_certainty) for a in answers.values()),
    }
