"""Which of the project's apps import which, read from the source with ``ast``: every
import statement counts, at the top of a module or inside a function. Run as
``python -m tests.app_imports``: it prints each app's imports of other apps and exits
non-zero when two apps import each other (migrations aside: they name other apps'
migrations, not their code)."""

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def apps(root=ROOT):
    """The project's packages: its apps and site_config, which wires them."""
    return sorted({path.parent.name for path in root.glob("*/apps.py")} | {"site_config"})


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def app_imports(root=ROOT):
    """``{(importing app, imported app): number of import statements}``."""
    names = set(apps(root))
    counts = defaultdict(int)
    for app in names:
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for module in imported_modules(ast.parse(path.read_text(), filename=str(path))):
                target = module.split(".")[0]
                if target in names and target != app:
                    counts[(app, target)] += 1
    return dict(counts)


def mutual_pairs(counts):
    return sorted({tuple(sorted(pair)) for pair in counts if pair[::-1] in counts})


def main():
    counts = app_imports()
    for (app, target), number in sorted(counts.items()):
        print(f"{app:12} -> {target:12} {number:3}")
    pairs = mutual_pairs(counts)
    named = ", ".join(" <-> ".join(pair) for pair in pairs)
    print(f"{len(pairs)} pairs of apps import each other" + (f": {named}" if pairs else ""))
    return 1 if pairs else 0


if __name__ == "__main__":
    sys.exit(main())
