"""Text analysis shared by matching and alignment: tokens with offsets, a light stemmer,
stop words, label variants and character n-grams.

Everything here is deterministic and language-light (English rules; other languages still
match on accents-folded, case-folded words and character n-grams).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "STOP_WORDS",
    "WORD_PATTERN",
    "Token",
    "char_ngrams",
    "fold",
    "label_variants",
    "plural_key",
    "segments",
    "singular",
    "stem",
    "stem_key",
    "tokens",
    "verb_stems",
    "words",
]

#: shortest verb (in letters) an agent noun is read as (`verb_stems`: "user" is no "use")
MIN_VERB = 4

#: a word: letters and digits, with inner apostrophes, dots or ampersands (o'neill, b.sc,
#: r&d) and trailing + or # (c++, c#)
WORD_PATTERN = r"[^\W_]+(?:[+#]+|(?:['’.&][^\W_]+)*)"
_WORD = re.compile(WORD_PATTERN)
# clause boundaries in free text: sentence and list punctuation, bullets, new lines
_CLAUSE = re.compile(r"[.;:!?\n\r\t•·|()\[\]{}\"“”]+|,|\s[-–—*]\s|\s/\s")

#: English function words (and a few free-text fillers) that never carry a skill alone
_STOP_TEXT = """a about above after again all also am an and any are as at be been being both but by
    can could did do does doing done during each etc few for from further had has have
    having he her here hers him his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours out over own per same she
    should so some such than that the their them then there these they this those through
    to too under until up very was we were what when where which while who whom why will
    with would you your yours bit lot lots some various e g eg ie i.e e.g"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


class Token(NamedTuple):
    """A word of a text: its folded form, its stem and its character span."""

    word: str
    stem: str
    start: int
    end: int


def fold(text: str) -> str:
    """Case-fold and strip accents (``"Café"`` -> ``"cafe"``); offsets are not kept."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        decomposed = _combining().sub("", decomposed)
    return decomposed.casefold()


@lru_cache(maxsize=1)
def _combining() -> re.Pattern[str]:
    """A pattern of the combining marks of the BMP (what accent folding deletes)."""
    marks = [c for c in range(0x10000) if unicodedata.combining(chr(c))]
    ranges: list[tuple[int, int]] = []
    for c in marks:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    return re.compile(
        "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"
    )


#: irregular simple pasts, as a CV writes its verbs ("gave advice", "wrote reports"), and
#: their verbs; past participles that are also adjectives ("written", "spoken", "made",
#: "frozen", "driven") and pasts that are other words too ("led" / LED, "found", "left",
#: "wound", "spent", "saw") are left out
IRREGULAR_PAST = {
    p: v
    for pair in """gave:give kept:keep built:build took:take ran:run sold:sell taught:teach
    wrote:write drove:drive dealt:deal met:meet bought:buy brought:bring spoke:speak
    understood:understand oversaw:oversee began:begin chose:choose drew:draw grew:grow
    sent:send told:tell won:win paid:pay sought:seek stood:stand swept:sweep threw:throw
    wore:wear undertook:undertake rebuilt:rebuild rewrote:rewrite broke:break
    caught:catch hung:hang rode:ride sang:sing shook:shake spun:spin struck:strike
    withdrew:withdraw lent:lend upheld:uphold dug:dig knew:know flew:fly""".split()  # noqa: SIM905
    for p, v in [pair.split(":")]
}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stem: plural, -ing, -ed and final -e removed, -ize as -ise, an
    irregular past as its verb (`IRREGULAR_PAST`: "gave" is "give").

    ``nurses``, ``nursing`` and ``nurse`` share ``nurs``; ``cashiers`` is ``cashier``;
    ``analyses``, ``analysing`` and ``analyzing`` share ``analys``; ``use`` and ``used``
    share ``us``. Words of two letters, and words with digits or signs, are kept as they are.
    """
    w = IRREGULAR_PAST.get(word, word)
    if len(w) <= 2 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ys")):
        w = w[:-1]
    suffix = False
    if len(w) > 5 and w.endswith("ing"):
        w, suffix = w[:-3], True
    elif len(w) > 3 and w.endswith("ed") and not w.endswith("eed"):
        w, suffix = w[:-2], True
    if len(w) >= 3 and w.endswith("e"):
        w = w[:-1]
    if suffix and len(w) >= 3 and w[-1] == w[-2] and w[-1] not in "lsz":  # running -> run
        w = w[:-1]
    if w.endswith(("iz", "yz")):
        w = w[:-1] + "s"
    return w


@lru_cache(maxsize=65536)
def verb_stems(word: str) -> tuple[str, ...]:
    """The stems of the verbs a folded agent noun may stand for (``"driver"`` ->
    ``("driv",)``, ``"cashier"`` -> ``("cash", "cashy")``, `MIN_VERB` letters or more);
    () for other words."""
    if len(word) < 5 or not word.isalpha():
        return ()
    if word.endswith("ier"):
        bases = [word[:-3], word[:-3] + "y"]
    elif word.endswith(("er", "or")):
        base = word[:-2]
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
            base = base[:-1]  # runner -> run
        bases = [base]
    else:
        return ()
    return tuple(stem(b) for b in bases if len(b) >= MIN_VERB)


def tokens(text: str, *, offset: int = 0) -> list[Token]:
    """The words of ``text`` (folded, stemmed) with their spans in ``text``.

    Folding keeps the length of most texts; where it does not (ligatures, some accents),
    spans are those of the folded words in the original text found by position.
    """
    out: list[Token] = []
    folded = fold(text)
    same = len(folded) == len(text)
    source = folded if same else text
    for m in _WORD.finditer(source):
        word = m.group() if same else fold(m.group())
        word = word.replace("’", "'").strip("'.")
        if not word:
            continue
        out.append(Token(word, stem(word), m.start() + offset, m.end() + offset))
    return out


def words(text: str) -> list[str]:
    """The folded words of ``text`` (what `tokens` gives, without stems and spans)."""
    folded = fold(text)
    found = _WORD.findall(folded)
    if "'" in folded or "’" in folded or "." in folded:
        found = [w.replace("’", "'").strip("'.") for w in found]
        return [w for w in found if w]
    return found


def content(toks: list[Token]) -> list[Token]:
    """``toks`` without stop words."""
    return [t for t in toks if t.word not in STOP_WORDS]


def stem_key(text: str) -> str:
    """The stems of every word of ``text`` joined by spaces (an inflection-free lookup key)."""
    return " ".join(t.stem for t in tokens(text))


def singular(word: str) -> str:
    """``word`` with an English plural ending removed (``nurses`` -> ``nurse``)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ys")):
        return word[:-1]
    return word


def plural_key(text: str) -> str:
    """Every word of ``text`` in the singular, joined by spaces (``"Registered Nurses"`` ->
    ``"registered nurse"``): the key under which ``find`` forgives a plural."""
    return " ".join(singular(w) for w in words(text))


def segments(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the clauses of a free text (split at sentence and list punctuation)."""
    start = 0
    for m in _CLAUSE.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")


def label_variants(label: str) -> list[str]:
    """Extra forms under which a label is also known.

    ``"RN (Registered Nurse)"`` is also ``"RN"`` and ``"Registered Nurse"``;
    ``"Python (computer programming)"`` is also ``"Python"``.
    """
    out: list[str] = []
    m = _PAREN.search(label)
    if m is not None:
        outside = _PAREN.sub(" ", label).strip()
        inside = m.group(1).strip()
        for v in (outside, inside):
            if v and v != label and len(v) > 1:
                out.append(v)
    return out


@lru_cache(maxsize=200_000)
def char_ngrams(word: str, n: int = 3) -> tuple[str, ...]:
    """Character ``n``-grams of ``word`` padded with spaces (``"go"`` -> ``" go", "go "``)."""
    padded = f" {word} "
    if len(padded) <= n:
        return (padded,)
    return tuple(padded[i : i + n] for i in range(len(padded) - n + 1))
