"""The import rules of ``lotsen/architecture.py``: they pass on the code and fail on a breach."""

import grimp
import pytest

from lotsen.architecture import PortalLayersContract, unit_of

APPS = ["lotsen", "regions", "organisations", "events", "newsletters"]


def check(*imports: tuple[str, str]):
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported)
    contract = PortalLayersContract("layers", session_options={}, contract_options={"apps": APPS})
    return contract.check(graph, verbose=False)


@pytest.mark.parametrize(
    ("module", "unit"),
    [
        ("lotsen.core.permissions", ("lotsen.core", 0)),
        ("lotsen.models.guides", ("lotsen.models", 1)),
        ("events.models", ("events.models", 1)),
        ("newsletters.models.issues", ("newsletters.models", 1)),
        ("lotsen.guides.views", ("lotsen.guides", 2)),
        ("events.calendar.selectors", ("events.calendar", 2)),
        ("regions.scope.selectors", ("regions.scope", 2)),
        ("events.urls", ("events.urls", 3)),
        ("lotsen.admin", ("lotsen.admin", 3)),
        ("lotsen.urls", ("lotsen.urls", 4)),
        ("lotsen.demo.network", ("lotsen.demo", 4)),
        ("lotsen", ("lotsen", 4)),
    ],
)
def test_every_module_has_its_unit_and_layer(module, unit):
    assert unit_of(module) == unit


def test_imports_downwards_and_sideways_are_kept():
    result = check(
        ("events.calendar.views", "events.registrations.selectors"),
        ("events.registrations.selectors", "events.models"),
        ("events.models", "regions.models"),
        ("regions.models", "lotsen.core.status_history"),
        ("lotsen.urls", "events.urls"),
    )
    assert result.kept


def test_a_building_block_importing_a_model_is_broken():
    result = check(("lotsen.core.search", "events.models"))
    assert not result.kept
    assert result.metadata["upwards"] == [
        "lotsen.core.search (shared building blocks) imports events.models (models)"
    ]


def test_a_feature_importing_the_configuration_is_broken():
    assert not check(("newsletters.sending.tasks", "lotsen.celery")).kept


def test_features_importing_each_other_in_a_circle_are_broken():
    result = check(
        ("events.workspace.filters", "regions.scope.selectors"),
        ("regions.scope.selectors", "regions.workspace.views"),
        ("regions.workspace.views", "events.workspace.selectors"),
    )
    assert not result.kept
    ((group, links),) = result.metadata["cycles"]
    assert group == ["events.workspace", "regions.scope", "regions.workspace"]
    assert "regions.scope.selectors -> regions.workspace.views" in links


def test_the_portal_keeps_the_rules():
    graph = grimp.build_graph(*APPS, cache_dir=None)
    contract = PortalLayersContract("layers", session_options={}, contract_options={"apps": APPS})
    result = contract.check(graph, verbose=False)
    assert result.kept, result.metadata
