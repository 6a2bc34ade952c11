"""From raw article text (plain or markdown-ish) to clean lines.

Repairs mojibake, lifts the title out of YAML front matter, turns markdown
links into their anchor text, and marks lines that belong to trailing
"Related posts" / comments blocks: those are kept, but only so that a match in
them can be shown as vetoed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

import ftfy

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_FM_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.M)
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00c5\u00e2][\u0080-\u00bf\u20ac\u2122\u0153\u0161"
                            "\u017e\u201a-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a]")
# Double-encoded quotes whose C1 middle byte was lost on the way ("Weâve").
_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z])\u00e2(?=(?:s|t|re|ve|ll|d|m)\b)")
_LOST_ELLIPSIS = re.compile("\u00e2\u00a6")
# ... and quotes: "to âPellucid Networks joins ...â" (never inside a word: "château").
_LOST_OPEN_QUOTE = re.compile(r"(?<!\w)\u00e2(?=\w)")
_LOST_CLOSE_QUOTE = re.compile(r"(?<=[\w.!?,])\u00e2(?!\w)")
_IMAGE = re.compile(r"!\[[^\]]*\]\((?:[^()\s]|\([^)]*\))*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()\n]|\([^)\n]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_LINE_PREFIX = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?)", re.M)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_SPACES = re.compile(r"\s+")
_LIST_START = re.compile(r"\s*(?:[-*•·]\s|\d+[.)]\s|#)")
#: A row of a plain-text table: "Gold | Acme | new member" (two cell separators).
_TABLE_ROW = re.compile(r"[^|\n]*\|[^|\n]*\|")
WRAP_MIN_WIDTH, WRAP_MAX_WIDTH = 50, 120
#: Without a wrap width, a line this long not ending a sentence runs on.
RUN_ON_MIN_WIDTH = 70
#: Lines of an unbulleted list after a "...:" line are at most this long.
LIST_ITEM_MAX_WIDTH = 80
_RUN_ON_WORDS = frozenset({"the", "a", "an", "its", "their", "our", "his", "her", "of", "to", "in",
                           "and", "or", "as", "for", "with", "that", "by", "on", "at", "from",
                           "is", "are", "was", "were", "has", "have", "had", "will", "be"})
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "\u201d", ")", "]")
TRAILING_HEADLINES_MIN = 2
#: A bare "Discussion" among this many first lines, with more lines than that
#: after it, labels a forum post: it opens no trailing block.
TOP_LINES = 5
_LABELLED = re.compile(r"^\s*(?:[-*•·]\s+)?[\w-]+(?:\s+[\w-]+)?\s*:\s")  # "Added: ..."
# A blog's comment header: "4 Responses to “Acme joins OpenStack”".
_COMMENT_COUNT = re.compile(r"^\W*(?:\d+|no|one|two|three|four|five)\s+(?:responses?|comments?|"
                            r"replies|reply|thoughts?)\s+(?:to|on)\s+\S.{0,160}$", re.I)
_MEMBERSHIP_LIST_OPENER = re.compile(
    r"\b(?:join\w*|signed|members?|membership|sponsors?|sponsorship|renew\w*|left|depart\w*|"
    r"withdr\w*|welcom\w*)\b[^:]*:\s*$", re.I)
_LINK_ITEM = re.compile(r"^\s*(?:[-*•·]\s+)?\S.{3,250}\((?:www\.)?[\w-]+(?:\.[\w-]+)+\)\s*$")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line (a paragraph, a heading, a list item) of the body."""

    text: str
    related: bool


def repair(text: str) -> str:
    """Fix entities and mojibake; cheap when the text has neither."""
    if "&" in text and ";" in text:
        text = html.unescape(text)
    if _MOJIBAKE_HINT.search(text):
        text = ftfy.fix_text(text)
    if "\u00e2" in text:
        text = _LOST_APOSTROPHE.sub("\u2019", text)
        text = _LOST_ELLIPSIS.sub("\u2026", text)
        text = _LOST_OPEN_QUOTE.sub("\u201c", text)
        text = _LOST_CLOSE_QUOTE.sub("\u201d", text)
    return text


def split_front_matter(text: str) -> tuple[str, str | None]:
    """Body without YAML front matter, and the front matter's title if any."""
    found = _FRONT_MATTER.match(text)
    if not found:
        return text, None
    title = _FM_TITLE.search(found.group(1))
    value = title.group(1).strip().strip("'\"").strip() if title else ""
    return text[found.end():], value or None


def unwrap(text: str) -> str:
    """Join hard-wrapped lines back into paragraphs.

    Only when the text looks wrapped: several lines end near the same width
    without ending a sentence. A line well short of that width (a heading, a
    list item, a paragraph's last line) keeps its line break.
    """
    lines = text.split("\n")
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < 4:
        return _join_broken(lines)
    width = lengths[int(len(lengths) * 0.9) - 1]
    if width < WRAP_MIN_WIDTH or width > WRAP_MAX_WIDTH:
        return _join_broken(lines)
    near = [i for i, line in enumerate(lines[:-1])
            if len(line) >= width * 0.75 and lines[i + 1].strip()]
    if len(near) < 2:
        return _join_broken(lines)
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        joined = i in near and not _LIST_START.match(lines[i + 1]) and \
            not _in_colon_list(lines, i) and not _table_rows(lines, i)
        out.append(" " if joined else "\n")
    return "".join(out[:-1])


def _join_broken(lines: list[str]) -> str:
    """Too few lines to see a wrap width: still join a line that plainly runs
    on ("... is now" / "a Gold member ..."): no sentence end, and the next line
    starts in lower case, or this one is a long line after the first."""
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i + 1 < len(lines):
            out.append(" " if _runs_on(lines, i) else "\n")
    return "".join(out)


def _runs_on(lines: list[str], i: int) -> bool:
    line, nxt = lines[i].rstrip(), lines[i + 1].strip()
    if not line.strip() or not nxt or _LIST_START.match(lines[i + 1]) or \
            _LIST_START.match(line) or line.endswith(_SENTENCE_END) or _table_rows(lines, i):
        return False
    if nxt[0].islower() or line.rsplit(None, 1)[-1] in _RUN_ON_WORDS:
        return True
    return i > 0 and len(line) >= RUN_ON_MIN_WIDTH and not _title_case(nxt) and \
        not _in_colon_list(lines, i)


def _table_rows(lines: list[str], i: int) -> bool:
    """Lines i and i + 1 are rows of one table: each row stays a line of its own."""
    return bool(_TABLE_ROW.match(lines[i]) and _TABLE_ROW.match(lines[i + 1]))


def _in_colon_list(lines: list[str], i: int) -> bool:
    """Line i is an item of an unbulleted list: short lines up to one that
    ends in ":" ("the following companies have joined:" / "Acme, a hoster")."""
    for j in range(i, -1, -1):
        line = lines[j].strip()
        if j < i and line.endswith(":"):
            return True
        if line and (len(line) > LIST_ITEM_MAX_WIDTH or line.endswith((".", "!", "?", ":"))):
            return False
    return False


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def demarkdown(text: str) -> str:
    """Anchor text for links, no emphasis markers, no heading/quote prefixes."""
    if "](" in text or "][" in text:
        text = _IMAGE.sub(" ", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
    if "*" in text or "__" in text:
        text = _EMPHASIS.sub("", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    return _LINE_PREFIX.sub("", text)


def clean_lines(text: str, header_re: re.Pattern[str]) -> list[Line]:
    """Non-empty, whitespace-collapsed lines, with trailing link blocks marked.

    `header_re` comes from `related_header_re`: a bare header line ("Related
    Posts:", "Comments") marks every later line; "Read more: ..." only itself.
    A bare header among the first `TOP_LINES` lines with a long text after it
    labels a post ("Discussion" as a forum flair) and marks nothing else.
    """
    texts = [line for line in (_SPACES.sub(" ", raw).strip() for raw in text.splitlines())
             if line]
    lines: list[Line] = []
    in_related = False
    for i, line in enumerate(texts):
        header = header_re.match(line)
        label = i < TOP_LINES and len(texts) - i > TOP_LINES
        if (header and not header.group("rest") and not label) or _COMMENT_COUNT.match(line):
            in_related = True
        related = in_related or bool(header) or bool(_LINK_ITEM.match(line))
        lines.append(Line(line, related))
    return _mark_trailing_headlines(lines)


def _mark_trailing_headlines(lines: list[Line]) -> list[Line]:
    """Two or more headline-like lines ending the text are a links block,
    unless the line before them announces a list of members."""
    start = len(lines)
    while start > 1 and _headline_like(lines[start - 1].text):
        start -= 1
    if len(lines) - start < TRAILING_HEADLINES_MIN or \
            (start > 0 and _MEMBERSHIP_LIST_OPENER.search(lines[start - 1].text)):
        return lines  # "...the following have joined:" opens a list of names, not links
    return lines[:start] + [Line(line.text, True) for line in lines[start:]]


def _headline_like(text: str) -> bool:
    words = _LIST_START.sub("", text, count=1).split() if _LIST_START.match(text) else text.split()
    return len(text) <= 120 and len(words) >= 3 and \
        not text.endswith((".", "\u201d", '"')) and not _LABELLED.match(text)


def related_header_re(phrases: Iterable[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len,
                                                                          reverse=True))
    if not body:
        body = "(?!x)x"
    return re.compile(rf"^\W*(?:\d+\s+)?(?:{body})\b\W*?(?::\s*(?P<rest>\S.*))?\W*$", re.I)
