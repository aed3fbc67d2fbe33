"""Which of the page's modules its first screen can import: what web/main.py imports, and what
those import, followed through the source (every ``import``, at module level or in a function).
The rest (the views, and the modules only they import) goes into the page's second archive,
fetched when Python first needs a view (sitebuild/packing.py).

Only static imports are followed: web.views.ViewRegistry's ``__import__`` of a view's module is
the one import by name, and it runs only after the second archive is unpacked.
"""

from __future__ import annotations

import ast
from pathlib import Path, PurePosixPath


def imported_closure(sources: Path, entry: PurePosixPath, modules: set[PurePosixPath]) -> set[PurePosixPath]:
    """The ``modules`` (paths under ``sources``, like ``web/shell.py``) that the entry script
    imports, directly or through others, each with the packages it is in (their __init__.py)."""
    reached: set[PurePosixPath] = set()
    waiting = [entry]
    while waiting:
        path = waiting.pop()
        tree = ast.parse((sources / path).read_text(encoding="utf-8"), str(path))
        for name in _imported_names(tree, _package_of(path)):
            for found in _module_paths(name, modules):
                if found not in reached:
                    reached.add(found)
                    waiting.append(found)
    return reached


def _package_of(path: PurePosixPath) -> list[str]:
    parts = list(path.with_suffix("").parts)
    return parts[:-1]  # a package's __init__ is in its own package, as a module is in its folder's


def _imported_names(tree: ast.AST, package: list[str]) -> list[str]:
    """Dotted names of what the module may import: ``import a.b`` gives a.b; ``from a import b``
    gives a and a.b (b may be a module or a name in a)."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + (node.module.split(".") if node.module else []))
            names.append(module)
            names.extend(f"{module}.{alias.name}" for alias in node.names)
    return names


def _module_paths(name: str, modules: set[PurePosixPath]) -> list[PurePosixPath]:
    """The files importing ``name`` runs: each package's __init__.py on the way, and the module."""
    parts = name.split(".")
    found = []
    for end in range(1, len(parts) + 1):
        for candidate in (PurePosixPath(*parts[:end], "__init__.py"), PurePosixPath(*parts[:end - 1], parts[end - 1] + ".py")):
            if candidate in modules:
                found.append(candidate)
    return found
