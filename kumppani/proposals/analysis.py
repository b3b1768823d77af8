"""Finnish proposal text to base forms, cached per word (proposals repeat their vocabulary)."""

from __future__ import annotations

from functools import lru_cache

from kumppani.core.text import lemmas, word_forms, words

# Function words and words every proposal shares; they carry no topic.
STOPWORDS = frozenset(
    """
    ja tai sekä että jotta kun kuin jos mutta myös vielä jo eli ei olla on ovat oli
    se ne tämä nämä joka mikä kuka me te he hän minä sinä meidän heidän oma omat
    kanssa yhdessä muu muut muiden toinen toiset kaikki jokin joku jne esim mm
    kautta avulla varten osalta mukaan mukana lisäksi enemmän uusi uusia
    voida tulla pitää saada tehdä alkaa aloittaa jatkaa
    yhdistys yhdistyksemme järjestö kunta kaupunki
    och att det som en ett för med till av på är
    """.split()
)


PART_PREFIX = "~"  # marks compound parts: features for similarity, never label words


@lru_cache(maxsize=300_000)
def word_lemma(word: str) -> str:
    found = lemmas(word)
    return found[0] if found else ""


@lru_cache(maxsize=300_000)
def word_features(word: str) -> tuple[str, ...]:
    """The word's base form, then the parts of a compound ("kävelyryhmiä" → "kävelyryhmä",
    "kävely", "ryhmä"), so that "kohtaamispaikka" and "kohtaamispaikkatoiminta" meet."""
    lemma = word_lemma(word)
    if len(lemma) <= 1 or lemma in STOPWORDS:
        return ()
    parts = sorted(
        PART_PREFIX + f
        for f in word_forms(word)
        if f != lemma and len(f) > 3 and f in lemma and f not in STOPWORDS
    )
    return (lemma, *parts)


def lemma_document(text: str) -> str:
    """The base forms of the text's content words, space-separated (for TF-IDF)."""
    out: list[str] = []
    for word in words(text):
        if not word.isdigit():
            out.extend(word_features(word))
    return " ".join(out)
