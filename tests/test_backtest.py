"""Backtest scoring and its command entry point."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.backtest import (
    DocResult,
    Label,
    Scores,
    find_misses,
    judge,
    normalise_company,
    read_labels,
    run_backtest,
    same_by_initials,
    same_by_leading_words,
    score_documents,
    score_events,
)
from classifiers import Classifier, Event, Verdict
from classifiers.model import Action


def test_scores_handle_empty_sides() -> None:
    assert Scores(0, 0, 0).precision == 1.0
    assert Scores(0, 0, 0).recall == 1.0
    assert Scores(3, 1, 0).precision == 0.75
    assert round(Scores(3, 1, 1).f1, 4) == 0.75


def test_companies_match_through_aliases_and_legal_forms() -> None:
    known = Classifier().rules.lexicon.known
    assert normalise_company("Hewlett-Packard Co.", known) == normalise_company("HP", known)
    assert normalise_company("AT&T Inc.") == normalise_company("AT&T")
    assert normalise_company("Grid Dynamics") != normalise_company("Grid")


def _result(flag: bool, gold: list[tuple[str, Action]],
            got: list[tuple[str, Action]]) -> DocResult:
    label = Label("a.txt", flag, tuple(gold), 1)
    verdict = Verdict(bool(got), tuple(Event(c, a, "ev", "r", 0.9) for c, a in got))
    return judge(label, verdict)


def test_document_and_event_scores() -> None:
    results = [
        _result(True, [("Acme", "joined"), ("Beta", "joined")], [("Acme Inc.", "joined")]),
        _result(False, [], [("Gamma", "left")]),
        _result(False, [], []),
    ]
    assert score_documents(results) == Scores(tp=1, fp=1, fn=0)
    assert score_events(results) == Scores(tp=1, fp=1, fn=1)
    kinds = [(m.level, m.kind, m.what) for m in find_misses(results)]
    assert ("event", "false_negative", "Beta joined") in kinds
    assert ("document", "false_positive", "flagged=True") in kinds
    assert ("event", "false_positive", "Gamma left") in kinds


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("Lumenstack has joined the OpenStack Foundation.", "utf-8")
    (tmp_path / "b.txt").write_text("VMware may join OpenStack.", "utf-8")
    (tmp_path / "c.html").write_text(
        "<html><body><article><h1>News</h1><p>Cobalt Grid has quit the OpenStack Foundation "
        "after four years as a Gold member, the company said on Monday.</p><p>It will keep "
        "contributing code to several projects as individuals.</p></article></body></html>",
        "utf-8")
    labels = [
        {"file": "a.txt", "flag": True, "events": [{"company": "Lumenstack", "action": "joined"}]},
        {"file": "b.txt", "flag": True, "events": [{"company": "VMware", "action": "joined"}]},
        {"file": "c.html", "flag": True, "events": [{"company": "Cobalt Grid", "action": "left"}]},
    ]
    (tmp_path / "labels.jsonl").write_text("\n".join(map(json.dumps, labels)) + "\n", "utf-8")
    return tmp_path


def test_run_reports_metrics_and_misses(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_backtest(_corpus(tmp_path), None, False, out) == 0
    text = out.getvalue()
    assert "documents  P 1.000  R 0.667" in text
    assert "b.txt  event false negative: VMware joined" in text
    assert "veto.modal" in text


def test_run_as_json(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_backtest(_corpus(tmp_path), None, True, out) == 0
    (report,) = json.loads(out.getvalue())["sets"]
    assert report["documents_total"] == 3
    assert report["event"]["tp"] == 2 and report["event"]["fn"] == 1
    assert report["misses"][0]["file"] == "b.txt"


def test_default_runs_seeds_and_dev_separately() -> None:
    out = io.StringIO()
    assert run_backtest(None, None, True, out) == 0
    names = [s["name"] for s in json.loads(out.getvalue())["sets"]]
    assert names[0] == "seeds"
    assert set(names) <= {"seeds", "dev"}


@pytest.mark.parametrize(("content", "message"), [
    ('{"file": "a.txt", "flag": true, "events": []}\nnot json\n', "labels.jsonl:2: not valid"),
    ('{"file": "a.txt", "events": []}\n', "labels.jsonl:1: expected an object"),
    ('{"file": "a.txt", "flag": true, "events": [{"company": "A", "action": "x"}]}\n',
     "labels.jsonl:1: each event needs"),
    ('{"file": "zz.txt", "flag": true, "events": []}\n', "labels.jsonl:1: no such file"),
])
def test_bad_labels_exit_2_naming_the_line(tmp_path: Path, content: str, message: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("x", "utf-8")
    (tmp_path / "labels.jsonl").write_text(content, "utf-8")
    assert run_backtest(tmp_path, None, False, io.StringIO()) == 2
    assert message in capsys.readouterr().err


def test_missing_directory_or_labels_exit_2(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run_backtest(tmp_path / "nope", None, False, io.StringIO()) == 2
    assert "no such directory" in capsys.readouterr().err
    assert run_backtest(tmp_path, tmp_path / "x.jsonl", False, io.StringIO()) == 2
    assert "no labels file" in capsys.readouterr().err


def test_read_labels_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "l.jsonl"
    path.write_text('\n{"file": "a", "flag": false, "events": []}\n\n', "utf-8")
    assert read_labels(path) == [Label("a", False, (), 2)]


def test_a_name_and_its_longer_form_are_one_organisation() -> None:
    r = _result(True, [("Tarraco", "joined"), ("Kestrel & Vane Networks", "left"),
                       ("Red Hat", "joined")],
                [("Tarraco Telecom", "joined"), ("Kestrel and Vane", "left"), ("Red", "joined")])
    assert score_events([r]) == Scores(tp=2, fp=1, fn=1)  # "Red" is too short to be "Red Hat"
    assert not same_by_leading_words("Tarraco Telecom", "Tarraco Cloud")
    assert not same_by_leading_words("Tarraco", "Tarraco")  # equal names match by key instead
    assert not same_by_leading_words("Telekom", "Deutsche Telekom")  # leading words only


def test_a_name_and_its_acronym_are_one_organisation() -> None:
    r = _result(True, [("Universiti Teknologi Selatan", "joined"), ("ETRI", "joined"),
                       ("Kell Data", "left")],
                [("UTS", "joined"), ("Electronics and Telecommunications Research Institute",
                                     "joined"), ("KD", "left")])
    assert score_events([r]) == Scores(tp=2, fp=1, fn=1)  # two letters are too few
    assert not same_by_initials("UTS", "Universiti Teknologi")
    assert not same_by_initials("Uts", "Universiti Teknologi Selatan")  # not an acronym


def test_a_longer_name_is_not_taken_for_another_action() -> None:
    r = _result(True, [("Tarraco", "left")], [("Tarraco Telecom", "joined")])
    assert score_events([r]) == Scores(tp=0, fp=1, fn=1)
