"""Every kind of plan document is served by every part of planops: loader, schema, checks, diff, handbook."""

from __future__ import annotations

import re
from datetime import date

import pytest

from planops import model
from planops.handbook import examples, site
from planops.handbook.context import Context, object_target
from planops.kinds import BY_NAME, DIFF_SECTIONS, KINDS, MODELS, REFERENCED, Kind
from planops.model import PlanObject
from planops.output.changes import describe
from planops.pipeline import Level, check_plan
from planops.plan import CompiledPlan
from planops.review.changes import Maker
from planops.review.kinds import generic
from planops.review.mermaid import state_diagram
from planops.review.semantic import compare
from planops.schema import build_schema
from tests.conftest import REPO

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def bundled() -> CompiledPlan:
    plan, findings = check_plan(REPO / "plan", TODAY, level=Level.MEANING)
    assert not [d for d in findings if d.severity.name == "ERROR"]
    return plan


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def test_every_model_of_a_document_is_a_declared_kind() -> None:
    documents = {cls for cls in _subclasses(PlanObject) if cls.__module__.startswith("planops.model")}
    assert documents == set(MODELS.values())
    assert {name for name in model.__all__ if name in MODELS} == set(MODELS)


def test_names_sections_and_references_are_unique() -> None:
    assert len(BY_NAME) == len(KINDS)
    assert len({k.group for k in KINDS}) == len(KINDS)
    assert len({k.rank for k in KINDS}) == len(KINDS)
    assert set(DIFF_SECTIONS) == {k.group for k in KINDS} | {"review", "text"}
    assert REFERENCED["queue"] == ("Team", True)
    assert REFERENCED["calendar"] == ("Calendar", False)


def test_the_schema_has_a_branch_for_every_kind() -> None:
    schema = build_schema()
    assert schema["properties"]["kind"]["enum"] == [k.name for k in KINDS]
    assert {b["if"]["properties"]["kind"]["const"] for b in schema["allOf"]} == set(MODELS)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_the_diff_compares_every_kind(bundled: CompiledPlan, kind: Kind) -> None:
    """An owner change in one object of each kind is found and worded, in the kind's own section."""
    before = bundled.all(kind.model)
    assert before, f"the bundled plan has no {kind.name}: add one so that this kind is tested"
    changed = before[0].model_copy(update={"owner": "someone-new", "description": "Reworded."})
    entries = tuple(e if e.obj is not before[0] else type(e)(changed, e.doc) for e in bundled.entries)
    after = CompiledPlan(bundled.root, entries, bundled.files)
    found = compare(bundled, after)
    owners = [c for c in found if c.what == "owner"]
    assert [(c.kind, c.object_kind, c.object) for c in owners] == [(kind.group, kind.name, before[0].name)]
    assert describe(owners[0]).endswith("owner: " + (before[0].owner or "none") + " → someone-new")
    assert kind.compare(Maker(kind.group, kind.name, changed.name), before[0], changed) == []


def test_a_kind_without_its_own_comparator_is_compared_field_by_field(bundled: CompiledPlan) -> None:
    kpi = next(iter(bundled.kpis.values()))
    other = kpi.model_copy(update={"measures": "csat" if kpi.measures != "csat" else "nps"})
    changes = generic(Maker("kpi", "KPI", kpi.name), kpi, other)
    assert [(c.what, c.before, c.after) for c in changes] == [("measures", kpi.measures, other.measures)]


def test_every_kind_has_its_page_and_anchor_in_the_handbook(bundled: CompiledPlan) -> None:
    ctx = Context(bundled, TODAY, runs=examples.run_all(bundled))
    pages = {p.uri: p.markdown for p in site.build_pages(ctx, state_diagram)}
    for kind in KINDS:
        for obj in bundled.all(kind.model):
            uri, anchor = object_target(kind.name, obj.name)
            if kind.name == "Scenario":  # worked examples sit on the page of the workflow their ticket follows
                uri = next(u for u, text in pages.items() if u.startswith("scenarios/") and _has(text, anchor))
            assert uri in pages, (kind.name, obj.name)
            assert anchor is None or _has(pages[uri], anchor), (kind.name, obj.name, uri)


def _has(markdown: str, anchor: str) -> bool:
    """Whether a page carries an anchor: on an HTML element, or on a heading (``## Title {#anchor}``)."""
    return re.search(rf'id="{re.escape(anchor)}"|\{{#{re.escape(anchor)}\}}', markdown) is not None


def test_unknown_kinds_point_at_the_review_page() -> None:
    assert object_target("Nope", "x") == ("review.md", None)
