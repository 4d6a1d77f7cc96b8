"""Actor mentions and their resolution, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald import actors
from herald.actors import knowledge
from herald.model import Document, Mention
from tests.conftest import mentions_of

SHARED = Path(__file__).parents[1].parent / "shared"




def at(document: Document, word: str, nth: int = 0) -> Mention | None:
    """The mention covering the nth token written ``word``."""
    hits = [t.i for t in document.doc if t.text == word]
    return document.mention_at.get(hits[nth]) if len(hits) > nth else None


def codes(m: Mention | None) -> list[tuple[str | None, str | None]]:
    return [(e.country, e.sector) for e in m.entities] if m else []


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Beijing said the talks were useful.", "Beijing", [("CHN", "GOV")]),
        ("Tehran rejected the offer on Monday.", "Tehran", [("IRN", "GOV")]),
        ("The Kremlin denied the report.", "Kremlin", [("RUS", "GOV")]),
        ("The White House welcomed the vote.", "House", [("USA", "GOV")]),
        ("Downing Street refused to comment.", "Street", [("GBR", "GOV")]),
        ("The Pentagon sent more drones.", "Pentagon", [("USA", "MIL")]),
    ],
)
def test_actors_capital_as_government(nlp, text, word, expected):
    assert codes(at(mentions_of(nlp, text), word)) == expected


def test_actors_kremlin_is_russia_gov(nlp):
    m = at(mentions_of(nlp, "The Kremlin said the sanctions would fail."), "Kremlin")
    assert m is not None and m.entities[0].name == "Russia"
    assert (m.entities[0].country, m.entities[0].sector, m.entities[0].kind) == ("RUS", "GOV",
                                                                                "state")


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Russian troops shelled the town.", "troops", [("RUS", "MIL")]),
        ("The Ukrainian army retook the village.", "army", [("UKR", "MIL")]),
        ("Israeli police detained two men.", "police", [("ISR", "COP")]),
        ("Hungarian officials signed the deal.", "officials", [("HUN", "GOV")]),
        ("Iranian lawmakers approved the bill.", "lawmakers", [("IRN", "LEG")]),
        ("Afghan rebel leaders rejected the truce.", "leaders", [("AFG", "REB")]),
        ("The US Congress passed the measure.", "Congress", [("USA", "LEG")]),
        ("The president of Armenia arrived late.", "president", [("ARM", "GOV")]),
        ("Security forces in Guinea fired tear gas.", "forces", [("GIN", "MIL")]),
        ("UN peacekeepers patrolled the border.", "peacekeepers", [("IGO", "MIL")]),
        ("The Chinese bought more wheat.", "Chinese", [("CHN", None)]),
        ("Senior Hungarian and Romanian officials met on Friday.", "officials",
         [("HUN", "GOV"), ("ROU", "GOV")]),
    ],
)
def test_actors_role_with_country_gives_sector(nlp, text, word, expected):
    assert codes(at(mentions_of(nlp, text), word)) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("China warned Japan against the move.", "China", [("CHN", None)]),
        ("The United States imposed new tariffs.", "States", [("USA", None)]),
        ("The U.S. and Britain condemned the strike.", "Britain", [("GBR", None)]),
        ("NATO will hold a summit.", "NATO", [("IGO", None)]),
        ("The U.N. Security Council met.", "Council", [("IGO", "GOV")]),
        ("Amnesty International called for an inquiry.", "Amnesty", [("NGO", None)]),
        ("The West imposed sanctions.", "West", [("WST", None)]),
        ("Kyiv and its Western allies rejected the plan.", "allies", [("WST", None)]),
    ],
)
def test_actors_countries_and_organizations(nlp, text, word, expected):
    assert codes(at(mentions_of(nlp, text), word)) == expected


def test_actors_us_pronoun_is_not_the_united_states(nlp):
    document = mentions_of(nlp, "They told us the border was closed.")
    assert at(document, "us") is None


@pytest.mark.parametrize(
    "text",
    ["The two ministers met in Moscow on Tuesday.", "He flew to Kyiv last week."],
)
def test_actors_locative_place_is_no_actor(nlp, text):
    document = mentions_of(nlp, text)
    word = "Moscow" if "Moscow" in text else "Kyiv"
    assert at(document, word) is None


def test_actors_kyiv_is_not_a_person(nlp):
    document = mentions_of(nlp, "Kyiv accused Minsk of helping the invasion.")
    m = at(document, "Kyiv")
    assert m is not None and m.entities[0].kind == "state"
    assert codes(m) == [("UKR", "GOV")]


def test_actors_person_description_carries_to_surname(nlp):
    text = ("Brazilian President Luiz Inacio Lula da Silva arrived in Lisbon on Friday. "
            "Lula said he hoped to sign a trade deal.")
    document = mentions_of(nlp, text)
    first = at(document, "Silva")
    later = at(document, "Lula", 1)
    assert first is not None and later is not None
    assert first.entities == later.entities
    assert (later.entities[0].country, later.entities[0].sector) == ("BRA", "GOV")
    assert document.doc[first.head].text == "Silva"


def test_actors_apposition_describes_person(nlp):
    text = ("Mariam Oduya, Kenya's foreign minister, said on Monday that talks would resume. "
            "Oduya did not give a date.")
    document = mentions_of(nlp, text)
    m = at(document, "Oduya", 1)
    assert m is not None and codes(m) == [("KEN", "GOV")]
    assert m.entities[0].kind == "person" and m.entities[0].name == "Mariam Oduya"


def test_actors_pronoun_resolves_to_person(nlp):
    text = ("Polish Defence Minister Tomasz Wierzba visited the base on Monday. "
            "He said the new tanks would arrive in May.")
    document = mentions_of(nlp, text)
    m = at(document, "He")
    assert m is not None and m.entities[0].name == "Tomasz Wierzba"
    assert codes(m) == [("POL", "MIL")]
    assert m.confidence < 1


def test_actors_title_resolves_to_described_person(nlp):
    text = ("Egyptian President Karim Fahmy met the envoy in Cairo. "
            "The Egyptian president later said the border would stay open.")
    document = mentions_of(nlp, text)
    m = at(document, "president")
    assert m is not None and m.entities[0].name == "Karim Fahmy"


def test_actors_unnamed_role_lends_country_to_titled_person(nlp):
    text = ("Peru has signed a new arms deal, its defence minister said on Friday. "
            "Defence Minister Ortega said the first jets would arrive next year.")
    document = mentions_of(nlp, text)
    assert codes(at(document, "Ortega")) == [("PER", "MIL")]
    assert codes(at(document, "minister")) == [("PER", "MIL")]


def test_actors_its_refers_to_subject_state(nlp):
    document = mentions_of(nlp, "Turkey said on Sunday that its army would stay in the area.")
    assert codes(at(document, "army")) == [("TUR", "MIL")]


def test_actors_the_two_resolves_to_pair(nlp):
    text = ("Indian Prime Minister Arjun Mehta met Japanese Prime Minister Kenji Sato in Tokyo. "
            "The two agreed to expand naval drills.")
    document = mentions_of(nlp, text)
    m = at(document, "two")
    assert m is not None
    assert {e.name for e in m.entities} == {"Arjun Mehta", "Kenji Sato"}
    assert {e.country for e in m.entities} == {"IND", "JPN"}


def test_actors_the_two_countries_are_states(nlp):
    text = "Ghana signed a border pact with Togo. The two countries will share patrols."
    m = at(mentions_of(nlp, text), "countries")
    assert m is not None and sorted(codes(m)) == [("GHA", None), ("TGO", None)]


def test_actors_mentions_sorted_and_not_overlapping(nlp):
    text = ("Russian President Vladimir Putin and Chinese leader Xi Jinping met in Moscow. "
            "The Kremlin said the two discussed trade with Beijing.")
    document = mentions_of(nlp, text)
    spans = [(m.start, m.end) for m in document.mentions]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    for m in document.mentions:
        assert m.start <= m.head < m.end and m.rule
        assert document.article.text[m.char_start:m.char_end] == m.text


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the Russian defence minister", [("RUS", "MIL")]),
        ("Kyiv", [("UKR", "GOV")]),
        ("U.N. Security Council", [("IGO", "GOV")]),
        ("Israeli", [("ISR", None)]),
        ("Nigerian government", [("NGA", "GOV")]),
        ("Israeli army", [("ISR", "MIL")]),
        ("Turkish riot police", [("TUR", "COP")]),
        ("the weather", []),
    ],
)
def test_actors_resolve_phrase(phrase, expected):
    assert [(e.country, e.sector) for e in actors.resolve_phrase(phrase)] == expected


# ---- people knowledge and dated roles -------------------------------------------------------

PEOPLE_TSV = """# a test file in the people.tsv format
name\taliases\tcountry\tsector\trole\tstart\tend
Ana Quispe\tQuispe|President Quispe\tBOL\tGOV\tPresident\t2020-11-08\t
Ana Quispe\tQuispe\tBOL\tLEG\tSenator\t2010-01-22\t2020-11-07
"""


def test_actors_people_loader_reads_the_format(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text(PEOPLE_TSV, encoding="utf-8")
    rows = knowledge.load_people(path)
    assert len(rows) == 2
    assert rows[0].name == "Ana Quispe" and rows[0].aliases == ("Quispe", "President Quispe")
    assert (rows[0].country, rows[0].sector, rows[0].start, rows[0].end) == (
        "BOL", "GOV", "2020-11-08", None)


@pytest.fixture()
def quispe(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text(PEOPLE_TSV, encoding="utf-8")
    actors.add_user_actors(knowledge.load_people(path))
    yield
    actors.clear_user_actors()


@pytest.mark.parametrize(
    ("date", "sector"),
    [("2023-03-01", "GOV"), ("2015-06-30", "LEG"), (None, "GOV")],
)
def test_actors_role_by_event_date(nlp, quispe, date, sector):
    document = mentions_of(nlp, "Quispe criticised the new mining law.", date)
    m = at(document, "Quispe")
    assert m is not None and m.entities[0].name == "Ana Quispe"
    assert codes(m) == [("BOL", sector)]


def test_actors_known_person_without_description(nlp, quispe):
    document = mentions_of(nlp, "Ana Quispe met union leaders in La Paz.", "2022-01-10")
    assert codes(at(document, "Quispe")) == [("BOL", "GOV")]


# ---- knowledge files ---------------------------------------------------------------------------


def test_actors_countries_cover_un_members_and_observers():
    import pycountry

    table = knowledge.countries()
    assert len(table) == 197  # 193 members, Holy See, Palestine, Kosovo, Taiwan
    for iso3 in table:
        if iso3 != "XKX":
            assert pycountry.countries.get(alpha_3=iso3) is not None, iso3
    assert all(c.capitals for c in table.values() if c.iso3 != "SYC")


def test_actors_roles_have_known_sectors():
    from herald.model import KINDS, SECTORS

    for role in knowledge.roles().values():
        assert role.sector is None or role.sector in SECTORS, role
        assert role.kind in KINDS, role


# ---- the seed article ------------------------------------------------------------------------


def test_actors_seed_article(nlp):
    path = SHARED / "seeds" / "china-russia-new-era.txt"
    if not path.exists():
        pytest.skip(f"the seed article is not at {path} (../shared is absent)")
    text = path.read_text(encoding="utf-8")
    document = mentions_of(nlp, text, "2023-04-16")

    def find(phrase: str, nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        m = next((m for m in document.mentions if m.char_start <= start < m.char_end), None)
        assert m is not None, phrase
        return m

    assert codes(find("its defence minister")) == [("CHN", "MIL")]
    for phrase, nth in [("Li Shangfu", 0), ("Defence Minister Li", 0), ("he said", 0),
                        ("He also", 0), ("He did", 0)]:
        m = find(phrase, nth)
        assert m.entities[0].name == "Li Shangfu" and codes(m) == [("CHN", "MIL")], phrase
    for phrase in ("Russian President Vladimir Putin", "Putin praised", "the Russian President"):
        assert codes(find(phrase)) == [("RUS", "GOV")], phrase
    assert codes(find("Beijing did")) == [("CHN", "GOV")]
    assert codes(find("Moscow, which")) == [("RUS", "GOV")]
    assert codes(find("Kyiv")) == [("UKR", "GOV")]
    assert codes(find("its Western allies")) == [("WST", None)]
    assert codes(find("the West for")) == [("WST", None)]
    assert {e.country for e in find("The two").entities} == {"CHN", "RUS"}
    assert {e.country for e in find("the two countries").entities} == {"CHN", "RUS"}
    met_in = text.index("in Moscow") + 3
    assert not any(m.char_start <= met_in < m.char_end for m in document.mentions)
