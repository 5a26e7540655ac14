"""The import graph of a package, read from its source (imports inside functions included), and
the layer contract edureport keeps. Used by tests/test_architecture.py; importable for other checks."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

#: Layers from the bottom up. A module may import modules of lower layers and of its own subpackage;
#: modules of different subpackages in one layer never import each other (text → structure /
#: quantities → assembly → pipeline → api → corpus / render → evaluate → cli; evaluate sits above
#: corpus because some of what it scores, targets against results, exists only across reports).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "models", "data", "parallel"),
    ("text",),
    ("structure", "quantities", "segmenter"),
    ("assemble",),
    ("pipeline",),
    ("api",),
    ("corpus", "render"),
    ("evaluate",),
    ("cli",),
    ("__main__",),
)

#: Third-party packages a part of the package must not import (strings in, strings out below the pipeline).
FORBIDDEN_LIBRARIES: dict[str, tuple[str, ...]] = {
    "errors": ("spacy", "pandas", "pydantic"),
    "models": ("spacy", "pandas"),
    "data": ("spacy", "pandas"),
    "parallel": ("spacy", "pandas"),
    "text": ("spacy", "pandas"),
    "structure": ("spacy", "pandas"),
    "quantities": ("spacy", "pandas"),
    "assemble": ("spacy", "pandas"),
}


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int


def modules(root: Path) -> dict[str, Path]:
    """``{dotted module name: file}`` for every ``.py`` file of the package at ``root``."""
    found = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(root: Path) -> Iterator[Import]:
    """Every import of a module of the package by another, resolved to the innermost module it names."""
    mods = modules(root)
    for name, path in mods.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(name, is_package, node)
                targets = [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                while target and target not in mods:
                    target = target.rpartition(".")[0]
                # A module's own parent packages run first anyway; the root is the exception: a
                # module below it that imports it goes through the front door, upwards.
                if target and target != name and (target == root.name or not name.startswith(target + ".")):
                    yield Import(name, target, node.lineno)


def third_party_imports(root: Path) -> Iterator[Import]:
    """Imports of other distributions (top-level names), with the importing module."""
    mods = modules(root)
    for name, path in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                if top != root.name:
                    yield Import(name, top, node.lineno)


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def part_of(module: str) -> str:
    """The first component below the package: ``edureport.text.read`` → ``text``; the root → ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_of(part: str) -> int:
    for rank, members in enumerate(LAYERS):
        if part in members:
            return rank
    raise KeyError(f"{part!r} is in no layer: add it to LAYERS in tests/architecture.py")


def violations(root: Path) -> list[str]:
    """Imports that break the layer contract, as readable lines (empty when it holds)."""
    bad = []
    for imp in imports(root):
        src, dst = part_of(imp.importer), part_of(imp.imported)
        where = f"{imp.importer} (line {imp.line}) imports {imp.imported}"
        if src == "":  # the package's front door re-exports from anywhere
            continue
        if dst == "":
            if src not in ("cli", "__main__"):
                bad.append(f"{where}: only the CLI may import the package root")
            continue
        if src == dst:
            continue
        if layer_of(dst) > layer_of(src):
            bad.append(f"{where}: {src} is below {dst}")
        elif layer_of(dst) == layer_of(src):
            bad.append(f"{where}: {src} and {dst} are side by side and never import each other")
    for imp in third_party_imports(root):
        if imp.imported in FORBIDDEN_LIBRARIES.get(part_of(imp.importer), ()):
            bad.append(f"{imp.importer} (line {imp.line}) imports {imp.imported}, which {part_of(imp.importer)} must not use")
    return bad


def cycles(root: Path) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    graph: dict[str, set[str]] = {m: set() for m in modules(root)}
    for imp in imports(root):
        graph[imp.importer].add(imp.imported)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def top_level_modules(root: Path) -> list[str]:
    return sorted(p.stem for p in root.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
