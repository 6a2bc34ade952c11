"""A headline or dek may describe the story's subject before naming it
("Scottish research university becomes an associate member of X"), often
without an article. Before any name is given, such a phrase stands for the
organisation whose name has its head noun, else for the story's subject. A
generic phrase later in the story ("when a switch company leaves") still names
no one.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("title", "text", "company"), [
    ("A new edge computing lab for Glasgow",
     "Scottish research university becomes an associate member of the OpenStack Foundation; new "
     "lab to study schedulers\n\nGLASGOW, May 3, 2019 -- The Tarrow Institute of Technology "
     "(TARIT) said on Tuesday it will open a cloud lab in its school of computing.\n\nTARIT said "
     "its researchers will contribute to Nova and to the placement service.\n\nAbout TARIT\n"
     "TARIT is a research university founded in 1901.", "TARIT"),
    ("Dutch host steps up its OpenStack commitment",
     "The Dutch hosting company becomes a Gold member of the OpenStack Foundation after three "
     "years as a user.\n\nEINDHOVEN -- Brabant Data, which runs 40,000 cores, said it would "
     "fund two upstream developers.\n\nBrabant Data sells managed private clouds to banks.",
     "Brabant Data"),
    ("Government research institute takes a seat at the OpenStack Foundation",
     "EDINBURGH -- Kelso Research Institute runs the national weather service's cloud on "
     "OpenStack.\n\nThe institute said it would send two developers to the next summit.",
     "Kelso Research Institute"),
    ("Chinese carrier joins the OpenStack Foundation as a Gold member",
     "BEIJING, March 3, 2016 -- Zhonghua Telecom will fund three full-time developers to work "
     "on Neutron and Nova, the company said on Monday.\n\nZhonghua Telecom runs one of the "
     "largest OpenStack clouds in Asia.", "Zhonghua Telecom"),
])
def test_an_opening_descriptor_stands_for_the_story_subject(title: str, text: str,
                                                             company: str) -> None:
    assert (company, "joined") in events(text, title)


@pytest.mark.parametrize(("title", "text"), [
    ("Why vendor churn does not scare operators",
     "Operators at the OpenStack summit said vendors come and go.\n\nWhen a switch company "
     "leaves the foundation it does not change how my cluster works on Monday morning, one "
     "said.\n\nOthers agreed."),
    ("Operators weigh their OpenStack options",
     "Brabant Data runs OpenStack for banks.\n\nDutch hosting company becomes a Gold member of "
     "the OpenStack Foundation only if its customers ask, its chief executive said.\n\nHalvora "
     "Systems, a rival, is already a member."),
    ("Carriers and OpenStack",
     "Zhonghua Telecom runs OpenStack.\n\nAnalysts at Brightline Research said more carriers "
     "would follow.\n\nChinese carrier joins OpenStack Foundation as a Gold member, one "
     "analyst's slide said, though none has said so."),
])
def test_a_descriptor_later_in_the_story_names_no_one(title: str, text: str) -> None:
    assert events(text, title) == set()
