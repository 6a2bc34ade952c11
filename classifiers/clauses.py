"""Tokens and clause edges of a sentence, shared by the subject finders:
what splits a sentence into words, where a clause starts, and the asides and
legal suffixes blanked before walking from a verb to its subject."""

from __future__ import annotations

import re

TOKEN = re.compile(r"[^\W_][\w&.'’+-]*[\w&+]|[^\W_]|[,;:()\"“”—–]|(?<=\s)--?(?=\s)")
_HARD_BOUNDARY = re.compile(r"[;:()\[\]\"“”—–|]|\s--?\s")  # "|": a table's cells
_ASIDE = re.compile(r"\([^()]{0,80}\)"  # "(NASDAQ: ACME)"
                    r"|(?<=\s)(?:—|–|--?)\s[a-z][^—–]{0,150}?\s(?:—|–|--?)(?=\s)")
_COMMA_SUFFIX = re.compile(r",\s*(?:Inc|Corp|Ltd|LLC|Co|GmbH|AG|S\.A|PLC|plc|N\.V|B\.V|Lda|"
                           r"Ltda|Pty|Oy|Oyj|S\.L|S\.r\.l|S\.p\.A|K\.K|Pte|SAS|SARL)\b\.?")
_DATELINE_DASHES = re.compile(r"(?<=[\d)])--(?=[A-Za-z])")
DETERMINERS = frozenset({"the", "this", "that", "its", "his", "her", "their", "our"})


def blank_comma_suffixes(text: str) -> str:
    """Blank (same length) what hides a subject from its verb: ", Inc." after a
    name, "(NASDAQ: ACME)", "— the Austin company behind X —" asides, and a
    wire dateline's dashes ("June 8, 2022--Kelso Robotics")."""
    if "," in text:
        text = _COMMA_SUFFIX.sub(lambda m: " " * len(m.group()), text)
    if "(" in text or "-" in text or "—" in text or "–" in text:
        text = _ASIDE.sub(lambda m: " " * len(m.group()), text)
        if "--" in text:
            text = _DATELINE_DASHES.sub("  ", text)
    return text


def segment_start(sentence: str, end: int) -> int:
    """Where the stretch holding `end` starts: after the last hard boundary
    (a semicolon, colon, bracket, quote, dash or table cell) before it."""
    last = 0
    for found in _HARD_BOUNDARY.finditer(sentence, 0, end):
        last = found.end()
    return last
