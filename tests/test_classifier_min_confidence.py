"""``[classifier] min_confidence``: events less sure than this never reach the ledger.

The phrasings are written for these tests; the companies are invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from bot.app import App
from bot.classifying import build_classifier
from bot.config import parse_config
from classifiers import Classifier

# join.verb on an unknown company: 0.9 x 0.9 = 0.81
SURE = "Scarp Data has joined the OpenStack Foundation as a Gold member."


def test_an_event_below_min_confidence_is_left_out_and_traced() -> None:
    strict = Classifier(min_confidence=0.85).classify(SURE)
    assert not strict.flagged and strict.events == ()
    assert any("below min_confidence 0.85" in t.detail for t in strict.trace)
    lenient = Classifier(min_confidence=0.8).classify(SURE)
    assert lenient.flagged and [e.company for e in lenient.events] == ["Scarp Data"]


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_min_confidence_outside_zero_to_one_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match="min_confidence"):
        Classifier(min_confidence=value)


def test_the_config_value_reaches_the_classifier_the_bot_runs(tmp_path: Path) -> None:
    config = parse_config(f"""
[storage]
url = "sqlite:///{tmp_path / 'bot.db'}"
[classifier]
min_confidence = 0.85
""", environ={})
    assert build_classifier(config).classify(SURE).events == ()
    app = App.open(config, console=Console(file=None, quiet=True))
    try:  # the pipeline records `verdict.events`: nothing below the bar gets there
        assert app.classifier.min_confidence == 0.85
        assert app.classifier.classify(SURE).events == ()
    finally:
        app.close()
    assert build_classifier(parse_config("", environ={})).classify(SURE).flagged
