"""Every kind of pack we print, once, for every test that renders them all: the sample
profiles, a nurse's handouts (standard, Letter, large print with a form), and names in Greek
and Cyrillic on Letter paper."""

from clinic_prep import api
from clinic_prep.core.vocabulary import Paper
from clinic_prep.intake.clinic_info import load_clinic_info
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_io import build_profile, read_profile_file

from .conftest import ROOT

PROFILES = sorted((ROOT / "samples" / "profiles").glob("*.yaml"))
CLINIC = ROOT / "samples" / "clinic" / "clinic.yaml"
GREEK_AND_CYRILLIC = "Αλέξης Жанна"

Case = tuple[str, Profile, api.RunSettings]


def pack_cases() -> list[Case]:
    found: list[Case] = [
        (p.stem, build_profile(read_profile_file(p), {}), api.RunSettings()) for p in PROFILES
    ]
    large = ROOT / "samples" / "profiles" / "large-print-fillable.yaml"
    overrides = {"first_name": GREEK_AND_CYRILLIC, "paper": "letter"}
    found.append(
        (
            "greek-cyrillic-letter",
            build_profile(read_profile_file(large), overrides),
            api.RunSettings(),
        )
    )
    clinic, overlays = load_clinic_info(CLINIC)
    handout = api.RunSettings(clinic, overlays, handout=True)
    for situation in ("awaiting-result", "newly-diagnosed"):
        plain = Profile.model_validate({"situations": [situation], "clinics": ["genetics"]})
        found.append((f"handout-{situation}", plain, handout))
    # On Letter the test results sheet of a handout (every check, as the age is not known)
    # runs onto a second page and repeats its header row there.
    awaiting = Profile.model_validate({"situations": ["awaiting-result"], "clinics": ["genetics"]})
    found.append(("handout-letter", awaiting.model_copy(update={"paper": Paper.LETTER}), handout))
    large_form = Profile.model_validate(
        {
            "clinics": ["heart"],
            "situations": ["newly-diagnosed"],
            "large_print": True,
            "fillable": True,
        }
    )
    found.append(("handout-large-fillable", large_form, handout))
    return found
