"""One self-contained, semantic HTML page of a Pack, for screen readers and braille displays.

Headings in order, real checkboxes and labelled answer boxes, record sheets as data tables
with header cells, no layout tables, nothing in colour alone, and readable with CSS off.
"""

from clinic_prep.pack import Pack
from clinic_prep.review import ReviewSheet
from clinic_prep.templating import render

HTML_TEMPLATE = "pack.html.j2"


def render_html(pack: Pack) -> str:
    """The whole pack as one HTML document (UTF-8, no external files)."""
    return render(HTML_TEMPLATE, pack=pack)


REVIEW_PRIORITY_WORDS = {1: "1 (ask first)", 2: "2 (important)", 3: "3 (if there is time)"}


def render_review_html(sheet: ReviewSheet) -> str:
    """The review sheet as one HTML page, with a sign-off form per topic."""
    return render("review.html.j2", sheet=sheet, priority_words=REVIEW_PRIORITY_WORDS)
