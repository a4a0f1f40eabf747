"""Checked scenarios as a JUnit XML report, the format CI dashboards read.

XML 1.0 cannot hold most control characters at all: every value is made visible first
(``\\x1b``), so a hostile name gives a report that still parses.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from xml.etree import ElementTree as ET

from planops.engine import Outcome
from planops.output.escape import visible
from planops.output.scenarios import failure_text


def junit_xml(outcomes: Sequence[Outcome], seconds: Sequence[float] = ()) -> str:
    """One ``testsuite`` named planops; each scenario a ``testcase`` in a class named after its file."""
    times = list(seconds) + [0.0] * (len(outcomes) - len(seconds))
    failures = sum(not o.passed for o in outcomes)
    suite = ET.Element(
        "testsuite",
        name="planops",
        tests=str(len(outcomes)),
        failures=str(failures),
        errors="0",
        skipped="0",
        time=f"{sum(times):.3f}",
    )
    for outcome, took in zip(outcomes, times, strict=True):
        case = ET.SubElement(
            suite,
            "testcase",
            classname=visible(_classname(outcome.path)),
            name=visible(outcome.name),
            file=visible(outcome.path),
            line=str(outcome.line),
            time=f"{took:.3f}",
        )
        if not outcome.passed:
            failure = ET.SubElement(case, "failure", message=visible(_message(outcome)))
            failure.text = failure_text(outcome)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return str(ET.tostring(root, encoding="unicode", xml_declaration=True)) + "\n"


def is_report(text: str) -> bool:
    """Whether a file's text is a report ``junit_xml`` wrote (its suite is named planops)."""
    return '<testsuite name="planops"' in text[:1024]


def _classname(path: str) -> str:
    """``plan/scenarios/billing.yaml`` → ``plan.scenarios.billing``."""
    return ".".join(PurePath(path).with_suffix("").parts)


def _message(outcome: Outcome) -> str:
    if outcome.problems:
        return outcome.problems[0]
    first = outcome.mismatches[0]
    more = len(outcome.mismatches) - 1
    return f"{first.key} differs" + (f" (and {more} more)" if more else "")
