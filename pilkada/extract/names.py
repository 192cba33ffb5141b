"""Whether the capitalised words after a position are a person's name, and which of them.

Indonesian news capitalises more than names: a headline's verbs ("Diminta Jaga", "Ingatkan"),
pronouns opening a sentence ("Kami"), military commands ("Kodam IV Diponegoro"), unit codes
("Dandim 0808/BS") and the state ("Menteri Dalam Negeri Republik Indonesia"). The article itself
tells common words from names: a word it also writes in lower case is a word, not a name.
"""

from __future__ import annotations

import functools
import re

from pilkada.extract.lexicons import read_csv, read_yaml

_WORDS = read_yaml("not_names.yaml")
FUNCTION_WORDS = frozenset(_WORDS["function_words"])  # pronouns, conjunctions, particles
STATE_WORDS = frozenset(_WORDS["state_words"])  # the state and the administrative levels
DEGREES = frozenset(_WORDS["degrees"])  # written after a name: SiK, M.Si, AP
_ROMAN = re.compile(r"^[IVXL]+$")  # Kodam IV, Pangdam XVII, Pangkogabwilhan II
_VERB = re.compile(r"^[a-z]{4,}(?:kan|kannya|nya)$")  # Ingatkan, Tegaskan, Penjelasannya
_NOUN = re.compile(r"^(?:pe|per|pem|pen|peng|peny|ke)[a-z]{3,}an$")  # Penjelasan, Keamanan
_VOWELS = re.compile(r"[aeiouy]", re.IGNORECASE)


@functools.cache
def office_words() -> frozenset[str]:
    """The words of position titles and institutions (positions.csv): "Koordinator", "Bidang"."""
    return frozenset(w.lower() for row in read_csv("positions.csv") for w in row["phrase"].split())


class CommonWords:
    """Words the text writes in lower case somewhere (its common words), looked up on demand;
    lines with no capital at all (a headline or a URL typed in lower case) say nothing."""

    __slots__ = ("_text", "_seen")

    def __init__(self, text: str) -> None:
        self._text = text
        self._seen: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = self._seen.get(word)
        if found is None:
            found = self._seen[word] = self._lowercase_somewhere(word)
        return found

    def _lowercase_somewhere(self, word: str) -> bool:
        text, at = self._text, self._text.find(word)
        while at >= 0:
            end = at + len(word)
            inside = (at and text[at - 1].isalpha()) or (end < len(text) and text[end].isalpha())
            if not inside:
                line_start = text.rfind("\n", 0, at) + 1
                line_end = text.find("\n", end)
                line = text[line_start : line_end if line_end >= 0 else len(text)]
                if line != line.lower():
                    return True
            at = text.find(word, end)
        return False


def _grammar_word(low: str) -> bool:
    return (
        low in FUNCTION_WORDS
        or low in STATE_WORDS
        or bool(_VERB.match(low))
        or bool(_NOUN.match(low) and len(low) >= 8)
    )


def name_slice(
    words: list[str], common: CommonWords, slash_after_first: bool = False
) -> tuple[int, int] | None:
    """Where the person's name lies in `words` (capitalised words after a position), or None.

    Leading state words are skipped ("RI Hasyim Asy'ari"); the name ends at the first word of
    grammar or common word ("Tito Karnavian Ia", "Subhandhy Bersama") or degree ("Edy Sumardi
    SiK"); an initial does not end it ("Roberth M. Tacoy"). A command number, an
    acronym or a word without vowels first means the words are not a name ("IV Diponegoro",
    "BS", "Pbn"); so does a common word first unless a name-like word follows ("Hari Aziz").
    A lone "I" is Balinese ("I Made Suardana") unless it is a command ("Pangdam I/BB").
    """
    i = 0
    while i < len(words) and words[i].lower() in STATE_WORDS:
        i += 1
    if i == len(words):
        return None
    first, low = words[i], words[i].lower()
    command = _ROMAN.match(first) and (first != "I" or slash_after_first or i + 1 == len(words))
    if command or (first.isupper() and len(first) > 1):
        return None
    if (len(first) > 1 and not _VOWELS.search(first[1:])) or _grammar_word(low):
        return None
    office = office_words()
    j = i + 1
    while j < len(words):
        w = words[j].lower()
        if _ROMAN.match(words[j]) or w.replace(".", "") in DEGREES:
            break
        initial = len(w) == 1 and words[j].isupper()  # "Roberth M. Tacoy"
        if not initial and (_grammar_word(w) or w in common or w in office):
            break
        j += 1
    while j > i + 1 and len(words[j - 1]) == 1:
        j -= 1  # an initial ends no name: "Suhajar Diantoro M" (M.Si)
    if (low in office and len(low) > 2) or (low in common and j == i + 1):
        return None  # "Koordinator Divisi": an office, not a person
    if j == i + 1 and len(first) < 3:
        return None
    return i, j


def person_name(words: list[str], common: CommonWords) -> str | None:
    """The person's name in `words`, or None (see name_slice)."""
    found = name_slice(words, common)
    return " ".join(words[found[0] : found[1]]) if found else None
