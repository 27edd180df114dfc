"""Make a synthetic copy of a data folder N times larger, still valid against the schema.

    python bench/synthetic.py 10 /tmp/data-x10

Claims, studies, links, harms, figures and legal rows are repeated with new ids
(quotes stay verbatim, so they still validate); legal copies become extra local
rules under new codes so no periods overlap. For benchmarks only: the copies
are labelled synthetic and say nothing true.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.codes import US_STATES  # noqa: E402


def _load_yaml(path: Path) -> list[dict]:
    # a safe loader (libyaml's when present): plain data only
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []  # noqa: S506


def _dump_yaml(path: Path, records: list[dict]) -> None:
    path.write_text(
        yaml.dump(records, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def _csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        w.writerows(rows)


def make(source: Path, dest: Path, factor: int) -> Path:
    """Write a copy of ``source`` into ``dest`` with every growable table ``factor`` times larger."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest)
    sfx = lambda k: "" if k == 0 else f"-x{k}"  # noqa: E731

    claims = _load_yaml(source / "claims.yaml")
    studies = _load_yaml(source / "studies.yaml")
    harms = _load_yaml(source / "harms.yaml")
    out_claims, out_studies, out_harms = [], [], []
    for k in range(factor):
        for c in claims:
            c2 = dict(c, id=c["id"] + sfx(k))
            if "harms" in c2:
                c2["harms"] = [h + sfx(k) for h in c2["harms"]]
            out_claims.append(c2)
        out_studies += [dict(s, id=s["id"] + sfx(k)) for s in studies]
        out_harms += [dict(h, id=h["id"] + sfx(k)) for h in harms]
    _dump_yaml(dest / "claims.yaml", out_claims)
    _dump_yaml(dest / "studies.yaml", out_studies)
    _dump_yaml(dest / "harms.yaml", out_harms)

    header, links = _csv(source / "claim_studies.csv")
    _write_csv(
        dest / "claim_studies.csv",
        header,
        [dict(r, claim_id=r["claim_id"] + sfx(k), study_id=r["study_id"] + sfx(k)) for k in range(factor) for r in links],
    )
    header, figs = _csv(source / "harm_figures.csv")
    _write_csv(
        dest / "harm_figures.csv",
        header,
        [dict(r, id=r["id"] + sfx(k), harm_id=r["harm_id"] + sfx(k)) for k in range(factor) for r in figs],
    )

    header, legal = _csv(source / "legality.csv")
    states = sorted(US_STATES)
    rows = list(legal)
    for k in range(1, factor):
        for i, r in enumerate(legal):
            st = states[(i + k) % len(states)]
            rows.append(
                dict(r, id=f"{r['id']}{sfx(k)}", code=f"US-{st}:synthetic-{k}-{i}", name=f"Synthetic place {k}-{i}, {st}", level="local")
            )
    _write_csv(dest / "legality.csv", header, rows)
    return dest


if __name__ == "__main__":
    factor, out = int(sys.argv[1]), Path(sys.argv[2])
    make(ROOT / "data", out, factor)
    print(f"wrote {out} ({factor}x)")
