"""Quotes: direct quotes, partial quotes and reported speech, with their speakers.

Three sources of statements, then one merge:

1. **Quotation marks.** The text is scanned once for “curly” and "straight" double quotes (and
   ‘single’ quotes outside double ones). Segments that belong to one statement are grouped: a quote
   split by its cue (“A,” he said, “B.”), and a quote that runs over paragraphs (a paragraph that
   ends inside a quote and a next paragraph that opens with a quote mark: the newspaper
   convention).
2. **Cue words** from ``quote_cues.tsv`` (lemma, type, which complements hold the content): a cue
   verb's clausal complement is the content ("X said that ..."; "..., X said." where the parser
   makes the content the complement), a verb that the parser hangs off the content as parataxis
   ("A, X said.") takes the rest of its head clause, and "according to X, ..." takes the clause it
   modifies. The speaker is the cue's subject (or, for a participle such as "X, saying ...", its
   head's subject; for "voters saying ..." the noun; for "are likely to say" the copula's
   subject), trimmed of relative clauses and appositions. Object cues take what the object is
   judged for or as ("praised X for Y", "accused X of Y"). Content never holds its own cue (one
   statement per side of it), and a trailing clause set off by a comma that is a participle
   ("..., adding ...") or a report of its own ("..., and others said ...") is cut off.
3. **Cue nouns** (rows marked ``noun`` in the lexicon): "her claim that ...", "expressed hope
   that ...", "a statement from the ministry that ...". The speaker is the possessor, the subject
   of a light verb ("made", "expressed", "voiced"), or the object of "from"/"by"; a cue noun whose
   speaker the sentence does not give is not a statement.

Content boundaries follow the convention of PolNeAR, checked on its train split: a reported
clause keeps its "that", a quote keeps its quotation marks, the full stop after the content is
left out. Lexicon entries were kept when their statements matched the gold often enough on
PolNeAR train to raise F1 there (roughly, at least a third of them).

A quote group that overlaps a cue's content merges with it (direct when the content lies inside
the marks, mixed when marks lie inside reported speech). A group with no cue of its own takes the
nearest cue verb in its sentences and paragraph; failing that, a quote continues the speaker of
the statement that ended in the sentence just before it, when that was speech or writing by a
speaker the text names ("The mayor said ... . “It will take years.”"). Quoted phrases of fewer
than ``MIN_UNCUED_WORDS`` words with no cue of their own are scare quotes and titles, not
statements, and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from herald.model import Document, Quote

# Quoted phrases shorter than this many words, with no cue of their own, are scare quotes,
# titles and nicknames rather than statements.
MIN_UNCUED_WORDS = 4
# A gap between two quote segments no longer than this (characters) can be the cue of one split
# quote: “A,” he said, “B.”
MAX_SPLIT_GAP = 160

# Double quotes: curly, straight, and the typewriter pairs `` and '' of some wire copy.
# A sentence ends inside a gap: a full stop before a capital, not after a title abbreviation.
_SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)(?<!\bSt)"
    r"(?<!\bJr)(?<!\bSr)[.!?]\s+[A-Z]"
)
_MARKS = re.compile(r"''|``|[\"“”‘’]")
# Subtrees cut from a speaker phrase: who the speaker is, not what else is said about them.
_SPEAKER_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "npadvmod"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_EDGE_PUNCT = frozenset(",;:.-—–()[]")


@dataclass(frozen=True)
class Cue:
    lemma: str
    type: str
    complements: frozenset[str]


@lru_cache(maxsize=1)
def _lexicons() -> tuple[dict[str, Cue], dict[str, Cue]]:
    verbs: dict[str, Cue] = {}
    nouns: dict[str, Cue] = {}
    path = resources.files("herald").joinpath("quote_cues.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        fields = line.split("\t")
        lemma, kind, comps = fields[:3]
        pos = fields[3] if len(fields) > 3 and fields[3] else "verb"
        (nouns if pos == "noun" else verbs)[lemma] = Cue(lemma, kind, frozenset(comps.split(",")))
    return verbs, nouns


def cue_lexicon() -> dict[str, Cue]:
    """Cue verb lemmas (``"say"``, ``"point out"``) from ``quote_cues.tsv``, loaded once."""
    return _lexicons()[0]


def noun_cue_lexicon() -> dict[str, Cue]:
    """Cue noun lemmas (``"statement"``, ``"claim"``) from ``quote_cues.tsv``; their content
    column names the complements that hold the content: ``that`` (a complement clause),
    ``to`` (an infinitive) or a preposition (``of``, ``on``, ``about``, ``for``)."""
    return _lexicons()[1]


# --- quotation marks ---------------------------------------------------------------------------


@dataclass
class Group:
    """One quoted statement: segments [start, end) including their marks."""

    segments: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def quote_segments(text: str) -> list[tuple[int, int, bool]]:
    """Quoted segments (start, end, continues) of the text, marks included.

    ``continues`` is True for a segment cut at a paragraph end whose quote the next paragraph
    reopens. An opening mark never closed in its paragraph ends the segment at the paragraph end.
    """
    segments: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    open_kind = ""  # "d" double, "s" single
    para_end = text.find("\n")
    if para_end < 0:
        para_end = len(text)
    for m in _MARKS.finditer(text):
        i = m.start()
        while i > para_end:  # crossed one or more paragraph ends with a quote open
            if open_at is not None:
                nxt = _next_paragraph_start(text, para_end)
                reopens = nxt < len(text) and text[nxt] in "\"“‘`'" and open_kind == "d"
                end = para_end
                while end > open_at and text[end - 1].isspace():
                    end -= 1
                if end - open_at > 1:
                    segments.append((open_at, end, reopens))
                open_at = None
            para_end = text.find("\n", para_end + 1)
            if para_end < 0:
                para_end = len(text)
        ch = m.group()
        straight = ch in ('"', "''")
        if ch == "”" or (straight and open_at is not None and open_kind == "d"):
            if open_at is not None and open_kind == "d":
                segments.append((open_at, m.end(), False))
                open_at = None
        elif ch in ("“", '"', "''", "``"):
            # an opening double quote; one already open was never closed: start again here
            open_at, open_kind = i, "d"
        elif ch == "‘":
            after = text[i + 1] if i + 1 < len(text) else " "
            if open_at is None and after.isalnum():
                open_at, open_kind = i, "s"
        elif ch == "’" and open_at is not None and open_kind == "s":
            after = text[i + 1] if i + 1 < len(text) else " "
            if not after.isalnum():  # "’s" inside a word is an apostrophe
                segments.append((open_at, i + 1, False))
                open_at = None
    if open_at is not None:
        end = para_end if para_end > open_at else len(text)
        while end > open_at and text[end - 1].isspace():
            end -= 1
        if end - open_at > 1:
            segments.append((open_at, end, False))
    return segments


def _next_paragraph_start(text: str, newline: int) -> int:
    i = newline
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def quote_groups(text: str) -> list[Group]:
    """Segments grouped into statements (split quotes, quotes running over paragraphs)."""
    groups: list[Group] = []
    previous_continues = False
    for start, end, continues in quote_segments(text):
        if groups and (previous_continues or _split_gap(text, groups[-1].end, start)):
            groups[-1].segments.append((start, end))
        else:
            groups.append(Group([(start, end)]))
        previous_continues = continues
    return groups


def _split_gap(text: str, prev_end: int, start: int) -> bool:
    """“A,” he said, “B.” (or “A,” he said. “B.”): one statement split by its cue.

    The first part ends in a comma, question or exclamation mark inside the marks (its sentence
    goes on into the cue), and the gap is a short cue clause in the same paragraph.
    """
    gap = text[prev_end:start]
    if not any(c.isalpha() for c in gap) or len(gap) > MAX_SPLIT_GAP or "\n" in gap:
        return False
    inner = text[max(prev_end - 4, 0) : prev_end].rstrip("\"”’'")
    if inner[-1:] not in (",", "?", "!"):
        return False
    tail = gap.rstrip()[-1:]
    # “A,” he said. “B.” is one statement; “A,” he said. But she added, “B.” is two
    return tail == "." or (tail == "," and not _SENTENCE_END.search(gap))


# --- cues --------------------------------------------------------------------------------------


@dataclass
class Statement:
    start: int  # content character span
    end: int
    cue: Token | None
    cue_text: str
    speaker: tuple[int, int] | None  # token span [start, end)
    speaker_head: int | None
    kind: str = "indirect"


# Forms the small English model lemmatizes wrongly ("hoped" -> "hop").
_LEMMA_FIXES = {"hoped": "hope", "hoping": "hope", "hopes": "hope"}


def _cue_of(token: Token, lexicon: dict[str, Cue]) -> tuple[Cue | None, Token | None]:
    """The cue a verb is, and the preposition of a prepositional cue ("call for")."""
    if token.pos_ not in ("VERB", "AUX"):
        return None, None
    lemma = _LEMMA_FIXES.get(token.lower_, token.lemma_.lower())
    for child in token.children:
        if child.dep_ in ("prt", "prep") and child.i > token.i:
            phrasal = lexicon.get(f"{lemma} {child.lower_}")
            if phrasal:
                return phrasal, (child if "pobj" in phrasal.complements else None)
    return lexicon.get(lemma), None


# Dependents that say what an object cue predicates of its object: "called it a disgrace",
# "described him as reckless".
_PREDICATES = frozenset({"oprd", "xcomp", "ccomp", "attr"})
# Prepositions after an object cue's object that say what the object is judged for or as:
# "praised X for Y", "accused X of Y", "described X as Y", "charged X with Y".
_OBJECT_PREPS = frozenset({"as", "for", "of", "with"})


def _content_heads(token: Token, cue: Cue, prep: Token | None) -> list[Token]:
    """The dependents of a cue whose subtrees hold its content."""
    if prep is not None:
        heads = [c for c in prep.children if c.dep_ == "pobj"]
        return heads + [c for c in token.children if c.dep_ == "xcomp" and "xcomp" in cue.complements]
    heads = [c for c in token.children if c.dep_ in cue.complements and c.dep_ != "dobj"]
    if heads or "dobj" not in cue.complements:
        return heads
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None:
        return []
    return [obj] + [c for c in token.children if c.i > obj.i and (
        c.dep_ in _PREDICATES or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS))]


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token span without edge punctuation (but keeping quote marks that close a quote), nor a
    conjunction left dangling at the end when a following clause was cut off."""
    while start < end and (doc[start].is_punct and doc[start].text in _EDGE_PUNCT
                           or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text in _EDGE_PUNCT
                           or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def _char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def speaker_span(token: Token) -> tuple[int, int]:
    """The noun phrase of a speaker head: its subtree less relative clauses and appositions."""
    cut: set[int] = set()
    for child in token.children:
        if child.dep_ in _SPEAKER_CUT:
            cut.update(t.i for t in child.subtree)
    keep = {t.i for t in token.subtree} - cut
    start = end = token.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    return start, end + 1


_RELATIVE = frozenset({"who", "that", "which", "whom"})


def _subject(verb: Token) -> Token | None:
    """The cue's speaker: its subject, or the subject of the verb a participle, conjunct or
    infinitive hangs on ("X, saying ..."; "X smiled and said ..."; "By refusing to ..., X";
    "X was prompted to say")."""
    climbed_xcomp = False
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            for child in verb.children:
                if child.dep_ == "agent":
                    return next((g for g in child.children if g.dep_ == "pobj"), None)
            # "X was asked to say": the passive subject says it; "it was said that": nobody
            return passive if climbed_xcomp else None
        head = verb.head
        if head is verb:
            return None
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            return head  # "voters saying ...", "a poll showing ...": the noun speaks
        if verb.dep_ == "xcomp" and head.dep_ == "acomp" and head.head is not head:
            head = head.head  # "voters are more likely to say ...": the copula's subject
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head is not head:
            head = head.head  # "by refusing to ...": the preposition's verb
        elif verb.dep_ not in ("advcl", "conj", "xcomp"):
            return None
        climbed_xcomp = verb.dep_ == "xcomp"
        verb = head
    return None


def _speaker(subject: Token | None) -> tuple[tuple[int, int] | None, int | None]:
    """The speaker's token span as written, and the token whose mention resolves it: a relative
    pronoun ("officials who said") is written as itself but stands for the noun it modifies."""
    if subject is None:
        return None, None
    head = subject
    if subject.lower_ in _RELATIVE and subject.head.dep_ == "relcl":
        head = subject.head.head
    return speaker_span(subject), head.i


def _clause_minus(head: Token, cut: Token) -> tuple[int, int]:
    """The token span of ``head``'s subtree with ``cut``'s subtree taken off whichever end."""
    left, right = head.left_edge.i, head.right_edge.i + 1
    c_left, c_right = cut.left_edge.i, cut.right_edge.i + 1
    if c_left <= left:
        left = c_right
    elif c_right >= right:
        right = c_left
    return left, right


def _paragraph_clip(text: str, cue: Token, start: int, end: int) -> tuple[int, int]:
    """Content stays in its cue's paragraph: the parser may run a sentence over a headline."""
    para_start = text.rfind("\n", 0, cue.idx) + 1
    para_end = text.find("\n", cue.idx)
    if para_end < 0:
        para_end = len(text)
    start, end = max(start, para_start), min(end, para_end)
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:."):
        end -= 1
    return start, end


def _content_spans(cue: Token, comps: list[Token], lexicon: dict[str, Cue]) -> list[tuple[int, int]]:
    """Token spans of a cue's content: one per side of the cue, since content never holds its own
    cue (“A,” X said, adding that B: two statements)."""
    spans = []
    before = [c for c in comps if c.i < cue.i]
    after = [c for c in comps if c.i > cue.i]
    if before:
        # "A, B, X said.": the parser often hangs only the last clause of a content that precedes
        # its cue on the verb; the content runs from the sentence start
        end = max(c.right_edge.i for c in before) + 1
        spans.append((cue.sent.start, end))
    if after:
        # "A said B, and C said D": the parser may hang the second report on the first cue
        first = after[0]
        after = [first] + [c for c in after[1:] if not _has_cue(c, lexicon)]
        start = min(c.left_edge.i for c in after)
        end = max(_content_end(c, lexicon) for c in after)
        spans.append((start, end))
    return spans


def _content_end(head: Token, lexicon: dict[str, Cue]) -> int:
    """Where a content clause ends: its subtree, less a trailing clause set off by a comma that
    comments on the report rather than belonging to it ("X said A, adding B"; "A, while others
    said B")."""
    end = head.right_edge.i + 1
    for child in head.rights:
        if child.dep_ not in ("advcl", "conj", "parataxis"):
            continue
        left = child.left_edge.i
        if left <= head.i or head.doc[left - 1].text not in (",", ";", "—", "--") and \
                head.doc[left].text not in (",", ";", "—", "--"):
            continue
        if (child.tag_ == "VBG" and child.dep_ == "advcl") or _has_cue(child, lexicon):
            return left
    return end


def _has_cue(clause: Token, lexicon: dict[str, Cue]) -> bool:
    """A clause that is itself a report: a cue verb with its own subject."""
    return _cue_of(clause, lexicon)[0] is not None and any(
        c.dep_ in _SUBJECTS for c in clause.children)


def cue_statements(doc: Doc, text: str | None = None) -> list[Statement]:
    """Reported speech found from cue words and the parse (``text`` is ``doc.text``)."""
    lexicon = cue_lexicon()
    if text is None:
        text = doc.text  # spaCy builds it anew on each access
    nouns = noun_cue_lexicon()
    found: list[Statement] = []
    for token in doc:
        lower = token.lower_
        if lower == ":":
            st = _colon_headline(doc, text, token)
            if st:
                found.append(st)
            continue
        if lower == "according":
            st = _according(doc, text, token)
            if st:
                found.append(st)
            continue
        if token.pos_ == "NOUN":
            if (noun := nouns.get(token.lemma_.lower())) is not None:
                found.extend(_noun_statements(doc, text, token, noun))
            continue
        cue, prep = _cue_of(token, lexicon)
        if cue is None:
            continue
        comps = _content_heads(token, cue, prep)
        if comps:
            spans = _content_spans(token, comps, lexicon)
        elif token.dep_ == "parataxis" and token.head.i != token.i:
            spans = [_clause_minus(token.head, token)]
        else:
            continue
        span, head = _speaker(_subject(token))
        cue_text = token.text
        prt = prep or next((c for c in token.children if c.dep_ == "prt"), None)
        if prt is not None and prt.i == token.i + 1:
            cue_text = doc[token.i : prt.i + 1].text
        for start, end in spans:
            start, end = _trimmed(doc, start, end)
            if end <= start:
                continue
            s, e = _paragraph_clip(text, token, *_char_span(doc, start, end))
            if e > s:
                found.append(Statement(s, e, token, cue_text, span, head))
    return found


# Verbs whose object noun is the statement their subject makes: "expressed support for",
# "made the claim that", "voiced concern that", "issued a warning that".
_LIGHT_VERBS = frozenset({
    "make", "express", "voice", "issue", "offer", "give", "raise", "deliver", "repeat",
    "reiterate", "renew", "share", "air", "level", "lodge", "register", "signal", "state",
})


def _noun_statements(doc: Doc, text: str, noun: Token, cue: Cue) -> list[Statement]:
    """Statements of a cue noun: "his claim that ...", "her criticism of ...", "expressed support
    for ...". The speaker is the noun's possessor, the subject of a light verb whose object it
    is, or the object of "from"/"by" ("a statement from the ministry")."""
    heads: list[Token] = []
    speaker: Token | None = None
    for child in noun.children:
        if child.i < noun.i:
            if child.dep_ == "poss":
                speaker = child
            continue
        if child.dep_ in ("acl", "ccomp", "advcl"):
            first = child.left_edge
            if "that" in cue.complements and first.lower_ == "that" and first.dep_ == "mark":
                heads.append(child)
            elif "to" in cue.complements and first.lower_ == "to" and first.dep_ == "aux":
                heads.append(child)
        elif child.dep_ == "prep":
            if child.lower_ in cue.complements:
                heads.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
            elif child.lower_ in ("from", "by") and speaker is None:
                speaker = next((c for c in child.children if c.dep_ == "pobj"), None)
    if not heads:
        return []
    if speaker is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _LIGHT_VERBS:
        speaker = _subject(noun.head)
    if speaker is None:
        return []  # "the claim that ...": whose claim the text does not say here
    span, head = _speaker(speaker)
    found = []
    for h in heads:
        start, end = _trimmed(doc, h.left_edge.i, _content_end(h, cue_lexicon()))
        if end <= start:
            continue
        s, e = _paragraph_clip(text, noun, *_char_span(doc, start, end))
        if e > s:
            found.append(Statement(s, e, noun, noun.text, span, head))
    return found


# Longest name before a headline colon: "Obama: ..." "Senate Democrats: ...".
MAX_COLON_SPEAKER = 5


def _colon_headline(doc: Doc, text: str, colon: Token) -> Statement | None:
    """A headline or lead of the form "Name: what they said" (a speaker, a colon, a clause)."""
    para_start = text.rfind("\n", 0, colon.idx) + 1
    first = _token_at(doc, para_start)
    n = colon.i - first
    if not 0 < n <= MAX_COLON_SPEAKER:
        return None
    before = doc[first : colon.i]
    if not any(t.pos_ == "PROPN" for t in before) or any(t.pos_ in ("VERB", "AUX") for t in before):
        return None
    para_end = text.find("\n", colon.idx)
    if para_end < 0:
        para_end = len(text)
    end = _token_at(doc, para_end)
    if doc[end].idx < para_end:  # the paragraph runs to the end of the text
        end = len(doc)
    start, end = _trimmed(doc, colon.i + 1, end)
    if end <= start or _words(doc, doc[start].idx, para_end) < 3:
        return None
    s, e = _paragraph_clip(text, colon, *_char_span(doc, start, end))
    if e <= s:
        return None
    span_start, span_end = _trimmed(doc, first, colon.i)
    if span_end <= span_start:
        return None
    return Statement(s, e, colon, ":", (span_start, span_end), span_end - 1, "indirect")


def _according(doc: Doc, text: str, token: Token) -> Statement | None:
    """"According to X, Y" and "Y, according to X": Y is the content, X the speaker."""
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in token.children if c.dep_ == "pobj"), None)
    phrase_end = max(token.right_edge.i, to.right_edge.i) + 1
    sent = token.sent
    if token.i <= sent.start + 1:  # sentence-initial: the content is what follows
        start, end = phrase_end, sent.end
    elif phrase_end >= sent.end - 2:  # sentence-final: the content is what precedes
        start, end = sent.start, token.i
    else:
        start, end = _clause_minus(token.head, token) if token.head is not token else (0, 0)
    start, end = _trimmed(doc, start, end)
    if end <= start:
        return None
    span, head = _speaker(source)
    s, e = _paragraph_clip(text, token, *_char_span(doc, start, end))
    if e <= s:
        return None
    return Statement(s, e, token, "according to", span, head)


# --- merge -------------------------------------------------------------------------------------


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _token_at(doc: Doc, char: int) -> int:
    """Index of the token at or after a character offset (binary search on ``token.idx``)."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < char:
            lo = mid + 1
        else:
            hi = mid
    return min(lo, len(doc) - 1)


def _inside(char: int, group: Group) -> bool:
    return any(s <= char < e for s, e in group.segments)


def _nearest_cue(
    doc: Doc, group: Group, lexicon: dict[str, Cue], text: str | None = None
) -> Token | None:
    """A cue verb outside the marks in the sentences the group touches, nearest first."""
    first = doc[_token_at(doc, group.start)].sent
    last = doc[_token_at(doc, max(group.end - 1, group.start))].sent
    text = doc.text if text is None else text
    para_start = text.rfind("\n", 0, group.start) + 1
    para_end = text.find("\n", group.end)
    if para_end < 0:
        para_end = len(text)
    best: tuple[int, Token] | None = None
    for i in range(first.start, last.end):
        token = doc[i]
        if not para_start <= token.idx < para_end:
            continue  # a sentence the parser ran over a paragraph break
        if _inside(token.idx, group) or _cue_of(token, lexicon)[0] is None:
            continue
        distance = min(abs(token.idx - group.start), abs(token.idx - group.end))
        if best is None or distance < best[0]:
            best = (distance, token)
    return best[1] if best else None


def _words(doc: Doc, start: int, end: int) -> int:
    """Number of words (not punctuation) in a character span."""
    n = 0
    for i in range(_token_at(doc, start), len(doc)):
        if doc[i].idx >= end:
            break
        n += not (doc[i].is_punct or doc[i].is_space)
    return n


def merge(
    doc: Doc, groups: list[Group], said: list[Statement], text: str | None = None
) -> list[Statement]:
    """Join quotation-mark groups with cue statements; see the module docstring."""
    lexicon = cue_lexicon()
    # reported speech nested inside a quote is part of that quote, not a statement of its own
    kept = [st for st in said
            if st.cue is None or not any(_inside(st.cue.idx, g) for g in groups)]
    result: list[Statement] = []
    used: set[int] = set()
    dropped: set[int] = set()
    for group in groups:
        hits = [k for k, st in enumerate(kept)
                if _overlap(st.start, st.end, group.start, group.end) > 0]
        if hits:
            cues: set[int] = set()
            for k in hits:
                st = kept[k]
                if k in used:
                    continue
                if st.cue is not None and st.cue.i in cues:
                    dropped.add(k)  # “A,” X said, “B.”: both sides of one cue are one quote
                    continue
                if st.cue is not None:
                    cues.add(st.cue.i)
                inside = st.start >= group.start and st.end <= group.end
                covers = group.start >= st.start and group.end <= st.end
                if covers and not inside:
                    st.kind = "mixed"
                else:
                    st.kind = "direct" if inside else "mixed"
                    st.start, st.end = min(st.start, group.start), max(st.end, group.end)
                used.add(k)
            continue
        if _words(doc, group.start, group.end) < MIN_UNCUED_WORDS:
            continue
        cue = _nearest_cue(doc, group, lexicon, text)
        if cue is not None:
            span, head = _speaker(_subject(cue))
            st = Statement(group.start, group.end, cue, cue.text, span, head, "direct")
        elif (previous := _before(kept + result, group)) is not None and _follows(
            doc, previous, group, lexicon
        ):
            st = Statement(group.start, group.end, previous.cue, previous.cue_text,
                           previous.speaker, previous.speaker_head, "direct")
        else:
            continue
        result.append(st)
    result.extend(st for k, st in enumerate(kept) if k not in dropped)
    result.sort(key=lambda st: (st.start, st.end))
    return result


def _before(statements: list[Statement], group: Group) -> Statement | None:
    """The statement that ends last before the group starts."""
    earlier = [st for st in statements if st.end <= group.start]
    return max(earlier, key=lambda st: st.end) if earlier else None


def _follows(doc: Doc, previous: Statement, group: Group, lexicon: dict[str, Cue]) -> bool:
    """A quote with no cue continues the statement that ended in the sentence just before it,
    when that was speech by a known speaker (not what a poll showed or someone wanted)."""
    if previous.speaker is None or previous.cue is None:
        return False
    if previous.cue_text != "according to":
        cue = _cue_of(previous.cue, lexicon)[0]
        if cue is None or cue.type not in ("speech", "writing"):
            return False
    sent = doc[_token_at(doc, group.start)].sent
    if sent.start == 0:
        return False
    before = doc[sent.start - 1].sent
    return previous.end >= before.start_char and previous.start < group.start


def find_quotes(document: Document) -> None:
    """Fill ``document.quotes`` with attributed statements, ordered by content start."""
    doc = document.doc
    text = document.article.text
    if len(doc) == 0:
        document.quotes = []
        return
    statements = merge(doc, quote_groups(text), cue_statements(doc, text), text)
    quotes: list[Quote] = []
    for st in statements:
        speaker = speaker_text = s_start = s_end = None
        if st.speaker is not None:
            span: Span = doc[st.speaker[0] : st.speaker[1]]
            speaker_text, s_start, s_end = span.text, span.start_char, span.end_char
            mention = document.mention_at.get(st.speaker_head) if st.speaker_head is not None \
                else None
            if mention is not None and mention.entities:
                speaker = mention.entities[0]
        quotes.append(Quote(
            content_start=st.start, content_end=st.end, cue=st.cue_text, kind=st.kind,
            speaker=speaker, speaker_text=speaker_text, speaker_start=s_start,
            speaker_end=s_end, cue_start=st.cue.idx if st.cue is not None else None,
        ))
    document.quotes = quotes
