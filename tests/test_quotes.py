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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # content never holds its own cue: the part after "said, mentioning" is a second report
        ("“We have finished the draft,” the negotiator said, mentioning that the text is "
         "“nearly ready.”",
         ["“We have finished the draft,”", "that the text is “nearly ready.”"]),
        # a trailing participle clause comments on the report; it is not part of it
        ("The governor said the bridge would reopen in May, adding to the pressure on the "
         "contractors.",
         ["the bridge would reopen in May"]),
        # a trailing clause that is itself a report by others ends the first content
        ("Most farmers said the subsidy was too small, and a third said it came too late.",
         ["the subsidy was too small", "it came too late"]),
    ],
)
def test_quotes_content_boundaries(parse, text, expected):
    d = parse(text)
    assert [content(d, i) for i in range(len(d.quotes))] == expected


@pytest.mark.parametrize(
    ("text", "expected_content", "speaker", "cue"),
    [
        ("The governor praised the volunteers for their courage.",
         "the volunteers for their courage", "The governor", "praised"),
        ("The prosecutor accused the former mayor of taking bribes from builders.",
         "the former mayor of taking bribes from builders", "The prosecutor", "accused"),
        ("The envoy hoped the talks would resume before winter.",
         "the talks would resume before winter", "The envoy", "hoped"),
        ("The opposition expressed hope that the recount would be fair.",
         "that the recount would be fair", "The opposition", "hope"),
        ("The minister repeated her claim that the border was secure.",
         "that the border was secure", "her", "claim"),
        ("Voters are more likely to say that the economy is their main worry.",
         "that the economy is their main worry", "Voters", "say"),
        ("The party released a poll showing that its candidate leads in the capital.",
         "that its candidate leads in the capital", "a poll", "showing"),
    ],
)
def test_quotes_object_noun_and_participle_cues(parse, text, expected_content, speaker, cue):
    d = parse(text)
    q = next(q for q in d.quotes if q.cue == cue)
    assert (content(d, d.quotes.index(q)), q.speaker_text) == (expected_content, speaker)


def test_quotes_noun_cue_without_a_speaker_is_not_a_statement(parse):
    d = parse("The claim that the ballots were forged spread quickly on social media.")
    assert d.quotes == []


def test_quotes_noun_cue_lexicon_is_separate_from_verbs():
    nouns = quotes.noun_cue_lexicon()
    assert "that" in nouns["claim"].complements
    assert "statement" not in quotes.cue_lexicon()


# Written for this test: one article in which each statement names its speaker differently.
STATEMENTS = (
    "Russian President Vladimir Putin met China's defence minister Li Shangfu in Moscow on "
    "Sunday.\n\n"
    "“Our cooperation is not directed against third countries,” Putin said.\n\n"
    "He added that military ties were “at a very high level.”\n\n"
    "The defence minister said China would deepen exchanges with the Russian army.\n\n"
    "The Kremlin said the talks had been useful. Li told reporters the visit was a success."
)


@pytest.fixture(scope="module")
def statements():
    from herald.pipeline import code_text

    document = code_text(STATEMENTS, "2023-04-16")
    return [q.to_record(document.article) for q in document.quotes]


@pytest.mark.parametrize(
    ("speaker_text", "name", "country"),
    [
        ("Putin", "Vladimir Putin", "RUS"),  # surname
        ("He", "Vladimir Putin", "RUS"),  # pronoun
        ("The defence minister", "Li Shangfu", "CHN"),  # title
        ("The Kremlin", "Russia", "RUS"),  # seat of government
        ("Li", "Li Shangfu", "CHN"),  # surname after a cue with an object ("told reporters")
    ],
)
def test_quotes_speaker_resolved_through_the_document(statements, speaker_text, name, country):
    record = next(r for r in statements if r["speaker_text"] == speaker_text)
    assert (record["speaker"]["name"], record["speaker"]["country"]) == (name, country)


def test_quotes_records_follow_the_output_contract(statements):
    keys = {"id", "article_id", "speaker", "speaker_text", "speaker_span", "cue", "content",
            "kind", "char_span"}
    assert len(statements) == 5
    for r in statements:
        assert keys <= r.keys()
        start, end = r["speaker_span"]
        assert STATEMENTS[start:end] == r["speaker_text"]  # the mention as written
        start, end = r["char_span"]
        assert STATEMENTS[start:end] == r["content"]
        assert r["kind"] in ("direct", "indirect", "mixed")
        assert r["id"]
    assert [r["kind"] for r in statements][:2] == ["direct", "mixed"]
