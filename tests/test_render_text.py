"""The plain-text rendering, for screen readers and braille displays."""

from collections.abc import Callable

from clinic_prep import api
from clinic_prep.profile import Profile
from clinic_prep.vocabulary import OutputFormat

from .conftest import TODAY


def test_text_is_linear_and_short_lined(make_profile: Callable[..., Profile]) -> None:
    profile = make_profile(
        situations=["transition"], age=17, reader="self", own_questions=["x" * 200]
    )
    result = api.build(profile, OutputFormat.TXT, TODAY)
    text = result.data.decode("utf-8")
    assert all(len(line) <= 80 for line in text.splitlines())
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
