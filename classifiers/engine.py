"""The Classifier: rules compiled once, then text in, verdict out.

Cheap first: an article that never names a target costs one regex scan. The
rest runs only on articles that do: prepare the text, judge every rule match,
drop headline events the body denies, keep one event per (company, action)
and only events at least `min_confidence` sure.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from classifiers.denials import overruled_claims
from classifiers.document import Document, prepare
from classifiers.headline import HeadlineCheck
from classifiers.lexicon import Lexicon
from classifiers.matching import Finding, find_all
from classifiers.model import Event, Trace, Verdict
from classifiers.name_forms import reported_names
from classifiers.ruleset import DEFAULT_TARGETS, RuleSet, load_ruleset
from classifiers.text import related_header_re

#: Default for `Classifier(min_confidence=...)`.
MIN_CONFIDENCE = 0.5


class Classifier:
    """Membership classifier for a set of target names (default: OpenStack and
    its foundation's names) and optional extra rule files.

    `min_confidence` (0..1): an event less sure than this is left out of the
    verdict (its trace says why), so it neither flags the story nor reaches
    the ledger and the alerts."""

    def __init__(self, targets: Sequence[str] | None = None,
                 extra_rule_files: Sequence[Path] = (),
                 min_confidence: float = MIN_CONFIDENCE) -> None:
        if not 0 <= min_confidence <= 1:
            raise ValueError(f"min_confidence must be between 0 and 1, not {min_confidence}")
        self.targets = tuple(targets) if targets else DEFAULT_TARGETS
        self.min_confidence = min_confidence
        self.rules: RuleSet = load_ruleset(self.targets, tuple(extra_rule_files))
        lex = self.rules.lexicon
        self._header_re = related_header_re(lex.words.get("related_headers", ()))
        self._headline = HeadlineCheck(lex)

    def classify(self, text: str, title: str | None = None) -> Verdict:
        """Who joined or left the watched community according to this story."""
        lex = self.rules.lexicon
        if not lex.may_mention_target(text) and not (title and lex.may_mention_target(title)):
            return Verdict(False, (), (Trace("note", "prefilter", "", "no target named"),))
        doc = prepare(text, title, self.rules.lexicon, self._header_re)
        findings = find_all(doc, self.rules)
        findings = self._title_contradictions(doc, findings)
        findings = overruled_claims(doc, findings, self._headline)
        events = _best_events(findings, doc, doc.lex)
        kept = tuple(e for e in events if e.confidence >= self.min_confidence)
        trace = tuple(_trace(f) for f in findings) + tuple(
            Trace("note", e.rule, e.evidence,
                  f"{e.company} {e.action} left out: confidence {e.confidence} is below "
                  f"min_confidence {self.min_confidence}")
            for e in events if e not in kept)
        return Verdict(bool(kept), kept, trace)

    def _title_contradictions(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """A headline event stands unless the body negates or denies it, and
        an unknown headline name must appear in the body."""
        out = []
        for f in findings:
            if f.sentence.title and f.stands:
                problem = self._headline.problem(doc, f, findings)
                if problem:
                    f = Finding(f.rule, f.sentence, f.companies, f.confidence,
                                "veto.title-contradicted", problem)
            out.append(f)
        return out


def _best_events(findings: list[Finding], doc: Document, lex: Lexicon) -> tuple[Event, ...]:
    """One event per (company, action): body evidence before the headline's,
    then the most confident, then the earliest."""
    best: dict[tuple[str, str], tuple[tuple[int, float, int], Event]] = {}
    longer = reported_names({c for f in findings if f.stands for c in f.companies}, doc, lex)
    for f in findings:
        if not f.stands:
            continue
        for company in (longer.get(c, c) for c in f.companies):
            key = (company.casefold(), f.rule.action)
            rank = (0 if f.sentence.title else 1, f.confidence, -f.sentence.index)
            event = Event(company, f.rule.action, f.sentence.text, f.rule.id, f.confidence)
            if key not in best or rank > best[key][0]:
                best[key] = (rank, event)
    ordered = sorted(best.values(), key=lambda item: -item[0][2])
    return tuple(event for _, event in ordered)


def _trace(f: Finding) -> Trace:
    who = ", ".join(f.companies) or "?"
    if f.veto:
        return Trace("veto", f.veto, f.sentence.text,
                     f"{f.rule.id}: {who} {f.rule.action} vetoed: {f.reason}")
    if f.note:
        return Trace("note", f.rule.id, f.sentence.text, f.note)
    return Trace("match", f.rule.id, f.sentence.text, f"{who} {f.rule.action} ({f.confidence})")
