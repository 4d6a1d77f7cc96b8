"""Places in a document and each event's location."""

from __future__ import annotations

import pytest

from herald.model import Article, Document, Event
from herald.where import dateline, find_places, locate


@pytest.fixture(scope="module")
def nlp():
    from herald.nlp import load

    return load()


def make(nlp, text: str, trigger: str, published: str | None = "2023-04-16", modality="asserted"):
    """A document with places found and a hand-made event on the first token ``trigger``."""
    doc = nlp(text)
    document = Document(article=Article(id="t", text=text, published=published), doc=doc)
    find_places(document)
    i = next(t.i for t in doc if t.text == trigger)
    sent = doc[i].sent
    event = Event(
        sentence_start=sent.start_char, sentence_end=sent.end_char, trigger=i,
        trigger_text=trigger, event="CONSULT", mode=None, cameo="040", modality=modality,
    )
    return document, event


def located(nlp, text: str, trigger: str) -> str | None:
    """The text of the place ``locate`` chooses for a hand-made event on ``trigger``."""
    place = locate(*make(nlp, text, trigger))
    return place.text if place is not None else None


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country"),
    [
        ("Xi met Putin in Moscow on Tuesday.", "met", "Moscow", "RUS"),
        ("Chinese leader Xi Jinping met with Putin in Moscow.", "met", "Moscow", "RUS"),
        ("Protesters gathered outside the parliament in Nairobi.", "gathered", "Nairobi", "KEN"),
        ("Heavy fighting broke out on the outskirts of Kyiv overnight.", "broke", "Kyiv", "UKR"),
        ("The foreign ministers held talks in Geneva on Friday.", "held", "Geneva", "CHE"),
        ("The president visited Beijing last year.", "visited", "Beijing", "CHN"),
        ("Her trip to Kyiv was announced by the ministry.", "trip", "Kyiv", "UKR"),
        ("Russian forces shelled Kharkiv again on Thursday.", "shelled", "Kharkiv", "UKR"),
        ("Clashes in Sudan killed dozens of civilians.", "killed", "Sudan", "SDN"),
        ("Police arrested six activists near Odessa late on Monday.", "arrested", "Odesa", "UKR"),
    ],
)
def test_where_locative_place_is_event_location(nlp, text, trigger, name, country) -> None:
    document, event = make(nlp, text, trigger)
    place = locate(document, event)
    assert place is not None
    assert (place.name, place.country) == (name, country)
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Kyiv rejected the plan.", "rejected"),  # an actor, not a location
        ("The proposal was flatly rejected by Kyiv and its allies.", "rejected"),
        ("Washington imposed new sanctions on Russia.", "imposed"),
        ("He did not mention the conflict in Ukraine at any point.", "mention"),
        ("The envoy held talks with Moscow about grain exports.", "held"),
        ("The minister, who grew up in Lviv, praised the agreement.", "praised"),
    ],
)
def test_where_no_location_from_arguments(nlp, text, trigger) -> None:
    document, event = make(nlp, text, trigger)
    assert locate(document, event) is None


def test_where_places_resolve_with_spans(nlp) -> None:
    text = "Officials in Kyiv and Moscow traded accusations about the dam in Kherson."
    document, _ = make(nlp, text, "traded")
    got = [(p.text, p.country, p.kind) for p in document.places]
    assert ("Kyiv", "UKR", "city") in got
    assert ("Moscow", "RUS", "city") in got
    for p in document.places:
        assert text[p.char_start : p.char_end] == p.text
        assert document.doc[p.start : p.end].text == p.text


def test_where_dateline_locates_the_lead_event_only(nlp) -> None:
    text = (
        "KYIV, March 3 (Reuters) - Ukrainian officials accused Russia of abducting children. "
        "Separately, the finance ministry published new figures on grain exports."
    )
    document, lead = make(nlp, text, "accused")
    head = dateline(document)
    assert head is not None and (head.name, head.country) == ("Kyiv", "UKR")
    place = locate(document, lead)
    assert place is not None and place.name == "Kyiv"
    _, later = make(nlp, text, "published")
    assert locate(document, later) is None


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW \u2014 The Kremlin said talks would resume.",
        "WASHINGTON (AP) \u2014 Senators approved the bill.",
        "NAIROBI, Kenya, May 2 - Protesters marched through the capital.",
    ],
)
def test_where_dateline_forms(nlp, text) -> None:
    document, _ = make(nlp, text, text.split()[3])
    assert dateline(document) is not None


def test_where_no_dateline_in_ordinary_lead(nlp) -> None:
    document, _ = make(nlp, "Ukraine said on Friday that talks would resume.", "said")
    assert dateline(document) is None


def test_where_dateline_not_used_for_future_events(nlp) -> None:
    text = "MOSCOW \u2014 Putin will travel abroad next month, the Kremlin said."
    document, event = make(nlp, text, "travel", modality="future")
    assert locate(document, event) is None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a village the gazetteer does not know is still where it happened
        ("Troops captured the village of Kessala after a day of fighting.", "captured", "Kessala"),
        ("Two farmers were killed in Abu Tarrah district on Monday.", "killed", "Abu Tarrah"),
        # the most specific place wins
        ("A bomb killed three people in the Baghdad neighbourhood of Karrada.", "killed",
         "Karrada"),
        # a fronted locative phrase places the main clause's event
        ("In Nairobi, thousands of traders marched to demand lower taxes.", "marched",
         "Nairobi"),
        ("Soldiers patrolled Mombasa after the riots.", "patrolled", "Mombasa"),
    ],
)
def test_where_local_and_fronted_places(nlp, text, trigger, expected) -> None:
    assert located(nlp, text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("He was killed in a U.S. airstrike on Tuesday.", "killed"),  # a modifier, not a place
        ("The envoy, who was born in Lviv, praised the agreement.", "praised"),
        ("Police arrested the man and said he had lived in Nairobi for years.", "arrested"),
    ],
)
def test_where_no_location_from_other_clauses_or_modifiers(nlp, text, trigger) -> None:
    document, event = make(nlp, text, trigger)
    assert locate(document, event) is None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the place the text puts inside or relative to another one is the answer
        ("Militia fighters seized Bunia in the restive Ituri province on Sunday.", "seized",
         "Bunia"),
        ("Peacekeepers patrolled Gbarnga, 150 kilometres north of Monrovia, on Friday.",
         "patrolled", "Gbarnga"),
        ("Rebels overran Kindu, the capital of Maniema province, at dawn.", "overran", "Kindu"),
        # a town's name on the object of a locative preposition says where; a country's says whose
        ("The envoy was shot outside his Kabul residence on Monday.", "shot", "Kabul"),
        ("Two soldiers were killed in the Falluja offensive last month.", "killed", "Falluja"),
        # a name described as a place is one, whatever the tagger made of it
        ("A guard was shot outside the provincial capital, Kandahar, late on Sunday.", "shot",
         "Kandahar"),
    ],
)
def test_where_most_specific_place_and_named_localities(nlp, text, trigger, expected) -> None:
    assert located(nlp, text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Fighting broke out in Sankuru province last week.", "Sankuru province", "region"),
        ("Fighting broke out in the province of Sankuru last week.", "Sankuru", "region"),
        ("Fighting broke out in the village of Mbelo last week.", "Mbelo", "place"),
    ],
)
def test_where_unknown_place_kind_from_its_frame(nlp, text, name, kind) -> None:
    document, _ = make(nlp, text, "broke")
    place = next(p for p in document.places if p.text == name)
    assert place.kind == kind and place.lat is None


def test_where_country_modifier_is_not_the_location(nlp) -> None:
    document, event = make(nlp, "Protesters marched outside the US embassy on Sunday.", "marched")
    place = locate(document, event)
    assert place is None or place.country != "USA"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a participle or relative clause of what the act is done to says where it happened
        ("A Kenyan aid worker driving near the town of Garissa was shot on Monday.", "shot",
         "Garissa"),
        ("Troops killed six gunmen who were hiding in Kismayo.", "killed", "Kismayo"),
        ("Three civilians were killed on Monday during the army's rocket shelling on "
         "Beledweyne town.", "killed", "Beledweyne"),
        # the place a distance is measured from, when nothing else places the event
        ("A farmer was shot dead in a village east of Mogadishu.", "shot", "Mogadishu"),
        # a town's name on a noun after "to" of a travel word
        ("The strikers marched to the Mombasa port offices on Friday.", "marched", "Mombasa"),
    ],
)
def test_where_participant_clause_and_measured_places(nlp, text, trigger, expected) -> None:
    assert located(nlp, text, trigger) == expected


def test_where_direct_place_beats_participant_clause(nlp) -> None:
    text = "Police in Mombasa arrested a trader who had lived in Nairobi."
    document, event = make(nlp, text, "arrested")
    place = locate(document, event)
    assert place is None or place.text != "Nairobi"


def test_where_agent_clause_is_biography(nlp) -> None:
    text = "The general, who studied in Nairobi, was dismissed on Monday."
    document, event = make(nlp, text, "dismissed")
    assert locate(document, event) is None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the object of a verb of taking ground is a place, whatever the tagger labels it
        ("Rebel fighters captured Ndele after a week of clashes.", "captured", "Ndele"),
        ("Government troops liberated the Al-Salam School on Thursday.", "liberated",
         "Al-Salam School"),
        # a town the gazetteer knows that the tagger calls a PRODUCT, framed as a place
        ("Fighters were killed in the Manbij campaign last week.", "killed", "Manbij"),
    ],
)
def test_where_taken_ground_and_mislabelled_towns(nlp, text, trigger, expected) -> None:
    assert located(nlp, text, trigger) == expected


def test_where_known_organisation_object_is_not_a_place(nlp) -> None:
    from herald import actors

    text = "Israeli troops besieged Hamas for a week and then captured Hezbollah."
    doc = nlp(text)
    document = Document(article=Article(id="t", text=text, published="2023-04-16"), doc=doc)
    actors.find_mentions(document)
    find_places(document)
    assert not any(p.text in ("Hamas", "Hezbollah") for p in document.places)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # "X, in Y": the comma phrase says where X is, so X is the answer, not Y
        ("Soldiers were ambushed by rebels hiding in the Rusizi Valley, in Cibitoke province, "
         "on Sunday.", "ambushed", "Rusizi Valley"),
        # "on" a peninsula, island or border locates; "on" a bare name does not
        ("Two sailors were shot dead in their barracks on the Bakassi Peninsula.", "shot",
         "Bakassi Peninsula"),
        # the border of two states is a place though both words are nationalities
        ("A smuggler was killed near the Sudanese-Chadian border on Friday.", "killed",
         "Sudanese-Chadian border"),
    ],
)
def test_where_comma_containment_surfaces_and_borders(nlp, text, trigger, expected) -> None:
    assert located(nlp, text, trigger) == expected


def test_where_direction_names_a_region(nlp) -> None:
    # "south Jubaland" is a part of an area, so the town in it is the more specific answer
    text = "A bomb exploded at a market in Baidoa town in south Jubaland on Monday."
    document, event = make(nlp, text, "exploded")
    place = locate(document, event)
    assert place is not None and place.text == "Baidoa"
    assert {p.text: p.kind for p in document.places}["south Jubaland"] == "region"


def test_where_on_a_bare_name_is_no_place(nlp) -> None:
    text = "The council imposed sanctions on Eritrea on Monday."
    document, event = make(nlp, text, "imposed")
    assert locate(document, event) is None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # "on" a thing named after a town locates ("marched on a Kabul hotel")
        ("Striking teachers marched on a Kampala hotel on Friday.", "marched", "Kampala"),
        # "along" a named street, in an adverbial clause of the trigger
        ("A cyclist was stabbed as he rode along Jamhuri Avenue on Monday.", "stabbed",
         "Jamhuri Avenue"),
        # a siege "of" a town is where the fighting is, through a relative clause of the victims
        ("Government troops killed dozens of militants who tried to break the siege of the "
         "northeastern city of Maiduguri.", "killed", "Maiduguri"),
    ],
)
def test_where_round7_ties(nlp, text, trigger, expected) -> None:
    document, event = make(nlp, text, trigger)
    place = locate(document, event)
    assert place is not None and expected in place.text


def test_where_conjunct_with_own_subject_is_another_event(nlp) -> None:
    # "and police arrested ... in Mombasa" is a second event; the first stays in Garissa
    text = ("Gunmen shot and killed a shopkeeper in Garissa on Sunday, and police arrested "
            "three suspects in Mombasa.")
    document, event = make(nlp, text, "shot")
    place = locate(document, event)
    assert place is not None and place.text == "Garissa"
