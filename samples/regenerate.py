"""Regenerate the sample packs from the sample profiles.

    python samples/regenerate.py

Each profile in samples/profiles/ gives a PDF, a plain-text and a JSON rendering in
samples/packs/. The date is fixed, so the output only changes when the code or content does;
tests/test_samples.py fails when the committed packs are stale.
"""

import sys
from datetime import date
from pathlib import Path

from clinic_prep import api
from clinic_prep.output import write_atomic
from clinic_prep.profile_io import build_profile, read_profile_file
from clinic_prep.vocabulary import OutputFormat

SAMPLES = Path(__file__).resolve().parent
PROFILES = SAMPLES / "profiles"
PACKS = SAMPLES / "packs"
FIXED_TODAY = date(2026, 11, 23)


def build_samples() -> dict[str, bytes]:
    """File name -> content for every sample output."""
    outputs = {}
    for profile_path in sorted(PROFILES.glob("*.yaml")):
        profile = build_profile(read_profile_file(profile_path), {})
        for fmt in OutputFormat:
            result = api.build(profile, fmt, FIXED_TODAY)
            outputs[f"{profile_path.stem}.{fmt.value}"] = result.data
    return outputs


def main() -> int:
    PACKS.mkdir(exist_ok=True)
    for name, data in build_samples().items():
        write_atomic(PACKS / name, data, overwrite=True)
        print(f"wrote samples/packs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
