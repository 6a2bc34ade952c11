"""Slack escaping, links and Block Kit packing: pure functions, no network."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.alerts import Alert
from bot.commands import Reply, ReplyItem
from bot.slack_chat.render import (
    BLOCKS_MAX,
    REPLY_CHARS_MAX,
    SECTION_MAX,
    alert_message,
    clean,
    command_text,
    escape,
    link,
    reply_message,
    safe_url,
)


def test_escape_ampersand_first() -> None:
    assert escape("a & <b> &lt;") == "a &amp; &lt;b&gt; &amp;lt;"


def test_clean_drops_controls_collapses_and_truncates_before_escaping() -> None:
    assert clean("  A\u202e\x00  B\n\tC ") == "A B C"
    assert clean("a&b&c", 8) == "a&amp;b…"  # the limit counts escaped characters
    assert clean("&" * 10, 5) == "…"
    assert clean("<" * 1000, 300) == "&lt;" * 74 + "…"


@pytest.mark.parametrize("url, expected", [
    ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
    ("http://example.com/x|fake label", "http://example.com/x%7Cfake%20label"),
    ("https://example.com/<!channel>", "https://example.com/%3C!channel%3E"),
    ("javascript:alert(1)", None),
    ("slack://channel?id=C1", None),
    ("https://", None),
    ("", None),
    (None, None),
])
def test_safe_url_only_http_and_nothing_that_breaks_out(url: str | None,
                                                        expected: str | None) -> None:
    assert safe_url(url) == expected


def test_link_shows_the_real_host_next_to_an_untrusted_label() -> None:
    assert link("https://evil.example/p?a=1&b=2", "https://good.example") == (
        "<https://evil.example/p?a=1&amp;b=2|https://good.example> (evil.example)")
    assert link("ftp://x.example/", "Title <b>") == "Title &lt;b&gt;"


@pytest.mark.parametrize("raw, expected", [
    ("feeds pause <https://a.example/feed?x=1&amp;y=2>", "feeds pause https://a.example/feed?x=1&y=2"),
    ("feeds pause <https://a.example/f|a.example/f>", "feeds pause https://a.example/f"),
    ("company AT&amp;T", "company AT&T"),
    ("company &amp;lt;b&amp;gt;", "company &lt;b&gt;"),
    ("company &lt;!channel&gt;", "company <!channel>"),
])
def test_command_text_undoes_slack_encoding(raw: str, expected: str) -> None:
    assert command_text(raw) == expected


def test_reply_items_link_date_and_ephemeral_errors() -> None:
    reply = Reply(heading="Companies & co", items=(
        ReplyItem("Dell joined", "Dell joined <today>", "https://n.example/d",
                  datetime(2026, 5, 1, tzinfo=UTC)),
        ReplyItem("No link", url="file:///etc/passwd")))
    message = reply_message(reply)
    assert message["response_type"] == "in_channel"
    assert message["text"] == "Companies &amp; co"
    assert message["blocks"][1]["text"]["text"] == (
        "• *<https://n.example/d|Dell joined> (n.example)* — Dell joined &lt;today&gt; "
        "(2026-05-01)\n• *No link*")
    error = reply_message(Reply(heading="bad <x>", ephemeral=True, error=True))
    assert error["response_type"] == "ephemeral"
    assert error["blocks"] == [{"type": "section", "text": {
        "type": "mrkdwn", "text": "*:warning: bad &lt;x&gt;*"}}]


def test_long_replies_stay_within_block_kit_limits_and_say_what_is_left_out() -> None:
    items = tuple(ReplyItem(f"Feed {i}", "x" * 300, f"https://f{i}.example/") for i in range(100))
    blocks = reply_message(Reply(heading="100 feeds", items=items))["blocks"]
    assert len(blocks) <= BLOCKS_MAX
    texts = [b["text"]["text"] if "text" in b else b["elements"][0]["text"] for b in blocks]
    assert all(len(t) <= SECTION_MAX for t in texts)
    assert sum(len(t) for t in texts) <= REPLY_CHARS_MAX + 500
    shown = sum(t.count("• ") for t in texts)
    assert 0 < shown < 100
    assert blocks[-1]["type"] == "context"
    assert f"…and {100 - shown} more not shown" in texts[-1]


def test_oversized_alert_fields_fit_block_kit_without_breaking_markup() -> None:
    alert = Alert(delivery_id=1, kind="alert", destination="d", event_id=1, company="&" * 999,
                  action="joined", evidence="<" * 9999, rule="r" * 500, confidence=1.0,
                  title="&>" * 5000, url="https://x.example/?q=" + "&" * 190, outlet="&" * 999,
                  published_at=None)
    blocks = alert_message(alert)["blocks"]
    texts = [b["text"]["text"] if "text" in b else b["elements"][0]["text"] for b in blocks]
    assert all(len(t) <= SECTION_MAX for t in texts)
    assert texts[2].startswith("<https://x.example/?q=" + "&amp;" * 190 + "|&amp;&gt;")
    assert "…> (x.example)\n" in texts[2]
    longer = alert_message(Alert(**{**alert.__dict__, "url": alert.url + "&" * 10}))
    assert longer["blocks"][2]["text"]["text"].startswith("&amp;&gt;")  # too long: unlinked
