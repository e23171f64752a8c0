"""The layering of CONTRIBUTING.md, kept true: each app imports only the apps
below it, and no two modules import each other, through however many others.

Every import counts, those deferred inside a function too: a deferred import is
still a dependency, only a hidden one. The walk reads the source (an AST walk),
so it needs no import of the code and no library.
"""

import ast
from pathlib import Path

import mutua

ROOT = Path(mutua.__file__).parent
# Lowest first: an app may import itself and the apps before it.
ORDER = [
    "core",
    "directory",
    "notifications",
    "exchange",
    "importing",
    "cooperation",
    "matching",
    "monitoring",
    "community",
    "calls",
    "offline",
    "demo",
    "testing",
]


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    return {
        _module(path): path
        for path in ROOT.rglob("*.py")
        if not {"migrations", "tests", "browser_tests"} & set(path.parts)
        and path.name != "conftest.py"
    }


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ours that a module imports, by their full names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            # `from package import module` imports the module itself.
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            if target in known and target != name and target != "mutua":
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    sources = _sources()
    return {name: _imports(name, path, set(sources)) for name, path in sources.items()}


def _app(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ORDER else None


def test_each_app_imports_only_the_apps_below_it():
    upward = sorted(
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if _app(module)
        and _app(target)
        and ORDER.index(_app(target)) > ORDER.index(_app(module))
    )
    assert upward == [], "\n".join(upward)


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of imports, as the modules along it, or []."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(module: str) -> list[str]:
        path.append(module)
        on_path.add(module)
        for target in sorted(graph.get(module, ())):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done and (found := visit(target)):
                return found
        on_path.discard(path.pop())
        done.add(module)
        return []

    for module in sorted(graph):
        if module not in done and (found := visit(module)):
            return found
    return []


def test_no_modules_import_each_other():
    graph = _graph()
    # A package's __init__ that only names its modules is no cycle with them.
    assert _cycle(graph) == []


def test_the_walk_finds_deferred_imports_and_cycles(tmp_path):
    """The checks above can fail: a deferred import is seen, and so is a cycle."""
    path = tmp_path / "_probe.py"
    path.write_text("def f():\n    from mutua.monitoring import selectors\n")
    assert _imports("mutua.core._probe", path, set(_sources())) == {
        "mutua.monitoring",
        "mutua.monitoring.selectors",
    }
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def _test_modules() -> dict[str, Path]:
    return {
        _module(path): path
        for path in ROOT.rglob("*.py")
        if {"tests", "browser_tests"} & set(path.parts) or path.name == "conftest.py"
    }


def _imported_tests(name: str, path: Path, tests: set[str]) -> set[str]:
    """The test modules (a `test_*` module or a conftest) that a module imports."""
    return {
        target
        for target in _imports(name, path, tests)
        if target.rpartition(".")[2].startswith("test_") or target.endswith("conftest")
    }


def test_no_test_module_imports_another():
    """What tests share lives in `mutua.testing`: a test module imported by another
    runs its tests twice, and ties the two together."""
    tests = _test_modules()
    found = sorted(
        f"{name} imports {target}"
        for name, path in tests.items()
        for target in _imported_tests(name, path, set(tests))
    )
    assert found == [], "\n".join(found)


def test_the_walk_finds_a_test_module_imported_by_another(tmp_path):
    path = tmp_path / "test_probe.py"
    path.write_text(
        "from .test_browse import text\nfrom mutua.conftest import people\n"
    )
    tests = set(_test_modules())
    assert _imported_tests("mutua.exchange.tests.test_probe", path, tests) >= {
        "mutua.exchange.tests.test_browse",
        "mutua.conftest",
    }
