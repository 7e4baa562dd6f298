"""How long one pack takes to make, stage by stage, for each sample profile.

    python benchmarks/pack.py [--runs N]

Prints a table: pages, questions, and median milliseconds for selection, composition and PDF
rendering, plus the one-off cost of loading and validating the bank. The PDF is timed tagged
(as every pack is made: PDF/UA-1) and untagged, in the same run, and the cost of tagging is given
as a ratio; the target is at most +25%. Timings are measured here, not asserted in tests, because
they depend on the machine.
"""

import argparse
import io
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import pypdf

from clinic_prep.choose.selection import select
from clinic_prep.compose.assemble import compose
from clinic_prep.content.bank import load_bank
from clinic_prep.core.resources import content_dir
from clinic_prep.intake.profile_io import build_profile, read_profile_file
from clinic_prep.write.pdf import render_pdf
from clinic_prep.write.render_text import render_text

PROFILES = Path(__file__).resolve().parents[1] / "samples" / "profiles"
TODAY = date(2026, 11, 23)


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="repetitions per profile")
    runs = parser.parse_args().runs

    start = time.perf_counter()
    bank = load_bank(content_dir())
    print(f"bank: {len(bank.questions)} questions loaded and validated in {_ms(start):.0f} ms")

    print(
        f"\n{'profile':32} {'pages':>5} {'qs':>3} {'select':>7} {'compose':>8} "
        f"{'pdf':>7} {'untagged':>8} {'txt':>6} {'total':>7}  (median ms of {runs})"
    )
    totals, tagging_costs = [], []
    for path in sorted(PROFILES.glob("*.yaml")):
        profile = build_profile(read_profile_file(path), {})
        timings: dict[str, list[float]] = {
            "select": [],
            "compose": [],
            "pdf": [],
            "untagged": [],
            "txt": [],
        }
        render_pdf(compose(select(profile, bank, TODAY), profile, bank))  # warm-up, untimed
        for _ in range(runs):
            start = time.perf_counter()
            plan = select(profile, bank, TODAY)
            timings["select"].append(_ms(start))
            start = time.perf_counter()
            pack = compose(plan, profile, bank)
            timings["compose"].append(_ms(start))
            start = time.perf_counter()
            data = render_pdf(pack)
            timings["pdf"].append(_ms(start))
            start = time.perf_counter()
            render_pdf(pack, tagged=False)
            timings["untagged"].append(_ms(start))
            start = time.perf_counter()
            render_text(pack)
            timings["txt"].append(_ms(start))
        median = {stage: statistics.median(values) for stage, values in timings.items()}
        total = median["select"] + median["compose"] + median["pdf"]
        totals.append(total)
        tagging_costs.append(median["pdf"] / median["untagged"] - 1)
        pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
        print(
            f"{path.stem:32} {pages:>5} {len(plan.questions):>3} {median['select']:>7.2f} "
            f"{median['compose']:>8.2f} {median['pdf']:>7.1f} {median['untagged']:>8.1f} "
            f"{median['txt']:>6.2f} "
            f"{total:>7.1f}"
        )
    print(f"\ntypical pack (median over profiles): {statistics.median(totals):.0f} ms")
    print(
        f"tagging (PDF/UA-1) adds {statistics.median(tagging_costs):+.0%} to the PDF's time "
        f"(median over profiles; largest {max(tagging_costs):+.0%}; target at most +25%)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
