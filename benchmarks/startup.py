"""How fast clinic-prep starts, against the floor of the stack it is built on.

    python benchmarks/startup.py [--runs N] [--check]

Measures, each in fresh processes, N turns of all five in a row (times are medians; each
ratio is the median of the ratios within a turn):

- the floor: a script that imports typer, pydantic, jinja2 and reportlab, registers one
  TrueType font and lays out one page: what any tool on this stack pays before doing anything;
- ``clinic-prep --help``, cold;
- one ``clinic-prep generate`` of a PDF pack, cold;
- for reference, not a target: the floor with the stack in use, one pydantic model validated
  and one typer command run. Importing pydantic and typer loads little; their first model and
  their first command line load the rest (pydantic's schema machinery, a validator for every
  option), which any tool using them pays;
- for reference too: that, laying out as many pages as generate's pack has, each a plain
  paragraph, as much text in all as the pack holds (one typeface; no tables, fields or
  tags). What is left between it and generate is clinic-prep's own work: its modules and
  models, the bank, and a richer page;

and prints each as a ratio of the floor, and generate as a ratio of the last reference.
Targets: --help at most 0.5x the floor, generate at most 2.0x: a guard against start-up
creeping back, not a race for milliseconds (the shipped content is read from its YAML and the
templates compiled from their source on every run; nothing generated ships). ``--check``
exits 1 when a ratio is over its target. Nothing is cached on disk between runs except Python's own
bytecode, as for any installed program (written by the first turn even where
PYTHONDONTWRITEBYTECODE is set; see ENVIRONMENT).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

TARGETS = {"clinic-prep --help": 0.5, "clinic-prep generate": 2.0}

# What any tool on this stack does first: import it, register a typeface, set up a style.
IMPORTS = """
import io
import typer, pydantic, jinja2
import fontpkg
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

pdfmetrics.registerFont(TTFont("Body", str(fontpkg.path("Atkinson Hyperlegible", weight=400))))
style = ParagraphStyle("body", fontName="Body", fontSize=12, leading=16)
"""

ONE_PAGE = """
def lay_out() -> None:
    document = SimpleDocTemplate(io.BytesIO(), pagesize=A4)
    document.build([Paragraph("Questions for the clinic visit. " * 40, style)])
"""

# As many pages as generate's pack, and as much text: one plain paragraph a page. The script
# fails unless it made exactly that many pages, so the reference cannot drift from the pack.
SAME_PAGES = """
def lay_out() -> None:
    sentence = "Questions for the clinic visit. "
    text = (sentence * ({per_page} // len(sentence) + 1))[:{per_page}]
    story = []
    for _ in range({pages}):
        story += [Paragraph(text, style), PageBreak()]
    document = SimpleDocTemplate(io.BytesIO(), pagesize=A4)
    document.build(story[:-1])
    assert document.page == {pages}, document.page
"""

FLOOR = IMPORTS + ONE_PAGE + "lay_out()\n"

# The references start as clinic-prep does (clinic_prep.startup): pydantic's plugins off, and
# the garbage collector held until the command runs, which then freezes what is loaded. Left
# plain, a script also pays collections over everything it imported, and again at exit (about
# 50 ms here), which clinic-prep does not: a reference must not be heavier than clinic-prep.
STACK_IN_USE = """
import gc
import os

os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
gc.disable()
{imports}
{lay_out}
from pydantic import BaseModel


class Visit(BaseModel):
    clinic: str
    age: int


app = typer.Typer()


@app.command()
def main(clinic: str = "heart", age: int = 4) -> None:
    gc.freeze()
    gc.enable()
    Visit(clinic=clinic, age=age)
    lay_out()


app(["--clinic", "heart", "--age", "4"], standalone_mode=False)
"""


# As for any installed program, Python's bytecode is kept (pip compiles it when it installs a
# package). A machine may forbid writing it (PYTHONDONTWRITEBYTECODE), and an editable install
# has none of its own: then every run would compile clinic-prep's modules from source while
# the stack's, compiled by pip, load at once. So the first turn may write bytecode here.
ENVIRONMENT = {
    name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
}


def _run(command: list[str], cwd: Path) -> None:
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=ENVIRONMENT)


def _seconds(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    _run(command, cwd)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per measurement")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    options = parser.parse_args()
    python = sys.executable
    # The installed command, as people run it; ``python -m`` (which adds runpy) where the
    # environment has no script.
    script = Path(python).with_name("clinic-prep")
    clinic_prep = [str(script)] if script.exists() else [python, "-m", "clinic_prep"]
    generate = [
        *(*clinic_prep, "generate", "--situation", "newly-diagnosed"),
        *("--clinic", "heart", "--age", "4", "-o", "pack.pdf"),
    ]
    with tempfile.TemporaryDirectory() as folder:
        _run(generate, Path(folder))  # how many pages the reference lays out
        pack = PdfReader(Path(folder, "pack.pdf"))
        pages = len(pack.pages)
        per_page = sum(len(page.extract_text()) for page in pack.pages) // pages
        same_pages = f"  and {pages} plain pages"
        commands = {
            "stack floor": [python, "-c", FLOOR],
            "clinic-prep --help": [*clinic_prep, "--help"],
            "clinic-prep generate": generate,
            "floor, stack in use": [
                *(python, "-c", STACK_IN_USE.format(imports=IMPORTS, lay_out=ONE_PAGE))
            ],
            same_pages: [
                *(python, "-c"),
                STACK_IN_USE.format(
                    imports=IMPORTS, lay_out=SAME_PAGES.format(pages=pages, per_page=per_page)
                ),
            ],
        }
        for command in commands.values():  # once each first, so bytecode is compiled
            _run(command, Path(folder))
            Path(folder, "pack.pdf").unlink(missing_ok=True)
        # In turns (floor, help, generate, reference, floor, ...), so that a machine whose
        # speed drifts during the run weighs on every command alike; each ratio is taken
        # within its turn.
        seconds: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, command in commands.items():
                seconds[name].append(_seconds(command, Path(folder)))
    floors = seconds["stack floor"]
    print(f"{'measure':<22} {'ms':>7} {'x floor':>8} {'target':>7}")
    missed = []
    for name, values in seconds.items():
        target = TARGETS.get(name)
        ratio = statistics.median(
            value / floor for value, floor in zip(values, floors, strict=True)
        )
        verdict = "" if target is None else f"<={target:.1f}" + ("" if ratio <= target else " !")
        if target is not None and ratio > target:
            missed.append(name)
        print(f"{name:<22} {statistics.median(values) * 1000:>7.0f} {ratio:>8.2f} {verdict:>7}")
    beyond = statistics.median(
        value / reference
        for value, reference in zip(
            seconds["clinic-prep generate"], seconds[same_pages], strict=True
        )
    )
    print(f"generate is {beyond:.2f} times the stack in use laying out its {pages} pages")
    if missed and options.check:
        print(f"over target: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
