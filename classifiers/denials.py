"""A story's own denial outranks the claims it reports.

When a story has a company deny a change ("HPE denies it is quitting the
OpenStack Foundation"), the same (company, action) found elsewhere in it only
in a claimed, reported or future-tense sentence ("a blog post said HPE would
not renew") is the claim being denied, not an event. A plain statement of the
change ("HPE left the foundation in May") still stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from classifiers.document import Document
from classifiers.headline import HeadlineCheck
from classifiers.matching import Finding

#: Sentences that only report, claim or foresee a change.
_UNSURE = re.compile(
    r"\b(?:will|would|shall|going\s+to|plans?\s+to|planning\s+to|intends?\s+to|set\s+to|"
    r"poised\s+to|about\s+to|(?:is|are)\s+to|(?:is|are)\s+[a-z]+ing|claim\w*|alleg\w*|"
    r"reported(?:ly)?|reports?|rumou?r\w*|speculat\w*|according\s+to|sources?|suggest\w*)\b",
    re.I)


def overruled_claims(doc: Document, findings: Sequence[Finding],
                     check: HeadlineCheck) -> list[Finding]:
    """The findings, with claims of a change the story denies vetoed."""
    denied = {(c, f.rule.action) for f in findings if f.reason == "denial" for c in f.companies}
    out = []
    for f in findings:
        if f.stands and _UNSURE.search(f.sentence.text):
            for company in f.companies:
                where = "" if (company, f.rule.action) not in denied else "a denial in the story"
                where = where or check.denial(doc, company, f.rule.action, f.sentence.index)
                if where:
                    f = Finding(f.rule, f.sentence, f.companies, f.confidence,
                                "veto.denied-elsewhere", f"denial: {company} denies it ({where})")
                    break
        out.append(f)
    return out
