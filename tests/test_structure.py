"""The house rules of lib/: no module uses another's private names, no module over 600 lines, no function over 40
lines of code (docstring excluded), and every per-article stage wired in one place (pipeline.STAGES)."""

import ast
from pathlib import Path

import pytest

import vnmigration

LIB = Path(vnmigration.__file__).parent
MODULES = sorted(LIB.glob("*.py"))
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 600, 40


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_module_uses_another_modules_private_names(path):
    modules = {p.stem for p in MODULES}
    aliases = {}  # "cp" -> "corpus" for "from . import corpus as cp"
    used = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and node.level:
            for alias in node.names:
                if node.module is None and alias.name in modules:
                    aliases[alias.asname or alias.name] = alias.name
                elif alias.name.startswith("_") and not alias.name.startswith("__"):
                    used.append(f"{node.module}.{alias.name}")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr.startswith("_") \
                and not node.attr.startswith("__") and node.value.id in aliases:
            used.append(f"{aliases[node.value.id]}.{node.attr}")
    assert not used, f"{path.name} uses private names of other modules: {used}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_module_is_over_600_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


def _code_lines(node: ast.FunctionDef) -> int:
    """A function's lines from its first statement after the docstring to its end."""
    body = node.body
    first = body[1] if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
        else body[0]
    return node.end_lineno - first.lineno + 1


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_function_is_over_40_lines_of_code(path):
    long = [(n.name, _code_lines(n)) for n in ast.walk(_tree(path))
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and _code_lines(n) > MAX_FUNCTION_LINES]
    assert not long, f"{path.name}: {long}"


def test_the_per_article_stages_are_chained_in_the_pipeline_alone():
    """No module but pipeline.py calls two or more of the stage functions defined elsewhere: chaining the stages
    (the wiring) happens in `pipeline.STAGES` only; one stage reused inside another (mentions of titles) is no
    wiring."""
    from vnmigration.pipeline import STAGES

    stages = {stage.run.__name__ for stage in STAGES} - {"_quotes"} | {"extract_quotes"}
    wired = {}
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        called = {node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                  for node in ast.walk(_tree(path))
                  if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)}
        foreign = {name for name in called & stages if f"def {name}(" not in text}
        if path.name != "pipeline.py" and len(foreign) > 1:
            wired[path.name] = sorted(foreign)
    assert wired == {}
