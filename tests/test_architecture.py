"""The package's layout holds: layers import one way, no cycles, few top-level modules (docs/architecture.md)."""

from __future__ import annotations

from pathlib import Path

from architecture import cycles, layer_of, modules, part_of, top_level_modules, violations

PACKAGE = Path(__file__).resolve().parents[1] / "edureport"


def test_every_module_is_in_a_layer() -> None:
    for name in modules(PACKAGE):
        if part_of(name):
            layer_of(part_of(name))  # raises for a part nobody placed


def test_layer_contract_holds() -> None:
    assert violations(PACKAGE) == []


def test_no_import_cycles() -> None:
    assert cycles(PACKAGE) == []


def test_few_top_level_modules() -> None:
    top = top_level_modules(PACKAGE)
    assert len(top) <= 8, top
    assert {"api", "models", "errors", "cli"} <= set(top)


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = root / "edureport" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root / "edureport"


def test_the_check_fails_on_forbidden_imports(tmp_path: Path) -> None:
    package = _package(tmp_path, {
        "__init__.py": "from edureport.api import parse\n",
        "api.py": "def parse(): ...\n",
        "models.py": "def f():\n    from edureport.text.read import decode\n",  # inside a function counts too
        "text/__init__.py": "",
        "text/read.py": "import pandas\nfrom edureport.errors import E\n",
        "errors.py": "class E(Exception): ...\n",
        "structure/__init__.py": "",
        "structure/tree.py": "from edureport.quantities import extract\n",
        "quantities/__init__.py": "",
        "quantities/extract.py": "from edureport.text.read import decode\n",
        "corpus/__init__.py": "from edureport import parse\n",
    })
    found = "\n".join(violations(package))
    assert "edureport.models (line 2) imports edureport.text.read: models is below text" in found
    assert "edureport.structure.tree (line 1) imports edureport.quantities.extract: structure and quantities are side by side" in found
    assert "edureport.text.read (line 1) imports pandas" in found
    assert "edureport.corpus (line 1) imports edureport: only the CLI may import the package root" in found
    assert "quantities.extract" not in found.replace("imports edureport.quantities.extract", "")  # text below it: fine
    assert len(violations(package)) == 4


def test_the_check_finds_cycles(tmp_path: Path) -> None:
    package = _package(tmp_path, {
        "__init__.py": "",
        "corpus/__init__.py": "",
        "corpus/corpus.py": "def f():\n    from edureport.corpus import dask\n",
        "corpus/dask.py": "from edureport.corpus.corpus import f\n",
    })
    assert cycles(package) == [["edureport.corpus.corpus", "edureport.corpus.dask"]]
