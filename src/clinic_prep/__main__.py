"""Allow ``python -m clinic_prep``."""

from clinic_prep.cli import run

run()
