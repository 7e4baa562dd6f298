"""How many pages large print takes against standard print, for every sample and handout.

    python benchmarks/pages.py [--detail]

For each sample profile (samples/profiles/) and the two clinic handouts, on A4 and Letter,
plain and fillable: the standard pack's pages, the large-print pack's pages and their ratio
(the target is at most 1.5, tests/write/test_layout.py). With ``--detail``, the pages each kind of
section takes (cover, what we know, questions, where next, record sheets) in both prints, so
the kinds that grow most can be found. A page two sections share counts for the later one.
"""

import argparse
import io
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pdfplumber

from clinic_prep import api
from clinic_prep.compose.pack import Pack
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.clinic_info import load_clinic_info
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_io import build_profile, read_profile_file
from clinic_prep.write.pdf.page import Typography

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TODAY = date(2026, 11, 23)
TARGET = 1.5


def cases() -> list[tuple[str, Profile, api.RunSettings]]:
    found = [
        (path.stem, build_profile(read_profile_file(path), {}), api.RunSettings())
        for path in sorted((SAMPLES / "profiles").glob("*.yaml"))
    ]
    clinic, overlays = load_clinic_info(SAMPLES / "clinic" / "clinic.yaml")
    for situation in ("awaiting-result", "newly-diagnosed"):
        profile = Profile.model_validate({"situations": [situation], "clinics": ["genetics"]})
        found.append((f"handout-{situation}", profile, api.RunSettings(clinic, overlays, True)))
    return found


def kind(pack: Pack, index: int) -> str:
    section = pack.sections[index]
    return f"sheet:{section.id}" if section.record_sheet else section.id


def pages_by_kind(result: api.Result, title_size: float) -> Counter[str]:
    """Pages per kind of section, found by where each section's title (the largest type) is
    printed."""
    sections = result.pack.sections
    starts: list[int] = []
    with pdfplumber.open(io.BytesIO(result.data)) as pdf:
        for number, page in enumerate(pdf.pages):
            big = [c for c in page.chars if c["size"] >= title_size - 0.5]
            rows: dict[int, str] = {}
            for char in big:
                rows[round(char["top"])] = rows.get(round(char["top"]), "") + char["text"]
            for text in rows.values():
                # The next section's title, or its first line when the title wraps.
                wanted = sections[len(starts)].title if len(starts) < len(sections) else ""
                if text.strip() and wanted.startswith(text.strip()):
                    starts.append(number)
        total = len(pdf.pages)
    counts: Counter[str] = Counter()
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else total
        counts[kind(result.pack, index)] += end - start
    return counts


def build(
    profile: Profile, settings: api.RunSettings, paper: str, large: bool, fill: bool
) -> api.Result:
    # Validated afresh, as from the command line: large print brings its communication need.
    fields = profile.model_dump(mode="json", exclude_none=True)
    chosen = Profile.model_validate(
        {**fields, "paper": paper, "large_print": large, "fillable": fill}
    )
    return api.build(chosen, OutputFormat.PDF, TODAY, settings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", action="store_true", help="pages per kind of section")
    args = parser.parse_args()
    kinds = ("cover", "what-we-know", "questions", "where-next", "sheets")
    print(f"{'case':34} {'paper':6} {'fill':4} {'std':>4} {'large':>5} {'ratio':>5}")
    worst = (0.0, "")
    for name, profile, settings in cases():
        for paper in ("a4", "letter"):
            for fill in (False, True):
                standard = build(profile, settings, paper, False, fill)
                large = build(profile, settings, paper, True, fill)
                ratio = large.pages / standard.pages
                flag = "  over" if ratio > TARGET + 1e-9 else ""
                print(
                    f"{name:34} {paper:6} {'yes' if fill else 'no':4} "
                    f"{standard.pages:4} {large.pages:5} {ratio:5.2f}{flag}"
                )
                worst = max(worst, (ratio, f"{name}, {paper}, fillable={fill}"))
                if args.detail:
                    std = pages_by_kind(standard, Typography().h1)
                    big = pages_by_kind(large, Typography.large_print().h1)
                    for counts in (std, big):
                        counts["sheets"] = sum(v for k, v in counts.items() if k[:6] == "sheet:")
                    parts = [f"{k} {std[k]}->{big[k]}" for k in kinds if std[k] or big[k]]
                    grown = [
                        f"{k[6:]} {std[k]}->{big[k]}"
                        for k in sorted(set(std) | set(big))
                        if k[:6] == "sheet:" and big[k] > std[k]
                    ]
                    print("    " + ", ".join(parts) + (f" ({', '.join(grown)})" if grown else ""))
    print(f"worst: {worst[0]:.2f} ({worst[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
