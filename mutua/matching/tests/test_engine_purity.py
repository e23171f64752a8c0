"""The engine stays pure: plain data in, ranked candidates out, no database.

An AST walk of `mutua.matching.engine` and of every module of ours it imports,
however indirectly: none may import `django.db`, a models module, a selector or
a service. It reads the source, so it imports nothing and needs no database.
"""

import ast
from pathlib import Path

import mutua

ROOT = Path(mutua.__file__).parent
LAYER = ("models", "selectors", "services")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _path(module: str) -> Path | None:
    """The source of one of our modules (or packages), None for anything else."""
    base = ROOT.parent.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _imports(module: str, path: Path) -> set[str]:
    """Every module a module imports, by its full name, deferred imports too."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _walk() -> dict[str, set[str]]:
    """{module of ours the engine's modules reach: what it imports}."""
    todo = [
        _module(path) for path in sorted((ROOT / "matching" / "engine").rglob("*.py"))
    ]
    seen: dict[str, set[str]] = {}
    while todo:
        module = todo.pop()
        path = _path(module)
        if module in seen or path is None:
            continue
        seen[module] = _imports(module, path)
        todo.extend(
            name
            for name in seen[module]
            if name.startswith("mutua.") and not _forbidden(name)
        )
    return seen


def _forbidden(name: str) -> bool:
    parts = name.split(".")
    return (
        name == "django.db"
        or name.startswith("django.db.")
        or (parts[0] == "mutua" and any(part in LAYER for part in parts[1:]))
    )


def test_the_engine_imports_no_model_selector_service_or_database():
    found = sorted(
        f"{module} imports {name}"
        for module, names in _walk().items()
        for name in names
        if _forbidden(name)
    )
    assert found == [], "\n".join(found)


def test_the_walk_sees_what_the_engine_imports():
    reached = _walk()
    assert "mutua.matching.engine" in reached
    assert "mutua.matching.engine.scoring" in reached
    assert "mutua.matching.engine.text" in reached["mutua.matching.engine.places"]
    # Beyond the package: the modules of other apps it builds on.
    assert "mutua.core.text" in reached


def test_the_check_names_the_django_layer():
    assert _forbidden("django.db")
    assert _forbidden("django.db.models")
    assert _forbidden("mutua.exchange.models")
    assert _forbidden("mutua.matching.selectors")
    assert _forbidden("mutua.cooperation.services")
    assert not _forbidden("django.utils.translation")
    assert not _forbidden("mutua.core.text")
    assert not _forbidden("numpy")
