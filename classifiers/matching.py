"""Running the rules over one document's sentences and judging each match.

A match becomes a `Finding`: the companies it names, and either no veto (an
event) or the suppressor that cancelled it. Matches contained in a longer match
of the same action are skipped, so the most specific phrase explains itself
(unless the longer one found no subject or context: then it explains nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from classifiers.document import Document, shouted
from classifiers.leading_subjects import clause_subject
from classifiers.lexicon import Lexicon
from classifiers.name_runs import Subject
from classifiers.names import blank_appositives, is_surname, list_names
from classifiers.resolve import Mentions
from classifiers.ruleset import Rule, RuleSet
from classifiers.sentences import Sentence
from classifiers.subjects import subject_before
from classifiers.vetoes import Windows, first_veto, windows

#: Confidence multipliers for weaker evidence of who acted.
RESOLVED_FACTOR = 0.9
UNKNOWN_FACTOR = 0.9
CONTEXT_FACTOR = 0.9

_BARE_CHANGE_HEADING = re.compile(
    r"^\W*(?:added|removed|new|joined|left|departed|dropped|changes?|changed|additions?|"
    r"removals?|departures?|arrivals?|leavers?|joiners?)\W*(?:\(\w+\)\W*)?$", re.I)
_OWNER = re.compile(r"\s*\b(its|their|our)\s", re.I)
#: "<clause> by becoming / by joining": the gerund's subject is the clause's.
_BY_GERUND = re.compile(r"\bby\s+$")
_GERUND = re.compile(r"[a-z]+ing\b", re.I)


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule match, judged: `veto` is "" when it stands."""

    rule: Rule
    sentence: Sentence
    companies: tuple[str, ...]
    confidence: float
    veto: str = ""
    reason: str = ""
    note: str = ""

    @property
    def stands(self) -> bool:
        return bool(self.companies) and not self.veto and not self.note


def find_all(doc: Document, rules: RuleSet) -> list[Finding]:
    """Every judged match of every rule, in reading order."""
    if doc.lex is not rules.lexicon:  # names this story teaches (classifiers.story_names)
        rules = replace(rules, lexicon=doc.lex)
    mentions = Mentions(doc.sentences, rules.lexicon)
    found: list[Finding] = []
    for index in range(len(doc.sentences)):
        found.extend(_sentence(doc, index, rules, mentions))
    return found


def _candidates(doc: Document, index: int, rules: RuleSet) -> list[tuple[Rule, re.Match[str]]]:
    sentence = doc.sentences[index]
    here, near = doc.has_target[index], doc.target_near(index)
    if not near:
        return []
    out: list[tuple[Rule, re.Match[str]]] = []
    for rule in rules.gated(sentence.text.casefold()):
        if (rule.target != "context" and not here) or \
                (rule.requires_scope == "list" and index not in doc.items):
            continue
        out.extend((rule, m) for m in rule.regex.finditer(sentence.text) if m.end() > m.start())
    out.sort(key=lambda c: (c[1].start() - c[1].end(), c[1].start()))
    return out


def _sentence(doc: Document, index: int, rules: RuleSet,
              mentions: Mentions) -> Iterator[Finding]:
    taken: list[tuple[str, int, int]] = []
    for rule, match in _candidates(doc, index, rules):
        if any(a == rule.action and s <= match.start() and match.end() <= e for a, s, e in taken):
            continue
        finding = _judge(doc, index, rule, match, rules, mentions)
        if not finding.note:  # a match that found no subject or context hides nothing
            # a list hides matches over its names, not the clause that leads to
            # them ("VMware was approved ..., along with Intel and NEC": VMware too)
            span = match.span("orgs") if rule.lists_orgs else match.span()
            taken.append((rule.action, *span))
        yield finding


def _judge(doc: Document, index: int, rule: Rule, match: re.Match[str], rules: RuleSet,
           mentions: Mentions) -> Finding:
    sentence = doc.sentences[index]
    lex = rules.lexicon
    if rule.requires is not None and not _required(doc, index, rule.requires,
                                                   rule.requires_scope):
        return Finding(rule, sentence, (), 0.0, note="required context not found")
    subject = _subject(sentence.text, rule, match, rules)
    companies = subject.names
    confidence = rule.confidence
    reporter = _reporter(subject, index, mentions, lex)
    if reporter is not None:  # "IBM and Red Hat said they have joined": both, judged from there
        plural = lex.has("plural_pronouns", subject.text)
        companies = reporter.names if plural else reporter.names[-1:]
        subject = reporter
        confidence *= RESOLVED_FACTOR
    elif subject.how in ("pronoun", "descriptor"):
        resolved = mentions.resolve(subject.how, subject.text, index, subject.start)
        companies = (resolved,) if resolved else ()
        confidence *= RESOLVED_FACTOR
    elif subject.how == "name":
        for name in companies:
            mentions.add(index, subject.start, name)
    if not companies:
        return Finding(rule, sentence, (), 0.0,
                       note=f"no organisation as subject ({subject.how}: {subject.text!r})")
    if subject.how == "name" and shouted(sentence.text) and \
            not all(doc.named_in_prose(c) for c in companies):
        return Finding(rule, sentence, (), 0.0,
                       note=f"an all-capitals line, and the prose never names {subject.text!r}")
    project = next((c for c in companies if c in doc.projects), None)
    if project is not None:
        return Finding(rule, sentence, (), 0.0,
                       note=f"a project, not an organisation (the story calls {project} one)")
    if subject.how == "name" and any(is_surname(doc.body, c, lex) for c in companies):
        return Finding(rule, sentence, (), 0.0,
                       note=f"subject is a person named earlier ({subject.text!r})")
    if any(lex.known(c) is None for c in companies):
        confidence *= UNKNOWN_FACTOR
    text = sentence.text
    if rule.lists_orgs and "," in (match.group("orgs") or ""):  # "A, a Bergen operator of X, and B"
        text = blank_appositives(text, match.start("orgs"), match.end("orgs"))
    cut = windows(text, match.start(), match.end(), subject.start, subject.end,
                  subject.gap_from, subject.appositive)
    if rule.cue is not None and not rule.cue.search(cut.get(rule.cue_scope)):
        return Finding(rule, sentence, (), 0.0, note=f"no change cue in the {rule.cue_scope}")
    veto, reason = _veto(doc, index, rule, cut, rules)
    if not veto and rule.target == "context" and not doc.has_target[index]:
        confidence *= CONTEXT_FACTOR
    return Finding(rule, sentence, companies, round(confidence, 3), veto, reason)


def _reporter(subject: Subject, index: int, mentions: Mentions, lex: Lexicon) -> Subject | None:
    """The organisation a third-person pronoun reports for, if a reporting verb
    ("said", "announced today") stands right before the pronoun."""
    if subject.how != "pronoun" or lex.has("first_person", subject.text):
        return None
    return mentions.reporter(index, subject.start)


def _subject(text: str, rule: Rule, match: re.Match[str], rules: RuleSet) -> Subject:
    if rule.lists_orgs and match.group("orgs"):
        names = list_names(match.group("orgs"), rules.lexicon)
        return Subject("name" if names else "none", names, match.start("orgs"),
                       match.end("orgs"), match.group("orgs"))
    if _BY_GERUND.search(text, 0, match.start()) and _GERUND.match(text, match.start()):
        named = _means_subject(text, text.rindex("by", 0, match.start()), rules.lexicon)
        if named is not None:  # "Acme threw its weight behind X by becoming a member"
            return named
    owner = _OWNER.match(text, match.start())
    if owner:  # "[Acme completed] its exit from ...": the owner acts
        named = clause_subject(text, owner.start(1), rules.lexicon)
        if named.how == "name" and owner.group(1).casefold() != "our":
            return named
        return Subject("pronoun", (), owner.start(1), owner.end(1), owner.group(1))
    return subject_before(text, match.start(), rules.lexicon)


def _means_subject(text: str, by: int, lex: Lexicon) -> Subject | None:
    """The named subject of the clause a "by <gerund>" adjunct ends: "Acme
    threw its weight behind X by", "Acme, a Leeds host, threw ... by"."""
    named = clause_subject(text, by, lex)
    if named.how == "name":
        return named
    comma = text.rfind(", ", 0, by)
    if comma < 0:
        return None
    named = subject_before(text, comma + 2, lex)  # past the appositive to the name
    return named if named.how == "name" else None


def _required(doc: Document, index: int, requires: re.Pattern[str], scope: str) -> bool:
    """"near": this or the previous sentence, the headline or the heading over
    it; "heading": only the heading over it (the headline if none, or if the
    heading only names the change: "ADDED", "Removed"); "list": the sentence
    is an item of a list and the "...:" line that opens it matches."""
    title = doc.sentences[:1] if doc.sentences and doc.sentences[0].title else ()
    heading = doc.sentences[doc.heading(index):][:1] if doc.heading(index) >= 0 else ()
    if scope == "list":  # an item of the list its own "...:" heading line opens
        opener = doc.items.get(index, -1)
        return opener >= 0 and requires.search(doc.sentences[opener].text) is not None
    if scope == "heading":
        if heading and _BARE_CHANGE_HEADING.match(heading[0].text):
            heading = ()
        return any(requires.search(s.text) for s in heading or title)
    near = doc.sentences[max(0, index - 1):index + 1]
    return any(requires.search(s.text) for s in (*title, *heading, *near))


def _veto(doc: Document, index: int, rule: Rule, cut: Windows,
          rules: RuleSet) -> tuple[str, str]:
    if doc.sentences[index].related:
        return "veto.related", "in a related-links or comments block"
    lex = rules.lexicon
    if lex.other_re.search(cut.match):
        return "veto.other-target", "another foundation named in the phrase"
    if rule.target != "match" and _other_is_nearer(doc.sentences[index].text, cut, rules):
        return "veto.other-target", "another foundation is the nearer target"
    if rule.target == "context" and not doc.has_target[index] and doc.other_in_context(index):
        return "veto.other-target", "another foundation is the one in context"
    veto = first_veto(rules.vetoes, rule.action, cut, doc.year, doc.month)
    if veto is not None:
        return veto.id, veto.reason
    history = doc.history.background(index, cut)
    if history:
        return "veto.history", f"background: {history}"
    return "", ""


def _other_is_nearer(text: str, cut: Windows, rules: RuleSet) -> bool:
    """Another foundation before the verb or in its clause is nearer the verb
    than any watched name (a trailing ", citing Kubernetes" does not count)."""
    lex = rules.lexicon
    pos = cut.start
    high = pos + len(cut.match) + len(cut.after)
    others = [abs(m.start() - pos) for m in lex.other_re.finditer(text, 0, high)]
    if not others:
        return False
    targets = [abs(m.start() - pos) for m in lex.target_re.finditer(text)]
    return not targets or min(others) < min(targets)
