"""Whatever a pull request puts in a plan file, validation answers with findings, never an exception."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planops.kinds import MODELS
from planops.pipeline import check_plan
from tests.conftest import STARTER

KEYS = sorted({name for model in MODELS.values() for name in model.model_fields} | {"on", "when", "to", "after"})
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10_000),
    st.floats(allow_nan=False),
    st.sampled_from(
        [
            "30m",
            "PT4H",
            "2026-10-01",
            "ticket.amount >",
            "ticket.x == 'a'",
            "24x7",
            "mon-fri",
            "+1h",
            "2026-03-27T16:30:00+01:00",
            "triage",
            "resolved",
            "agent",
            "office",
            "support",
        ]
    ),
    st.text(max_size=12),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)),
    max_leaves=25,
)
documents = st.fixed_dictionaries(
    {"kind": st.sampled_from([*MODELS, "Nope"]), "name": st.sampled_from(["support", "office", "x", "Bad Name"])},
    optional={key: values for key in KEYS if key not in ("kind", "name")},
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(documents, min_size=1, max_size=3))
def test_random_documents_give_findings_not_exceptions(tmp_path_factory, docs) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("fuzz") / "plan"
    shutil.copytree(STARTER / "plan", root)
    (root / "pr.yaml").write_text(yaml.safe_dump_all(docs), encoding="utf-8")
    _plan, found = check_plan(root)
    assert all(d.line >= 1 and d.col >= 1 and d.code for d in found)


@settings(max_examples=80, deadline=None)
@given(raw=st.binary(max_size=200))
def test_random_bytes_give_findings_not_exceptions(raw: bytes, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    root: Path = tmp_path_factory.mktemp("bytes") / "plan"
    root.mkdir()
    (root / "pr.yaml").write_bytes(raw)
    check_plan(root)
