"""The shape of the package: imports flow one way, modules stay small, and what is loaded
late is loaded late for a reason that is written down."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "src" / "korex"
MAX_LINES = 450


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(tree: ast.AST, modules: dict, top_level_only: bool) -> list[tuple[str, ast.AST]]:
    """(korex module imported, node) for each import of a korex module."""
    found = []
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for n in names:
            if n in modules:
                found.append((n, node))
    return found


def test_no_import_loop_in_the_package():
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        deps = {n for n, _ in _imports(tree, modules, top_level_only=True)}
        # importing korex.a.b runs korex/__init__ and korex/a/__init__ first
        graph[name] = {d for d in deps if d != name}
    loops = []

    def visit(node, stack, done):
        if node in stack:
            loops.append(stack[stack.index(node):] + [node])
            return
        if node in done:
            return
        done.add(node)
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, stack + [node], done)

    done: set = set()
    for name in sorted(graph):
        visit(name, [], done)
    assert loops == []


def test_every_late_import_of_korex_says_why():
    """A function-local import of a korex module is there to keep start-up light (the CLI's
    --help, `import korex`); each one says so in a comment on its line or the line before."""
    modules = _modules()
    unexplained = []
    for name, path in modules.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        top = {id(node) for _, node in _imports(tree, modules, top_level_only=True)}
        for mod, node in _imports(tree, modules, top_level_only=False):
            if id(node) in top:
                continue
            here = lines[node.lineno - 1] + (lines[node.lineno - 2] if node.lineno > 1 else "")
            if "#" not in here:
                unexplained.append(f"{path.relative_to(PACKAGE)}:{node.lineno} imports {mod}")
    assert sorted(set(unexplained)) == []


def test_no_module_is_too_long_to_read():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
