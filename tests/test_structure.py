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
