"""Finnish (and Swedish) text analysis: words to base forms.

Voikko gives real base forms ("kyläyhdistyksille" -> "kyläyhdistys") and compound parts
("kylä", "yhdistys"). Where Voikko is not installed, a Snowball stemmer is used instead and a
warning is logged once: stems still join most inflections, though not to dictionary forms.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import snowballstemmer

logger = logging.getLogger(__name__)

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+", re.UNICODE)
TOKEN_SPLIT_RE = re.compile(r"([^\W\d_]+(?:[-'][^\W\d_]+)*|\d+)", re.UNICODE)
WORDBASE_RE = re.compile(r"\+([^+(]*)\(([^)]*)\)")
SAFE_TERM_RE = re.compile(r"[^\w]", re.UNICODE)

_local = threading.local()
_voikko_missing_logged = False


def _voikko() -> Any | None:
    """A per-thread Voikko instance (Voikko handles are not thread-safe), or None."""
    global _voikko_missing_logged
    if hasattr(_local, "voikko"):
        return _local.voikko
    try:
        import libvoikko

        _local.voikko = libvoikko.Voikko("fi")
    except Exception as error:  # libvoikko1 or voikko-fi missing
        if not _voikko_missing_logged:
            logger.warning("Voikko is not available (%s); falling back to Snowball stems.", error)
            _voikko_missing_logged = True
        _local.voikko = None
    return _local.voikko


def compound_parts(wordbases: str) -> list[str]:
    """The parts of a compound from Voikko's WORDBASES ("+kylä(kylä)+yhdist(yhdistää)+ys(+ys)"
    gives "kylä", "yhdistys"); derivational suffixes ("(+ys)") join the part before them."""
    parts: list[str] = []
    for surface, base in WORDBASE_RE.findall(wordbases):
        if base.startswith("+") and parts:
            parts[-1] += surface
        else:
            parts.append(surface)
    return [_clean(p) for p in parts if len(p) > 2] if len(parts) > 1 else []


def voikko_available() -> bool:
    return _voikko() is not None


_fi_stemmer = snowballstemmer.stemmer("finnish")
_sv_stemmer = snowballstemmer.stemmer("swedish")


def _clean(term: str) -> str:
    return SAFE_TERM_RE.sub("", term.lower())


@lru_cache(maxsize=200_000)
def word_forms(word: str) -> frozenset[str]:
    """Every base form a word may stand for, compound parts included, lower-cased.

    The Swedish Snowball stem is added too, so Swedish names are searchable.
    """
    lower = word.lower()
    forms: set[str] = {_clean(lower)}
    voikko = _voikko()
    if voikko is not None:
        for analysis in voikko.analyze(word):
            base = analysis.get("BASEFORM")
            if base:
                forms.add(_clean(base))
            forms.update(compound_parts(analysis.get("WORDBASES", "")))
        if "-" in lower:
            for piece in lower.split("-"):
                forms |= word_forms(piece)
    else:
        forms.add(_clean(_fi_stemmer.stemWord(lower)))
    forms.add(_clean(_sv_stemmer.stemWord(lower)))
    return frozenset(f for f in forms if f)


@lru_cache(maxsize=50_000)
def query_forms(word: str) -> frozenset[str]:
    """Base forms to look for when ``word`` is typed into a search box.

    Only whole-word base forms (not compound parts), so "yhdistys" matches compounds through
    their indexed parts while "kyläyhdistys" does not match every "yhdistys".
    """
    lower = word.lower()
    forms: set[str] = {_clean(lower)}
    voikko = _voikko()
    if voikko is not None:
        for analysis in voikko.analyze(word):
            base = analysis.get("BASEFORM")
            if base:
                forms.add(_clean(base))
    else:
        forms.add(_clean(_fi_stemmer.stemWord(lower)))
    forms.add(_clean(_sv_stemmer.stemWord(lower)))
    return frozenset(f for f in forms if f)


def words(text: str) -> list[str]:
    return WORD_RE.findall(text or "")


def base_form_document(texts: Iterable[str]) -> str:
    """A space-separated document of base forms, for the full-text index."""
    seen: list[str] = []
    for text in texts:
        for word in words(text):
            seen.extend(sorted(word_forms(word)))
    return " ".join(seen)


def query_terms(query: str) -> list[frozenset[str]]:
    """One set of alternative base forms per word of the query (words are ANDed)."""
    return [query_forms(w) for w in words(query)[:12]]


def lemmas(text: str) -> list[str]:
    """The first base form of each word: for grouping and key words (not for search)."""
    result: list[str] = []
    voikko = _voikko()
    for word in words(text):
        if voikko is not None:
            analyses = voikko.analyze(word)
            base = analyses[0].get("BASEFORM") if analyses else None
            result.append(_clean(base or word))
        else:
            result.append(_clean(_fi_stemmer.stemWord(word.lower())))
    return [w for w in result if w]


def split_for_highlight(text: str, terms: frozenset[str]) -> list[tuple[str, bool]]:
    """Split text into (piece, is_hit) where hits are words sharing a base form with terms."""
    if not terms:
        return [(text, False)]
    pieces = TOKEN_SPLIT_RE.split(text)
    out: list[tuple[str, bool]] = []
    for index, piece in enumerate(pieces):
        hit = index % 2 == 1 and bool(word_forms(piece) & terms)
        out.append((piece, hit))
    return out
