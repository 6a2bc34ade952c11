"""One matching key for company names.

The ledger merges reports of one company on it and the backtest matches
labels with it, so both agree on who is the same company: case, accents,
punctuation, "&" versus "and", a leading "the", trailing legal suffixes of any
country ("AS", "s.r.o.", "Sp. z o.o.", "Pty Ltd") and a trailing "Group" or
"Holdings" are ignored. The suffix lists are the packaged word lists.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from classifiers.lexicon import legal_suffix_re
from classifiers.ruleset import packaged_words

# Letters NFKD does not decompose to ASCII.
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                       "ß": "ss", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i",
                       "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"})
_THE = re.compile(r"^\s*the\s+(?=\S)", re.I)
_NOT_KEY = re.compile(r"[^a-z0-9]+")


def ascii_fold(text: str) -> str:
    """"Nubes Ibérica", "Halvorsen & Søn" -> "Nubes Iberica", "Halvorsen & Son"."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return text.encode("ascii", "ignore").decode()


@lru_cache(maxsize=1)
def _ignored_tail() -> re.Pattern[str]:
    words = packaged_words()
    forms = [*words.get("corporate_suffixes", ()), *words.get("key_ignored_words", ())]
    return legal_suffix_re(ascii_fold(f) for f in forms)


def company_key(name: str) -> str:
    """The key two spellings of one company share ("Ostrava Cloud s.r.o." and
    "Ostrava Cloud"; "AT&T Inc." and "at and t")."""
    text = ascii_fold(name).replace("&", " and ")
    text = _ignored_tail().sub("", _THE.sub("", text))
    return _NOT_KEY.sub("", text.casefold()) or name.casefold()
