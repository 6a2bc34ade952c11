"""The one place the bot turns its ``[classifier]`` settings into a Classifier.

Targets, extra rule files (relative to the config file) and ``min_confidence``
all take effect here, for the running bot and for ``stackwatch classify``.
"""

from __future__ import annotations

from bot.config import Config
from classifiers import Classifier


def build_classifier(config: Config) -> Classifier:
    """A Classifier configured as ``config.classifier`` says (rules compiled now)."""
    settings = config.classifier
    return Classifier(targets=settings.targets, extra_rule_files=config.rule_paths,
                      min_confidence=settings.min_confidence)
