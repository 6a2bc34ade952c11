"""Whole documents: headlines, markup, front matter, the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers import Verdict, classify
from tests.classifier_helpers import events

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_a_headline_counts_when_the_body_is_silent() -> None:
    assert events("IBM showed a new OpenStack dashboard.", title="IBM joins OpenStack") == \
        {("IBM", "joined")}


def test_a_body_denial_overrules_the_headline() -> None:
    body = "IBM denied the report on Monday, calling it false."
    assert events(body, title="IBM joins OpenStack") == set()


def test_a_body_negation_overrules_the_headline() -> None:
    body = "Contrary to reports, IBM is not joining OpenStack this year."
    assert events(body, title="IBM joins OpenStack") == set()


def test_a_question_headline_is_not_an_event() -> None:
    assert events("Oracle shipped a database.", title="Is Oracle leaving OpenStack?") == set()


def test_an_unknown_headline_name_must_appear_in_the_body() -> None:
    assert events("A quiet week for OpenStack.", title="Big Telcos Join OpenStack") == set()


def test_front_matter_title_and_markdown_links() -> None:
    text = ("---\ntitle: 'Weekly notes'\nlayout: post\n---\n\n# Notes\n\n"
            "[Grid Dynamics](http://example.com/gd) has **joined** the "
            "[OpenStack](http://openstack.org) community.\n")
    verdict = classify(text)
    assert [(e.company, e.action) for e in verdict.events] == [("Grid Dynamics", "joined")]
    assert "http" not in verdict.events[0].evidence


def test_evidence_is_the_sentence_and_the_rule_is_named() -> None:
    verdict = classify("Plenty happened. Lumenstack has quit the OpenStack Foundation. Fine.")
    (event,) = verdict.events
    assert event.evidence == "Lumenstack has quit the OpenStack Foundation."
    assert event.rule.startswith("leave.")
    assert 0 < event.confidence <= 1


def test_a_story_without_the_target_costs_nothing() -> None:
    verdict = classify("Lumenstack joined the Cloud Native Computing Foundation.")
    assert verdict == Verdict(False)
    assert verdict.trace[0].rule == "prefilter"


def test_vetoes_are_traced() -> None:
    verdict = classify("VMware may join OpenStack.")
    assert not verdict.flagged
    assert [(t.kind, t.rule) for t in verdict.trace] == [("veto", "veto.modal")]


def _labels(directory: Path) -> list[dict[str, object]]:
    lines = (directory / "labels.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("label", _labels(SEEDS), ids=lambda lab: str(lab["file"]))
def test_seed_documents_are_right(label: dict[str, object]) -> None:
    verdict = classify((SEEDS / str(label["file"])).read_text("utf-8"))
    gold = {(e["company"], e["action"]) for e in label["events"]}  # type: ignore[attr-defined]
    assert verdict.flagged is label["flag"]
    assert {(e.company, e.action) for e in verdict.events} == gold
