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


LONG_STORIES = [
    ("""HP joins OpenStack, but don't expect a rush of converts

Hewlett-Packard has joined OpenStack, the open-source cloud project started by Rackspace and NASA
last summer. The move makes HP the biggest vendor yet to back the effort. Dell, Citrix and Cisco
joined earlier, and more than 100 companies now take part.

Analysts said VMware, which sells the dominant virtualization platform, is unlikely to follow.
"If VMware ever joined OpenStack, that would change the market," said one analyst. Oracle has not
joined either.

Related:
- Dell joins OpenStack (example.com)
- Is IBM next to join OpenStack?
""", {("HP", "joined")}),
    ("""DALLAS, Jan. 31, 2012 /PRNewswire/ -- AT&T (NYSE: T) today announced it has joined the
OpenStack community, becoming the first U.S. telecom company to do so.

About AT&T
AT&T Inc. is a communications holding company. OpenStack is backed by more than 150 companies
including AT&T, Dell, HP and Rackspace.
""", {("AT&T", "joined")}),
    ("""Mirantis ships a new OpenStack distribution

Mirantis, a Gold member of the OpenStack Foundation since 2012, today released version 6.0 of
its OpenStack distribution. The company, which joined the foundation shortly after it was formed,
competes with Red Hat and Canonical, both Platinum members of the OpenStack Foundation.
""", set()),
    ("""This week in OpenStack

Intel upgraded its membership to Platinum; Comcast joined the OpenStack Foundation as a Gold
member; VMware said it may leave the foundation next year.
""", {("Intel", "joined"), ("Comcast", "joined")}),
    ("""Rackspace denies leaving OpenStack

Rackspace on Tuesday pushed back against a report that it is planning to quit the OpenStack
Foundation. "We're not going anywhere," a spokesperson said.
""", set()),
    ("""Huawei joins Cloud Foundry Foundation as Gold member

Huawei has joined the Cloud Foundry Foundation as a Gold member. Huawei, already a Platinum
member of the OpenStack Foundation, said customers asked for it. The company joined OpenStack in
2013 and upgraded to Platinum in 2015.
""", set()),
    ("""Ant Group joins OpenInfra Foundation as Platinum member

The OpenInfra Foundation today announced that Ant Group has joined as a Platinum member.
""", {("Ant Group", "joined")}),
]


@pytest.mark.parametrize(("text", "expected"), LONG_STORIES,
                         ids=[s[0].split("\n")[0][:40] for s in LONG_STORIES])
def test_long_stories(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected
