"""Shared fixtures: the shipped bank, a profile factory, and PDF readers that see what a
reader sees."""

import io
import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest
from hypothesis import HealthCheck, settings

from clinic_prep.content.bank import load_bank
from clinic_prep.content.model import Bank
from clinic_prep.core.resources import content_dir
from clinic_prep.intake.profile import Profile

# Property-based tests: derandomized (a fixed seed per test) and no example database, so CI is
# never flaky and a failure reproduces everywhere. HYPOTHESIS_PROFILE=deep explores further.
settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "deep", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank(content_dir())


@pytest.fixture
def make_profile() -> Callable[..., Profile]:
    def make(**fields: Any) -> Profile:
        return Profile.model_validate(fields)

    return make


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content, for breaking on purpose."""
    target = tmp_path / "content"
    shutil.copytree(content_dir(), target)
    return target


def pdf_text(data: bytes) -> str:
    """All the text a reader of the PDF would see, page after page, whitespace folded."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split())


def pdf_chars(data: bytes) -> list[dict[str, Any]]:
    """Every character pdfplumber finds, with its font and size."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [char for page in pdf.pages for char in page.chars]


# The longest files go first, so that two workers finish together rather than one waiting on a
# property sweep handed out last.
LONGEST_FIRST = ("test_visit_rules.py", "test_premises.py", "test_batch.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def weight(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=weight)
