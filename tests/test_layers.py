"""The package's layers import only what their docstrings allow, and never Pelican.

``newsarchive/__init__.py`` states the flow: ``content`` imports no other layer;
``ingest`` and ``site`` import ``content``; ``search`` imports ``content`` and ``site``.
A module that reaches across (the site model importing ingest, content importing the
search tokenizer) breaks the picture a newcomer reads the code by, so it fails here,
naming the file, the line and the import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "newsarchive"
LAYERS = ("content", "ingest", "site", "search")
ALLOWED = {
    "content": {"content"},
    "ingest": {"ingest", "content"},
    "site": {"site", "content"},
    "search": {"search", "content", "site"},
}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every absolute module a file imports, anywhere in it (functions included)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            if node.module == "newsarchive":
                found.extend((node.lineno, f"newsarchive.{alias.name}") for alias in node.names)
    return found


def crossings(path: Path, layer: str, root: Path = PACKAGE.parent) -> list[str]:
    """The imports of one file its layer may not make, as ``file:line: imports module``."""
    wrong = []
    for line, module in imported_modules(path):
        parts = module.split(".")
        across = parts[0] == "newsarchive" and len(parts) > 1 and parts[1] not in ALLOWED[layer]
        if parts[0] == "pelican" or across:
            wrong.append(f"{path.relative_to(root)}:{line}: imports {module}")
    return wrong


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_the_layers_below_it(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"newsarchive/{layer} holds no module"
    wrong = [line for path in files for line in crossings(path, layer)]
    assert not wrong, "\n".join(wrong)


def test_the_package_root_holds_only_the_layers() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert modules == ["__init__.py"]
    assert folders == sorted(LAYERS)


@pytest.mark.parametrize("package", sorted(p.parent for p in PACKAGE.rglob("__init__.py")), ids=str)
def test_every_package_says_what_it_may_import(package: Path) -> None:
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
    assert doc, f"{package.relative_to(PACKAGE.parent)}/__init__.py has no docstring"
    assert "May import:" in doc or package == PACKAGE, (
        f"{package.relative_to(PACKAGE.parent)}/__init__.py: the docstring does not say "
        "what the package may import"
    )


def test_a_crossing_import_is_reported_with_file_and_line(tmp_path: Path) -> None:
    module = tmp_path / "newsarchive" / "content" / "probe.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "from newsarchive.content import slugs\n\n"
        "def f():\n    from newsarchive.search import tokenizer\n    import pelican.utils\n"
    )
    assert crossings(module, "content", root=tmp_path) == [
        "newsarchive/content/probe.py:4: imports newsarchive.search",
        "newsarchive/content/probe.py:5: imports pelican.utils",
    ]
