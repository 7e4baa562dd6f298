"""Batch throughput, per-pack time, peak memory, and what the batch adds to writing the PDFs.

    python benchmarks/batch.py [--sizes 200 2000] [--jobs 1 2]

For each size N it writes a realistic spreadsheet of N families (situations, clinics, ages,
readers, print options varied by a fixed seed), then runs the batch in a fresh process for each
--jobs value and reports packs per second, milliseconds per pack and peak memory (resident set
of the main process and of the largest worker). It also writes the very same packs' PDFs in
one process with the PDF writer alone (clinic-prep's own layout, tagging and form fields, on
reportlab; reading, selection and composition done beforehand, outside the timing) to give
what the rest of a batch adds (spreadsheet reading, validation, selection, composition,
workers, files) as a ratio of that. Prints a Markdown table for the README.
"""

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

SITUATIONS = [
    "suspected",
    "awaiting-result",
    "newly-diagnosed",
    "result-received",
    "siblings",
    "pregnancy-planning",
    "annual-review",
    "transition",
    "hospital-stay",
]
CLINICS = [
    "genetics",
    "eyes",
    "hearing",
    "heart",
    "diabetes-endocrine",
    "liver",
    "kidney",
    "lungs",
    "multidisciplinary",
    "primary-care",
    "psychology",
    "dietetics",
    "emergency",
]
SYSTEMS = [
    "vision",
    "hearing",
    "heart",
    "weight-metabolism",
    "diabetes",
    "liver",
    "kidney",
    "bladder",
    "lungs",
    "hormones-growth",
    "spine-bones",
    "development-learning",
]
NAMES = ["Sam", "Amara", "Łukasz", "Αλέξης", "Жанна", "Nguyễn", "İpek", "Zoë", "", ""]


def write_spreadsheet(path: Path, count: int) -> None:
    rng = random.Random(2026)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
                "family_id",
                "situations",
                "clinics",
                "age",
                "involves",
                "reader",
                "first_name",
                "visit_date",
                "large_print",
            ]
        )
        for number in range(count):
            age = rng.randint(0, 45)
            writer.writerow(
                [
                    f"F-{number:05d}",
                    "; ".join(rng.sample(SITUATIONS, rng.randint(1, 2))),
                    "; ".join(rng.sample(CLINICS, rng.randint(1, 3))),
                    age,
                    "; ".join(rng.sample(SYSTEMS, rng.randint(0, 4))),
                    "self" if age >= 16 and rng.random() < 0.5 else "parent",
                    rng.choice(NAMES),
                    f"2027-0{rng.randint(1, 9)}-{rng.randint(10, 28)}",
                    "yes" if rng.random() < 0.1 else "no",
                ]
            )


# Runs in a fresh process, so memory and start-up are measured honestly.
BATCH_CHILD = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
from clinic_prep.batch import run_batch
start = time.perf_counter()
report = run_batch(Path(sys.argv[1]), Path(sys.argv[2]), today=date(2026, 11, 23),
                   jobs=int(sys.argv[3]))
seconds = time.perf_counter() - start
pages = sum(p.pages for p in report.packs)
print(json.dumps({"seconds": seconds, "packs": len(report.packs), "pages": pages,
                  "errors": len(report.errors),
                  "main_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "worker_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""

BASELINE_CHILD = """
import json, sys, time
from datetime import date
from pathlib import Path
from clinic_prep import api
from clinic_prep.batch_folder import profile_for
from clinic_prep.compose.assemble import compose
from clinic_prep.write.pdf import render_pdf
from clinic_prep.choose.selection import select
from clinic_prep.intake.spreadsheet import read_rows
bank = api.default_bank()
packs = []
for row in read_rows(Path(sys.argv[1])):
    profile = profile_for(row)
    packs.append(compose(select(profile, bank, date(2026, 11, 23)), profile, bank))
render_pdf(packs[0])  # fonts registered before timing, as in the batch workers
start = time.perf_counter()
for pack in packs:
    render_pdf(pack)
print(json.dumps({"seconds": time.perf_counter() - start, "packs": len(packs)}))
"""


def run_child(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    options = parser.parse_args()

    print(
        "| families | jobs | packs/s | ms/pack | pages/pack | peak memory, main | "
        "peak memory, largest worker | PDF writer alone, ms/pack | the rest of the batch "
        "(jobs 1) | speed-up over jobs 1 |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        for size in options.sizes:
            sheet = work / f"families-{size}.csv"
            write_spreadsheet(sheet, size)
            baseline = run_child(BASELINE_CHILD, str(sheet))
            baseline_ms = baseline["seconds"] * 1000 / baseline["packs"]
            single_rate = None
            for jobs in options.jobs:
                out = work / f"out-{size}-{jobs}"
                result = run_child(BATCH_CHILD, str(sheet), str(out), str(jobs))
                ms = result["seconds"] * 1000 / result["packs"]
                rate = result["packs"] / result["seconds"]
                # Overhead is measured on one process, where wall time is our time plus
                # reportlab's; with more jobs the time is shared between cores.
                overhead = f"{(ms - baseline_ms) / baseline_ms:+.0%}" if jobs == 1 else ""
                single_rate = rate if jobs == 1 else single_rate
                speedup = f"{rate / single_rate:.2f}x" if jobs > 1 and single_rate else ""
                worker = f"{result['worker_kib'] / 1024:.0f} MiB" if jobs > 1 else "(none)"
                print(
                    f"| {size:,} | {jobs} | {rate:.1f} | {ms:.1f} | "
                    f"{result['pages'] / result['packs']:.1f} | "
                    f"{result['main_kib'] / 1024:.0f} MiB | {worker} | {baseline_ms:.1f} | "
                    f"{overhead} | {speedup} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
