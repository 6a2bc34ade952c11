"""Pure membership classifier: article text in, verdict out.

No network, no database, no clock. `classify(text, title=None)` is the whole
public surface most callers need; `Classifier` lets the bot configure target
names and extra rule files once and reuse the compiled rules.
"""

from __future__ import annotations

from functools import lru_cache

from classifiers.engine import Classifier
from classifiers.errors import RuleError
from classifiers.model import Event, Trace, Verdict

__all__ = ["Classifier", "Event", "RuleError", "Trace", "Verdict", "classify"]


@lru_cache(maxsize=1)
def _default() -> Classifier:
    return Classifier()


def classify(text: str, title: str | None = None) -> Verdict:
    """Classify with the packaged rules and the default OpenStack targets."""
    return _default().classify(text, title)
