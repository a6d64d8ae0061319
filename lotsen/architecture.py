"""The import rules of the portal's packages, checked by ``lint-imports`` (``make lint``).

Every module belongs to one *unit*, and units stand in layers, lowest first:

1. ``lotsen.core``: the shared building blocks (permissions, mail, PDF, exports, workspace
   mixins, search, audit). They know no feature and no model.
2. ``<app>.models``: the models of each app. They import only other models and the core.
3. Features: every other sub-package or module of an app (``events.calendar``,
   ``newsletters.sending``, ``lotsen.guides``, ``regions.scope``, ...). Features may use each
   other, but never in a cycle.
4. An app's wiring: ``<app>.admin``, ``<app>.apps``, ``<app>.urls`` and its migrations.
5. The tools (``lotsen.demo``, ``lotsen.bench``) and the project configuration (``lotsen.urls``,
   ``lotsen.settings``, ``lotsen.celery``, ...), which may use everything.

A unit imports only units of its own layer or below, and no two units import each other,
directly or in a longer circle. New packages fall under these rules by their place alone.
"""

from collections import defaultdict

import grimp
from importlinter import Contract, ContractCheck, fields, output

APPS = ("lotsen", "regions", "organisations", "events", "newsletters")
CONFIGURATION = {"settings", "urls", "celery", "wsgi", "asgi", "architecture"}
TOOLS = {"demo", "bench"}
WIRING = {"admin", "apps", "urls", "migrations"}

CORE, MODELS, FEATURE, WIRED, TOP = range(5)
LAYER_NAMES = {
    CORE: "shared building blocks",
    MODELS: "models",
    FEATURE: "feature",
    WIRED: "app wiring",
    TOP: "tools and configuration",
}


def unit_of(module: str) -> tuple[str, int]:
    """The unit a module belongs to, and the unit's layer."""
    parts = module.split(".")
    app = parts[0]
    if len(parts) == 1:
        # ``lotsen/__init__.py`` loads the Celery app: it is configuration, not wiring.
        return app, TOP if app == "lotsen" else WIRED
    second = parts[1]
    unit = f"{app}.{second}"
    if app == "lotsen" and second == "core":
        return unit, CORE
    if app == "lotsen" and (second in CONFIGURATION or second in TOOLS):
        return unit, TOP
    if second == "models":
        return unit, MODELS
    if second in WIRING:
        return unit, WIRED
    return unit, FEATURE


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The groups of units that import each other in a circle, found by grimp on a graph whose
    modules are the units."""
    units = grimp.ImportGraph()
    for source, targets in edges.items():
        for target in targets:
            units.add_import(importer=source, imported=target)

    def linked(a: str, b: str) -> bool:
        return units.chain_exists(importer=a, imported=b) and units.chain_exists(
            importer=b, imported=a
        )

    groups = {
        frozenset(unit for unit in units.modules if unit == source or linked(source, unit))
        for source, targets in edges.items()
        if any(linked(source, target) for target in targets)
    }
    return sorted(sorted(group) for group in groups)


class PortalLayersContract(Contract):
    """Units import downwards or sideways, never upwards and never in a circle."""

    apps = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        edges: dict[str, set[str]] = defaultdict(set)
        examples: dict[tuple[str, str], str] = {}
        upwards = []
        for importer in sorted(graph.modules):
            if importer.split(".")[0] not in self.apps:
                continue
            source, source_layer = unit_of(importer)
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                if imported.split(".")[0] not in self.apps:
                    continue
                target, target_layer = unit_of(imported)
                if source == target:
                    continue
                edges[source].add(target)
                examples.setdefault((source, target), f"{importer} -> {imported}")
                if target_layer > source_layer:
                    upwards.append(
                        f"{importer} ({LAYER_NAMES[source_layer]}) imports {imported} "
                        f"({LAYER_NAMES[target_layer]})"
                    )
        cycles = []
        for group in circles(edges):
            members = set(group)
            links = [
                examples[(source, target)]
                for source in group
                for target in sorted(edges[source] & members)
            ]
            cycles.append((group, links))
        return ContractCheck(
            kept=not (upwards or cycles), metadata={"upwards": upwards, "cycles": cycles}
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for line in check.metadata["upwards"]:
            output.print_error(f"Upwards: {line}", bold=False)
        for group, links in check.metadata["cycles"]:
            output.print_error(f"Circle between {', '.join(group)}:", bold=False)
            for link in links:
                output.print(f"    {link}")
        output.new_line()
