"""Whether a skill found in free text is credited: the acceptance rule of ``match_skills``.

A candidate (a span of the text and the label, alt label or description it was found
through) is compared word by word with what it matched: a word of the span *explains* a
word of the label when both have the same stem and the stem is not a collision of two
different words (``care`` / ``car``: the stemmer drops a final e); forms the stemmer keeps
apart (``display`` / ``displays``, ``analyses`` / ``analysis``) explain each other too;
in loose and description matches a name (a word capitalised where no sentence starts:
"some Excel") is explained only by a word written with a capital. Then:

- a label found whole in the text (every content word, or three quarters of a long label)
  must still be whole once collisions are taken out, and span at least ``PHRASE_SHARE``
  of the phrase it is in (its run of content words: "electronic health records" does not
  name "electronics"), all of its clause for a hidden label;
- a loose match (a short clause that holds no whole label, nearest label by word
  cosine) must explain every content word of the clause, and the label must be at least
  half explained unless the explained word is a name written as the label writes it
  ("Excel" -> "Microsoft Office Excel", not "demand performers excel"); a phrase and a
  label that differ only in their first word, the verb, also match ("coordinate athletes"
  -> "manage athletes"); a short clause whose labels found name only part of it takes
  the loose label that explains every one of its content words instead ("reading
  blueprints" -> "read standard blueprints", not "blueprints");
- a match through a skill's description must explain ``DESCRIPTION_SHARE`` of the
  clause's content words by the skill's labels and description (every word of a clause of
  three words or fewer), and score at least ``DESCRIPTION_SCORE``.

A rejected candidate is not credited; ``match_skills`` reports it as a "did you mean"
(`Rejected`) with the reason.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ._analyze import STOP_WORDS, Token, singular, tokens, verb_stems
from ._results import Rejected

__all__ = [
    "DESCRIPTION_SCORE",
    "DESCRIPTION_SHARE",
    "DESCRIPTION_WORDS",
    "FILLER",
    "HIDDEN_SHARE",
    "LOOSE_LABEL_SHARE",
    "NOUN_FILLER",
    "PHRASE_SHARE",
    "UNITS",
    "Rejected",
    "collides",
    "content_runs",
    "described_verdict",
    "is_number",
    "loose_verdict",
    "share_verdict",
    "weak",
    "weak_verdict",
    "whole_verdict",
]

#: filler words of CVs and job ads: never reported as unmatched on their own
FILLER = STOP_WORDS | frozenset(
    """able ability experience experienced years year months good strong excellent solid
    basic advanced proficient proficiency familiar familiarity knowledge skills skill
    working work worked responsible responsibility including include includes using use
    used like also well great plus etc job role position team looking seeking want
    did done doing make made get got little know knows knew known understand
    understanding hands-on handson exposure""".split()  # noqa: SIM905
)

#: what numbers count: with a number, a unit is no evidence of a skill either
UNITS = frozenset(
    """hour hours hr hrs day days week weeks weekly month months monthly year years yearly
    yr yrs minute minutes mins km kg mph""".split()  # noqa: SIM905
)
# a number: counts, years, dates, versions and grades ("6", "10+", "2021", "3.2", "1st",
# "v2", "90%")
_NUMBER = re.compile(r"v?\d[\d.,:/+%#-]*(?:st|nd|rd|th|s|k|m|h|hrs?|yrs?|x)?")


def is_number(word: str) -> bool:
    """Whether a folded word is a number (``"6"``, ``"10+"``, ``"3.2"``, ``"2nd"``, ``"v2"``)."""
    return _NUMBER.fullmatch(word) is not None


def weak(word: str) -> bool:
    """Whether a folded word is no evidence of a skill on its own: a number, a unit or a
    filler of CVs (``"6"``, ``"years"``, ``"worked"``)."""
    return word in FILLER or word in UNITS or is_number(word)


def _counted(toks: list[Token]) -> list[Token]:
    """``toks`` without numbers and units (a version, a date or "6 years" needs no label
    word to explain it, and explains none)."""
    return [t for t in toks if t.word not in UNITS and not is_number(t.word)]


#: a loose match needs at least this share of its label's content words explained
LOOSE_LABEL_SHARE = 0.5
#: a label found in a text must span at least this share of the phrase (the run of
#: content words) it is found in
PHRASE_SHARE = 0.5
#: ... and a hidden label (a search aid: ESCO's "care" of "attend to detail") this share
#: of its whole clause
HIDDEN_SHARE = 1.0
#: a match through a skill's description must explain this share of the clause's words
DESCRIPTION_SHARE = 0.75
#: ... and at least this many different words of it (one word, "retail", is no evidence
#: of a skill whose description holds it)
DESCRIPTION_WORDS = 2
#: a match through a skill's description is credited from this score on
DESCRIPTION_SCORE = 0.2


def _same_word(a: str, b: str) -> bool:
    """Whether two folded words of one stem are forms of one word (not ``car`` / ``care``)."""
    a, b = singular(a), singular(b)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return long_ != short + "e"


def collides(word: str, stem: str) -> bool:
    """Whether a folded word's stem may be another, short word (``care`` -> ``car``): such a
    word never stands for a synonym of its stem."""
    return len(stem) <= 3 and word == stem + "e"


@lru_cache(maxsize=65536)
def _derived(a: str, b: str) -> bool:
    """Whether two folded words are forms of one word the stemmer keeps apart
    (``display`` / ``displays``, ``analyses`` / ``analysis``, ``nature`` / ``natural``):
    one singular, or a common start of five letters or more that leaves at most two
    letters of the shorter word and three of the longer."""
    if singular(a) == singular(b):
        return True
    short, long_ = sorted((a, b), key=len)
    p = 0
    for x, y in zip(short, long_, strict=False):
        if x != y:
            break
        p += 1
    return p >= 5 and p >= len(short) - 2 and len(long_) - p <= 3


def _lost_e(t: Token) -> bool:
    """Whether the stem of a word dropped its final e ("care", "cares" -> "car")."""
    return t.word[len(t.stem) : len(t.stem) + 1] == "e" and _lost_e_of(t.word, t.stem)


@lru_cache(maxsize=65536)
def _lost_e_of(word: str, stem: str) -> bool:
    return word == stem + "e" or singular(word) == stem + "e"


@lru_cache(maxsize=4096)
def _label_words(label: str) -> list[Token]:
    """The content words of a label (cached: labels recur across texts)."""
    return [t for t in tokens(label) if t.word not in STOP_WORDS]


#: fillers that are nouns: never unmatched alone, but a loose or description match must
#: explain them ("team player" is no "logic of players")
NOUN_FILLER = frozenset({"team", "job", "role", "position"})


def _content(toks: list[Token], filler: frozenset[str]) -> list[Token]:
    return [
        t
        for t in toks
        if t.word not in STOP_WORDS and (t.word not in filler or t.word in NOUN_FILLER)
    ]


def _is_name(text: str, t: Token) -> bool:
    """Whether a word of ``text`` is capitalised where a sentence does not start ("some
    Excel"): a name, which a word written in lower case does not explain."""
    said = text[t.start : t.end]
    if not said[:1].isupper():
        return False
    before = text[: t.start].rstrip()
    return bool(before) and before[-1] not in ".!?:;,\n-*•(\"'"


def _label_name(label: str, t: Token) -> bool:
    """Whether a word of a label is a name: capitalised past the label's start."""
    return t.start > 0 and label[t.start : t.start + 1].isupper()


def _pairs(
    span: list[Token],
    label: list[Token],
    names: tuple[str, str] | None = None,
    *,
    agents: bool = False,
) -> tuple[set[int], set[int], str]:
    """Which span words and label words explain each other; a stem collision, if any.

    ``agents``: an agent noun of the span explains its verb (``"leader"`` / ``"lead"``,
    `skillgraph.text._analyze.verb_stems`).

    ``names``: (text, label text) the tokens are of, when a name of the text (`_is_name`)
    is explained only by a word its label writes with a capital, or by a word next to
    another the label holds next to it ("Microsoft Office" is "use microsoft office").
    """
    pairs: set[tuple[int, int]] = set()
    lower: set[tuple[int, int]] = set()  # a name of the text, a lower-case label word
    clash = ""
    for j, lt in enumerate(label):
        for i, st in enumerate(span):
            if (
                st.stem != lt.stem
                and (st.word[:3] != lt.word[:3] or not _derived(st.word, lt.word))
                and not (agents and lt.stem in verb_stems(st.word))
            ):
                continue
            if not _same_word(st.word, lt.word) or (
                names is not None
                and _label_name(names[1], lt)
                and singular(st.word) != singular(lt.word)
            ):  # a name is not inflected: "driving" is no "Google Drive"
                clash = clash or f"{st.word!r} is not {lt.word!r}"
            elif (
                names is not None
                and _is_name(names[0], st)
                and not names[1][lt.start : lt.end][:1].isupper()
            ):
                lower.add((i, j))
            else:
                pairs.add((i, j))
    every = pairs | lower
    pairs |= {(i, j) for i, j in lower if (i - 1, j - 1) in every or (i + 1, j + 1) in every}
    return {i for i, _ in pairs}, {j for _, j in pairs}, clash


def whole_verdict(span: list[Token], matched: str, need: float) -> str:
    """Why a label found whole in the words ``span`` of a text is not credited ("" when it
    is).

    ``need``: the share of the label's content words the span must explain.
    """
    label = _label_words(matched)
    if not any(_lost_e(t) for t in span) and not any(_lost_e(t) for t in label):
        return ""  # no word lost a final e to its stem: no collision ("care" / "car")
    _, got_label, clash = _pairs(span, label)
    if clash and len(got_label) < need * len(label) - 1e-9:
        return clash
    return ""


def weak_verdict(text: str, clause: list[Token], span: list[Token], matched: str) -> str:
    """Why a label found whole through the words ``span`` of a clause (its content words
    ``clause``) is not credited: those words are all numbers, units or fillers ("worked",
    "6 years") and the clause does not hold every word of the label, its stop words too
    ("worked" is no "work on your own", "worked in a team" is "work in teams"); "" when
    it is credited."""
    if not all(weak(t.word) for t in span):
        return ""
    said = {t.stem for t in tokens(text[clause[0].start : clause[-1].end])}
    if all(t.stem in said for t in tokens(matched)):
        return ""
    words = ", ".join(repr(t.word) for t in span)
    return f"only numbers, units or fillers ({words}) name {matched!r}"


def _verb_swap(
    span: list[Token], label: list[Token], got_span: set[int], got_label: set[int]
) -> bool:
    """Whether phrase and label differ only in their first word (the verb) and each has
    another word, all of which explain each other."""
    if len(span) < 2 or len(label) < 2 or not span[0].word.isalpha() or weak(span[0].word):
        return False
    return got_span == set(range(1, len(span))) and got_label == set(range(1, len(label)))


def content_runs(
    clauses: list[list[Token]], filler: frozenset[str]
) -> tuple[list[list[Token]], list[list[Token]]]:
    """From the words of each clause of a text (stop words included, in text order): the
    runs of content words split at stop words, fillers, numbers and units ("wound care and
    infection control": two runs), and each clause's content words; both in text order."""
    runs: list[list[Token]] = []
    whole: list[list[Token]] = []
    for words in clauses:
        cur: list[Token] = []
        kept: list[Token] = []
        for t in words:
            if t.word not in STOP_WORDS and t.word not in filler and _counted([t]):
                cur.append(t)
                kept.append(t)
            elif cur:
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        if kept:
            whole.append(kept)
    return runs, whole


def share_verdict(
    text: str,
    runs: list[list[Token]],
    ends: list[int],
    start: int,
    end: int,
    matched: str,
    need: float,
) -> str:
    """Why a label ``matched`` found in ``text[start:end]`` is not credited: its words
    explain less than ``need`` of the content words of the runs (`content_runs`, ``ends``
    their end offsets) it touches ("electronic health records" does not name
    "electronics"); "" when it is credited."""
    i = bisect_right(ends, start)
    touched: list[list[Token]] = []
    while i < len(runs) and runs[i][0].start < end:
        touched.append(runs[i])
        i += 1
    words = [t for r in touched for t in r]
    label = _label_words(matched)
    got = _pairs(words, label, agents=True)[0]
    if not words or len(got) >= need * len(words) - 1e-9:
        return ""
    if need < 1.0 and any(
        _name_written_alike(text, words[i], matched, lt, _is_name(text, words[i]))
        for i in got
        for lt in label
        if _derived(words[i].word, lt.word) or words[i].stem == lt.stem
    ):
        return ""  # a name inside a phrase: "wrote Python scripts"
    inside = len(got)
    phrase = text[touched[0][0].start : touched[-1][-1].end]
    return f"names {inside} of the {len(words)} words of {phrase!r}"


def _name_written_alike(
    text: str, span: Token, matched: str, word: Token, named: bool = False
) -> bool:
    """Whether a span word is a name the label writes the same way (``Excel``/``Excel``),
    the label's word being capitalised past its start, in capitals, or anywhere when the
    text writes it as a name (``named``)."""
    said = text[span.start : span.end]
    wrote = matched[word.start : word.end]
    if not wrote[:1].isupper() or said != wrote:
        return False
    return named or word.start > 0 or (len(wrote) > 1 and wrote.isupper())


def loose_verdict(
    text: str, start: int, end: int, matched: str, filler: frozenset[str], *, every: bool = False
) -> str:
    """Why the nearest label ``matched`` of a clause ``text[start:end]`` that holds no whole
    label is not credited ("" when it is); with ``every``, a label must explain every
    content word of the clause (no swapped verb)."""
    said = [t for t in tokens(text[start:end], offset=start) if t.word not in STOP_WORDS]
    span = _counted(_content(said, filler))
    label = _label_words(matched)
    if not span or not label:
        return "no content word in common"
    got_span, got_label, clash = _pairs(span, label, (text, matched))
    # the verb swapped is the clause's first word ("made coffee" has no verb "coffee")
    if not every and said[0] == span[0] and _verb_swap(span, label, got_span, got_label):
        return ""  # "coordinate athletes" -> "manage athletes"
    if len(got_span) < len(span):
        missing = [t.word for i, t in enumerate(span) if i not in got_span]
        why = f"{', '.join(repr(w) for w in missing)} not in {matched!r}"
        return f"{clash}; {why}" if clash else why
    if len(got_label) >= LOOSE_LABEL_SHARE * len(label):
        return _headless(span, label, got_span, got_label, matched)
    named = any(
        _name_written_alike(text, span[i], matched, label[j])
        for j in got_label
        for i in got_span
        if span[i].stem == label[j].stem
    )
    if named:
        return ""
    return f"only {len(got_label)} of the {len(label)} words of {matched!r}"


def _headless(
    span: list[Token], label: list[Token], got_span: set[int], got_label: set[int], matched: str
) -> str:
    """Why one word of a text does not name a label it explains part of: the word is not
    the label's head, its last word that is not a number ("player" is not "players'
    strategies", "6" is not "Xcode 6"); "" when it is, or the text explains more."""
    if len(got_span) != 1 or len(got_label) == len(label):
        return ""
    counted = [j for j, t in enumerate(label) if not is_number(t.word)]
    if not counted or counted[-1] in got_label:
        return ""
    said = span[min(got_span)].word
    return f"{said!r} is not the head of {matched!r} ({label[counted[-1]].word!r})"


def described_verdict(
    text: str, start: int, end: int, document: str, score: float, filler: frozenset[str]
) -> str:
    """Why the skill whose labels and description (``document``) are nearest to a clause
    ``text[start:end]`` is not credited ("" when it is)."""
    span = _counted(_content(tokens(text[start:end], offset=start), filler))
    if not span:
        return "only numbers, units or filler words"
    doc = _label_words(document)
    got_span, _, _ = _pairs(span, doc, (text, document))
    if len(got_span) < DESCRIPTION_SHARE * len(span) - 1e-9:
        missing = [t.word for i, t in enumerate(span) if i not in got_span]
        return f"{', '.join(repr(w) for w in missing)} not in its labels or description"
    if len({span[i].stem for i in got_span}) < DESCRIPTION_WORDS:
        return f"{span[min(got_span)].word!r} alone is too little of a description"
    if score < DESCRIPTION_SCORE:
        return f"description score {score:.2f} < {DESCRIPTION_SCORE}"
    return ""
