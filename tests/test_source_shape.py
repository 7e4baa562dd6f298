"""The source stays easy to take over: no module over 400 lines, no function over 60, and the
stages as packages (their imports run downhill: `lint-imports`, in CI)."""

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "clinic_prep"
MODULES = sorted(SOURCE.rglob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
STAGES = ("core", "content", "intake", "choose", "compose", "write", "cli")


@pytest.mark.parametrize("module", MODULES, ids=lambda path: str(path.relative_to(SOURCE)))
def test_modules_and_functions_stay_short(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long


def test_the_tree_shows_the_stages() -> None:
    assert all((SOURCE / stage / "__init__.py").is_file() for stage in STAGES)
    loose = {path.stem for path in SOURCE.glob("*.py")}
    # Only the entry points and what runs across stages stay at the top.
    assert loose <= {"__init__", "__main__", "api", "batch", "batch_folder", "startup"}
