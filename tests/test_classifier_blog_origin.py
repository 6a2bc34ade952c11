"""A company blog's own story: "we" is the organisation whose origin the post
tells ("Some of you know that Hollins & Sons started life in 2001 as ...",
"Brackwater was founded in 2012 by ..."), the "About us" line of a blog.

Every phrasing here is written for these tests; the organisations are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize("origin", [
    "Some of you will know that Hollins & Sons started life in 2001 as a tiny hosting shop.",
    "Hollins & Sons was founded in 2001 by two brothers in a garage in Derby.",
    "As regular readers know, Hollins & Sons began life as a colocation reseller.",
])
def test_we_is_the_company_whose_origin_the_post_tells(origin: str) -> None:
    text = ("Why we joined the OpenStack Foundation\n\n"
            "Today we're proud to share that we have joined the OpenStack Foundation as a "
            f"Corporate Sponsor.\n\n{origin} We have run OpenStack for four years.\n")
    assert events(text) == {("Hollins & Sons", "joined")}


def test_without_an_origin_line_we_stays_unknown() -> None:
    text = ("Why we joined the OpenStack Foundation\n\n"
            "Today we're proud to share that we have joined the OpenStack Foundation as a "
            "Corporate Sponsor.\n\nWe have run OpenStack for four years for Hollins & Sons "
            "and other customers.\n")
    assert events(text) == set()
