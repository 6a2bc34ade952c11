"""When the body takes back what the headline says.

A headline event stands unless the body negates the same change for the same
company, or denies it: a sentence that names the company and has a denial cue
("denied", "no plans", "not leaving") with a word of the same change right
after it ("no plans to leave", "denied it would join") or of the report
itself ("denied the report", not "dismissed speculation that it would sell
a unit"). A denial about
something else ("no plans to remove OpenStack support from its product") does
not touch a membership headline. An unknown headline name must also appear in
the body, unless the body is only a teaser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from classifiers.document import Document
from classifiers.lexicon import Lexicon
from classifiers.matching import Finding

#: A body shorter than this (a feed item's teaser) need not repeat the headline's name.
SHORT_BODY_CHARS = 400
#: How far after a denial cue a word of the change may stand.
DENIAL_REACH = 80
_MEMBERSHIP = re.compile(r"\b(?:foundation|membership|member|sponsor\w*|community|tier|fold)\b")
_THING = re.compile(r"\s+(?:support|customers?|products?|clouds?|software|platform|users?"
                    r"|deployments?|business|services?|code|development|work|drivers?)\b")
#: Or the denial is of the story itself: "denied the report".
_REPORT = re.compile(r"\b(?:reports?|rumou?rs?|story|stories|claims?|speculation|article)\b"
                     r"(?!\s+(?:that|about|of|on\s+(?!\w+day)))")


class HeadlineCheck:
    """Compiled once per Classifier from the word lists."""

    def __init__(self, lex: Lexicon) -> None:
        self._lex = lex
        self._denial_re = phrases_re(lex.words.get("denial_cues", ()))
        self._change_words = {
            "joined": tuple(sorted(lex.words.get("join_change_words", ()))),
            "left": tuple(sorted(lex.words.get("leave_change_words", ()))),
        }

    def problem(self, doc: Document, title: Finding, findings: Sequence[Finding]) -> str:
        """Why the headline event `title` does not stand, or ""."""
        for company in title.companies:
            if self._lex.known(company) is None and company not in doc.body and \
                    len(doc.body) >= SHORT_BODY_CHARS:
                return f"{company} is not named in the body"
            for f in findings:
                if f.sentence.title or company not in f.companies:
                    continue
                if f.rule.action == title.rule.action and f.reason in ("negation", "denial"):
                    return f"body: {f.sentence.text}"
            denial = self.denial(doc, company, title.rule.action, 0)
            if denial:
                return f"body denies: {denial}"
        return ""

    def denial(self, doc: Document, company: str, action: str, skip: int) -> str:
        """A sentence of the story (other than sentence `skip`) in which
        `company` denies `action`, or ""."""
        for sentence in doc.sentences:
            if sentence.index != skip and self._denies(sentence.text, action) and \
                    _names(sentence.text, company, self._lex):
                return sentence.text
        return ""

    def _denies(self, text: str, action: str) -> bool:
        words = self._change_words.get(action, ())
        for found in self._denial_re.finditer(text):
            reach = text[found.start():found.end() + DENIAL_REACH].casefold()
            if _REPORT.search(reach) or any(self._about_membership(reach, reach.find(word) + 1)
                                            for word in words if word in reach):
                return True
        return False

    def _about_membership(self, reach: str, at: int) -> bool:
        """What follows the change word is the membership, the community, or
        nothing ("not leaving."); not "drop OpenStack support for customers"."""
        after = reach[at:at + 50]
        after = after[len(after.split(None, 1)[0]) if after.split() else 0:]
        if not after.strip(" .,;!\"”'’") or _MEMBERSHIP.search(after):
            return True
        target = self._lex.target_re.search(after)
        return target is not None and not _THING.match(after, target.end())


def _names(text: str, company: str, lex: Lexicon) -> bool:
    if company in text:
        return True
    return any(lex.known(m.group()) == company for m in lex.company_re.finditer(text))


def phrases_re(phrases: Iterable[str]) -> re.Pattern[str]:
    """One word-bounded alternation of phrases, any whitespace between words."""
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases))
    return re.compile(rf"\b(?:{body})\b" if body else r"(?!x)x", re.I)
