"""`stackwatch classify` through its run function."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.classify_cli import run_classify
from classifiers import Classifier

JOIN = "Lumenstack has joined the OpenStack Foundation as a Gold member."
MAYBE = "VMware may join OpenStack."
HTML = ("<!doctype html><html><body><article><h1>Membership</h1><p>Cobalt Grid has quit the "
        "OpenStack Foundation after four years as a Gold member, the company said.</p>"
        "<p>Its engineers will keep contributing to several projects.</p></article></body></html>")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    paths = {}
    for name, text in (("join.txt", JOIN), ("maybe.txt", MAYBE), ("page.html", HTML)):
        (tmp_path / name).write_text(text, "utf-8")
        paths[name] = str(tmp_path / name)
    return paths


def test_json_lines_one_per_input(files: dict[str, str]) -> None:
    out = io.StringIO()
    assert run_classify([files["join.txt"], files["maybe.txt"]], True, False, out) == 0
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["path"] == files["join.txt"] and first["flagged"] is True
    (event,) = first["events"]
    assert event == {"company": "Lumenstack", "action": "joined", "evidence": JOIN,
                     "rule": "join.verb", "confidence": event["confidence"]}
    assert second == {"path": files["maybe.txt"], "flagged": False, "events": []}


def test_html_goes_through_the_extractor(files: dict[str, str]) -> None:
    out = io.StringIO()
    assert run_classify([files["page.html"]], True, False, out) == 0
    (event,) = json.loads(out.getvalue())["events"]
    assert (event["company"], event["action"]) == ("Cobalt Grid", "left")


def test_explain_shows_matches_and_vetoes(files: dict[str, str]) -> None:
    out = io.StringIO()
    run_classify([files["maybe.txt"], files["join.txt"]], False, True, out, Classifier())
    text = out.getvalue()
    assert "not flagged" in text and "vetoed  veto.modal" in text
    assert "matched join.verb" in text and "joined  Lumenstack" in text


def test_stdin_is_dash() -> None:
    out = io.StringIO()
    assert run_classify(["-"], True, False, out, stdin=io.StringIO(JOIN)) == 0
    assert json.loads(out.getvalue())["path"] == "-"


def test_unreadable_file_is_reported_and_others_continue(
        files: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    missing = str(tmp_path / "absent.txt")
    assert run_classify([missing, files["join.txt"]], True, False, out) == 1
    assert missing in capsys.readouterr().err
    assert json.loads(out.getvalue())["flagged"] is True
