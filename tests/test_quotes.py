"""Quotes: direct, split, multi-paragraph, partial, reported speech; speakers and their spans."""

from __future__ import annotations

import pytest

from herald import nlp, quotes
from herald.model import Article, Document, Entity, Mention


@pytest.fixture(scope="module")
def parse():
    model = nlp.load()

    def run(text: str, mentions: list[tuple[str, Entity]] = ()) -> Document:
        document = Document(article=Article(id="t", text=text), doc=model(text))
        for phrase, entity in mentions:
            start = text.index(phrase)
            span = document.doc.char_span(start, start + len(phrase))
            document.mentions.append(Mention(
                span.start, span.end, span.root.i, span.text, span.start_char, span.end_char,
                [entity],
            ))
        document.index_mentions()
        quotes.find_quotes(document)
        return document

    return run


def content(document: Document, i: int = 0) -> str:
    q = document.quotes[i]
    return document.article.text[q.content_start : q.content_end]


def test_quotes_direct_quote_with_speaker(parse):
    d = parse("“We will not retreat from the border,” the defence minister said on Tuesday.")
    assert len(d.quotes) == 1
    q = d.quotes[0]
    assert content(d) == "“We will not retreat from the border,”"
    assert (q.kind, q.cue, q.speaker_text) == ("direct", "said", "the defence minister")
    assert d.article.text[q.speaker_start : q.speaker_end] == "the defence minister"
    assert d.article.text[q.cue_start : q.cue_start + 4] == "said"
    assert q.id == ""  # the pipeline sets ids


def test_quotes_split_direct_quote_is_one_statement(parse):
    d = parse("“The talks were useful,” she said, “but nothing has been agreed yet.”")
    assert len(d.quotes) == 1
    assert content(d) == d.article.text  # from the first mark to the last
    assert d.quotes[0].speaker_text == "she"
    assert d.quotes[0].kind == "direct"


def test_quotes_split_with_full_stop_is_one_statement(parse):
    text = '"The port will reopen," the mayor said. "We expect the first ships on Monday."'
    d = parse(text)
    assert [content(d, i) for i in range(len(d.quotes))] == [text]
    assert d.quotes[0].speaker_text == "the mayor"


def test_quotes_multi_paragraph_quote_continues(parse):
    text = (
        "The senator spoke for an hour.\n\n"
        "“We have waited long enough for this bill to reach the floor.\n\n"
        "“Now the voters will decide who was right,” Ms. Ortega said."
    )
    d = parse(text)
    assert len(d.quotes) == 1
    q = d.quotes[0]
    assert content(d).startswith("“We have waited")
    assert content(d).endswith("who was right,”")
    assert q.speaker_text == "Ms. Ortega"


def test_quotes_partial_quote_inside_reported_speech_is_mixed(parse):
    d = parse("The minister said the plan was “dead on arrival” and would not be revived.")
    assert len(d.quotes) == 1
    q = d.quotes[0]
    assert q.kind == "mixed"
    assert content(d) == "the plan was “dead on arrival” and would not be revived"
    assert q.speaker_text == "The minister"


@pytest.mark.parametrize(
    ("text", "expected_content", "speaker", "cue"),
    [
        ("The Kremlin said that the talks would continue next week.",
         "that the talks would continue next week", "The Kremlin", "said"),
        ("According to the interior ministry, four people were arrested overnight.",
         "four people were arrested overnight", "the interior ministry", "according to"),
        ("Four people were arrested overnight, according to the interior ministry.",
         "Four people were arrested overnight", "the interior ministry", "according to"),
        ("The ceasefire is holding in most areas, a United Nations spokesman said.",
         "The ceasefire is holding in most areas", "a United Nations spokesman", "said"),
        ("The opposition leader warned that the election could be delayed.",
         "that the election could be delayed", "The opposition leader", "warned"),
        ("The union issued a statement on Friday, saying the strike would go ahead.",
         "the strike would go ahead", "The union", "saying"),
    ],
)
def test_quotes_reported_speech(parse, text, expected_content, speaker, cue):
    d = parse(text)
    assert len(d.quotes) == 1
    q = d.quotes[0]
    assert (content(d), q.speaker_text, q.cue, q.kind) == (expected_content, speaker, cue,
                                                           "indirect")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Its defence minister, who visited the front last week, said the army was ready.",
         "Its defence minister"),
        ("Poland, which borders Ukraine, said its army was ready to help.", "Poland"),
        ("The foreign ministry of Japan said the missile fell into the sea.",
         "The foreign ministry of Japan"),
    ],
)
def test_quotes_speaker_span_is_trimmed_noun_phrase(parse, text, speaker):
    d = parse(text)
    q = d.quotes[0]
    assert q.speaker_text == speaker
    assert text[q.speaker_start : q.speaker_end] == speaker
    assert q.speaker is None  # no actor mentions in this document


def test_quotes_speaker_entity_comes_from_the_mention(parse):
    russia = Entity("Russia", "RUS", "GOV", "state")
    d = parse("The Kremlin said the sanctions would fail.", [("The Kremlin", russia)])
    assert d.quotes[0].speaker == russia
    assert d.quotes[0].speaker_text == "The Kremlin"


def test_quotes_next_fully_quoted_sentence_keeps_the_speaker(parse):
    d = parse(
        "The mayor said the port would be rebuilt. "
        "“It will take years, not months, to finish the job.”"
    )
    assert len(d.quotes) == 2
    assert [q.speaker_text for q in d.quotes] == ["The mayor", "The mayor"]
    assert [q.kind for q in d.quotes] == ["indirect", "direct"]
    assert content(d, 1) == "“It will take years, not months, to finish the job.”"


def test_quotes_scare_quotes_are_not_statements(parse):
    d = parse("Protesters gathered outside the so-called “green zone” on Friday.")
    assert d.quotes == []


@pytest.mark.parametrize(
    "text",
    [
        "He said “the vote was rigged and walked out of the hall.",
        '"We are ready," he said. "Fully ready',
        "” Stray closing marks ” and ‘ odd ’ ones.",
        "“",
        "",
        "\n\n“Unclosed at the end of a paragraph\n\nand the next one does not reopen.",
    ],
)
def test_quotes_unbalanced_marks_do_not_crash(parse, text):
    d = parse(text)
    for q in d.quotes:
        assert 0 <= q.content_start < q.content_end <= len(text)


def test_quotes_are_ordered_by_content_start(parse):
    d = parse(
        "The army said the road was closed. “Nobody may pass,” a soldier said. "
        "According to residents, the shelling stopped at dawn."
    )
    starts = [q.content_start for q in d.quotes]
    assert len(starts) == 3
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("He said “yes” and “no.”", [(8, 13), (18, 23)]),
        ('He said "yes" and "no."', [(8, 13), (18, 23)]),
        ("He said ''yes'' twice.", [(8, 15)]),
        ("It is Clinton’s ‘turn’ now.", [(16, 22)]),
        ("“One.\n\n“Two.”", [(0, 5), (7, 13)]),
    ],
)
def test_quotes_quote_segments(text, segments):
    assert [(s, e) for s, e, _ in quotes.quote_segments(text)] == segments


def test_quotes_quote_groups_join_paragraph_continuation_and_split_quotes():
    text = "“One.\n\n“Two,” he said, “three.”\n\nThen “four.”"
    groups = quotes.quote_groups(text)
    assert [(g.start, g.end) for g in groups] == [(0, text.index("Then") - 2),
                                                 (text.index("“four"), len(text))]


def test_quotes_cue_lexicon_has_lemmas_and_types():
    lexicon = quotes.cue_lexicon()
    assert lexicon["say"].type == "speech"
    assert "ccomp" in lexicon["say"].complements
    assert "pobj" in lexicon["call for"].complements
    assert "according to" in lexicon
