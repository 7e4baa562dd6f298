"""The plain-text rendering, for screen readers and braille displays."""

import re
from collections.abc import Callable

from clinic_prep import api
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.profile import Profile
from tests.conftest import TODAY


def test_text_is_linear_and_short_lined(make_profile: Callable[..., Profile]) -> None:
    profile = make_profile(
        situations=["transition"], age=17, reader="self", own_questions=["x" * 200]
    )
    result = api.build(profile, OutputFormat.TXT, TODAY)
    text = result.data.decode("utf-8")
    # At most 80 characters, but for a web address, never broken: it has a line of its own.
    long = [line for line in text.splitlines() if len(line) > 80]
    assert all(re.fullmatch(r"https?://\S+", line) for line in long), long
    assert "Section: Questions for the visit" in text
    assert "Record sheet: Medicines" in text
    for question in result.plan.questions:
        assert f"{question.text.split()[0]}" in text
    flat = " ".join(text.split())
    for question in result.plan.questions:
        assert question.text in flat, question.id


def test_text_has_no_decorative_characters(make_profile: Callable[..., Profile]) -> None:
    text = api.build(make_profile(situations=["siblings"]), OutputFormat.TXT, TODAY).data.decode()
    assert not set(text) & set("■□☐•─━═|*#")


def test_what_we_know_follows_the_genetic_result(make_profile: Callable[..., Profile]) -> None:
    """A confirmed result gets no box about results that are not clear yet; an uncertain,
    one-change or none-found result, or one not described, does."""

    def text(**fields: object) -> str:
        profile = make_profile(situations=["result-received"], **fields)
        return api.build(profile, OutputFormat.TXT, TODAY).data.decode("utf-8")

    box = "When the result is not clear yet"
    assert box not in text(genetic_result="confirmed")
    assert "Making sense of the result" in text(genetic_result="confirmed")
    for result in ("uncertain", "one-change", "none-found"):
        assert box in text(genetic_result=result), result
    assert box in text()
