"""The PLOVER trigger lexicon: loading, validation, coverage, lookup specificity, spot checks."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from herald.errors import HeraldError
from herald.events import lexicon
from herald.events.cameo import load_table
from herald.events.lexicon import TriggerLexicon, TriggerRule, load_triggers, plover_ontology


@pytest.fixture(scope="module")
def lex() -> TriggerLexicon:
    return load_triggers()


def _rule(lemma: str, prep: str = "", objects: str = "", event: str = "CONSULT") -> TriggerRule:
    objs = frozenset(o for o in objects.split("|") if o)
    return TriggerRule(lemma, "V", prep, objs, event, None, "040", ())


def test_lexicon_loads_and_validates(lex: TriggerLexicon) -> None:
    assert len(lex.rules) > 700
    codes = set(load_table())
    onto = plover_ontology()
    for r in lex.rules:
        assert r.pos in ("V", "N")
        if not r.blocks:
            assert r.event in onto.quads and r.cameo in codes
            assert r.mode is None or r.mode in onto.modes[r.event]
        else:
            assert r.prep or r.objects, f"line {r.line}: a block row needs a prep or object"


def test_lexicon_every_plover_type_has_verb_and_noun_triggers(lex: TriggerLexicon) -> None:
    for plover in plover_ontology().quads:
        rows = [r for r in lex.rules if r.event == plover]
        assert {r.pos for r in rows} == {"V", "N"}, plover


def test_lexicon_every_design_mode_has_a_trigger(lex: TriggerLexicon) -> None:
    have = {(r.event, r.mode) for r in lex.rules}
    for plover, modes in plover_ontology().modes.items():
        for mode in modes:
            assert (plover, mode) in have, (plover, mode)


def test_lexicon_overlapping_objects_never_disagree(lex: TriggerLexicon) -> None:
    """Within one lemma, pos and prep an object selects one outcome: file order never matters."""
    seen: dict[tuple[str, str, str, str], tuple[str, str | None, int]] = {}
    for r in lex.rules:
        for obj in r.objects:
            key = (r.lemma, r.pos, r.prep, obj)
            outcome = (r.event, r.mode, r.line)
            if key in seen:
                assert seen[key][:2] == outcome[:2], (key, seen[key], outcome)
            seen[key] = outcome


def test_lexicon_light_verbs_have_no_plain_row(lex: TriggerLexicon) -> None:
    assert {"hold", "launch", "impose", "stage", "conduct", "issue", "carry"} <= lex.light_verbs()
    assert "sign" not in lex.light_verbs()
    plain_v = {r.lemma for r in lex.rules if r.pos == "V" and not r.prep and not r.objects}
    # "commit" keeps its plain AGREE row ("committed to"); "commit a crime" is a block row
    assert not (lex.light_verbs() & plain_v) - {"commit"}


def test_lexicon_lookup_prefers_the_most_specific_row() -> None:
    rows = [
        _rule("call", event="CONSULT"),
        _rule("call", objects="strike", event="PROTEST"),
        _rule("call", prep="for", event="REQUEST"),
        _rule("call", prep="for", objects="talk", event="AGREE"),
    ]
    lex = TriggerLexicon(rows, frozenset())
    assert lex.lookup("call", "V", set(), set()).event == "CONSULT"
    assert lex.lookup("call", "V", set(), {"strike"}).event == "PROTEST"
    assert lex.lookup("call", "V", {"for"}, {"strike"}).event == "REQUEST"
    assert lex.lookup("call", "V", {"for"}, {"talk"}).event == "AGREE"
    assert lex.lookup("call", "N", {"for"}, {"talk"}) is None
    assert lex.lookup("visit", "V", set(), set()) is None


def test_lexicon_lookup_without_plain_row_needs_its_prep_or_object(lex: TriggerLexicon) -> None:
    assert lex.lookup("step", "V", set(), set()) is None
    assert lex.lookup("step", "V", {"down"}, set()).mode == "resign"
    assert lex.lookup("sign", "V", set(), {"letter"}).event == "SUPPORT"
    assert lex.lookup("sign", "V", set(), {"birthday"}) is None


@pytest.mark.parametrize(
    ("lemma", "pos", "preps", "objects", "event", "mode"),
    [
        ("meet", "V", "", "", "CONSULT", None),
        ("meet", "V", "with", "", "CONSULT", None),
        ("meet", "V", "", "demand", "CONCEDE", None),
        ("meet", "V", "", "deadline", "-", None),
        ("visit", "V", "", "", "CONSULT", "visit"),
        ("visit", "N", "", "", "CONSULT", "visit"),
        ("host", "V", "", "", "CONSULT", "visit"),
        ("talk", "N", "", "peace", "CONSULT", None),
        ("summit", "N", "", "nato", "CONSULT", "multilateral"),
        ("speak", "V", "by", "phone", "CONSULT", "phone"),
        ("speak", "V", "to", "reporter", "-", None),
        ("mediate", "V", "", "", "CONSULT", "third-party"),
        ("praise", "V", "", "", "SUPPORT", None),
        ("sign", "V", "", "agreement", "SUPPORT", None),
        ("reach", "V", "", "deal", "SUPPORT", None),
        ("pledge", "V", "", "", "AGREE", None),
        ("pledge", "V", "", "support", "SUPPORT", None),
        ("call", "V", "for", "", "REQUEST", None),
        ("call", "V", "on", "", "REQUEST", None),
        ("call", "V", "for", "ceasefire", "REQUEST", "yield"),
        ("urge", "V", "", "", "REQUEST", None),
        ("demand", "V", "", "release", "REQUEST", "yield"),
        ("airstrike", "N", "", "", "ASSAULT", "aerial"),
        ("strike", "N", "", "air", "ASSAULT", "aerial"),
        ("strike", "N", "", "drone", "ASSAULT", "drone"),
        ("strike", "N", "", "hunger", "PROTEST", "hunger"),
        ("strike", "N", "", "general", "PROTEST", "strike"),
        ("strike", "V", "", "deal", "SUPPORT", None),
        ("strike", "V", "", "", "ASSAULT", None),
        ("arrest", "V", "", "", "COERCE", "arrest"),
        ("arrest", "N", "", "", "COERCE", "arrest"),
        ("arrest", "N", "", "cardiac", "-", None),
        ("expel", "V", "", "diplomat", "SANCTION", "expel"),
        ("expel", "V", "", "", "COERCE", "deport"),
        ("sanction", "V", "", "", "COERCE", "restrict"),
        ("sanction", "N", "", "", "COERCE", "restrict"),
        ("sever", "V", "", "tie", "SANCTION", "discontinue"),
        ("sentence", "V", "", "", "SANCTION", "convict"),
        ("reject", "V", "", "", "REJECT", None),
        ("veto", "V", "", "", "REJECT", None),
        ("accuse", "V", "", "", "ACCUSE", "allege"),
        ("condemn", "V", "", "", "ACCUSE", "disapprove"),
        ("investigate", "V", "", "", "ACCUSE", "investigate"),
        ("threaten", "V", "", "", "THREATEN", None),
        ("threaten", "V", "", "sanction", "THREATEN", "restrict"),
        ("protest", "V", "", "", "PROTEST", "demo"),
        ("protest", "N", "", "", "PROTEST", "demo"),
        ("riot", "V", "", "", "PROTEST", "riot"),
        ("boycott", "V", "", "", "PROTEST", "boycott"),
        ("release", "V", "", "prisoner", "RETREAT", "release"),
        ("release", "V", "", "statement", "-", None),
        ("withdraw", "V", "", "troop", "RETREAT", "withdraw"),
        ("withdraw", "V", "from", "treaty", "SANCTION", "withdraw"),
        ("step", "V", "down", "", "RETREAT", "resign"),
        ("ceasefire", "N", "", "", "RETREAT", "ceasefire"),
        ("fire", "N", "", "cease", "RETREAT", "ceasefire"),
        ("lift", "V", "", "sanction", "RETREAT", None),
        ("lift", "V", "", "curfew", "CONCEDE", None),
        ("cooperate", "V", "", "", "COOPERATE", None),
        ("cooperation", "N", "", "military", "COOPERATE", None),
        ("send", "V", "", "weapon", "AID", None),
        ("aid", "N", "", "humanitarian", "AID", None),
        ("deploy", "V", "", "troop", "MOBILIZE", "troops"),
        ("deploy", "V", "", "missile", "MOBILIZE", "weapons"),
        ("deploy", "V", "", "police", "MOBILIZE", "police"),
        ("seize", "V", "", "city", "COERCE", "seize"),
        ("seize", "V", "", "opportunity", "-", None),
        ("crack", "V", "down", "", "COERCE", "restrict"),
        ("hack", "V", "", "", "COERCE", "cyber"),
        ("curfew", "N", "", "", "COERCE", "curfew"),
        ("attack", "V", "", "", "ASSAULT", None),
        ("attack", "N", "", "heart", "-", None),
        ("attack", "N", "", "suicide", "ASSAULT", "suicide-attack"),
        ("shell", "V", "", "", "ASSAULT", "heavy-weapons"),
        ("kidnap", "V", "", "", "ASSAULT", "abduct"),
        ("assassinate", "V", "", "", "ASSAULT", "targeted"),
        ("fire", "V", "on", "", "ASSAULT", "firearms"),
        ("fire", "V", "", "minister", "-", None),
        ("fire", "V", "at", "rocket", "ASSAULT", "heavy-weapons"),
        ("invade", "V", "", "", "ASSAULT", None),
        ("raze", "V", "", "village", "ASSAULT", "destroy"),
        ("fight", "V", "", "corruption", "-", None),
    ],
)
def test_lexicon_spot_checks(
    lex: TriggerLexicon,
    lemma: str,
    pos: str,
    preps: str,
    objects: str,
    event: str,
    mode: str | None,
) -> None:
    rule = lex.lookup(lemma, pos, set(preps.split()), set(objects.split()))
    assert rule is not None, (lemma, pos, preps, objects)
    assert (rule.event, rule.mode) == (event, mode)


def test_lexicon_validation_names_file_and_line(tmp_path: Path, monkeypatch) -> None:
    bad = tmp_path / "triggers.tsv"
    bad.write_text(
        "# comment\n"
        "lemma\tpos\tprep\tobject\tevent\tmode\tcameo\tcontexts\n"
        "meet\tV\t\t\tCONSULT\t\t040\tdiplomatic\n"
        "visit\tV\t\t\tCONSULT\tairborne\t042\t\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(lexicon, "TRIGGERS_FILE", bad)
    load_triggers.cache_clear()
    try:
        with pytest.raises(HeraldError, match=r"triggers\.tsv:4: 'airborne' is not a mode"):
            load_triggers()
        bad.write_text(
            "lemma\tpos\tprep\tobject\tevent\tmode\tcameo\tcontexts\n"
            "meet\tV\t\t\tCONSULT\t\t999\t\n",
            encoding="utf-8",
        )
        with pytest.raises(HeraldError, match=r"triggers\.tsv:2: CAMEO code '999'"):
            load_triggers()
        bad.write_text(
            "lemma\tpos\tprep\tobject\tevent\tmode\tcameo\tcontexts\n"
            "meet\tV\t\t\tCONSULT\t\t040\tgossip\n",
            encoding="utf-8",
        )
        with pytest.raises(HeraldError, match="unknown PLOVER context"):
            load_triggers()
        bad.write_text(
            "lemma\tpos\tprep\tobject\tevent\tmode\tcameo\tcontexts\nmeet\tV\t\t\tPARTY\t\t040\t\n",
            encoding="utf-8",
        )
        with pytest.raises(HeraldError, match="unknown PLOVER type 'PARTY'"):
            load_triggers()
    finally:
        monkeypatch.undo()
        load_triggers.cache_clear()


def test_lexicon_counts_per_type(lex: TriggerLexicon) -> None:
    counts: dict[str, int] = defaultdict(int)
    for r in lex.rules:
        counts[r.event] += 1
    assert all(counts[t] >= 40 for t in plover_ontology().quads), dict(counts)


@pytest.fixture(scope="module")
def nlp():
    from herald import nlp as herald_nlp

    try:
        return herald_nlp.load()
    except HeraldError as err:  # the model is not installed here
        pytest.skip(str(err))


@pytest.mark.parametrize(
    ("sentence", "word", "event"),
    [
        ("Chinese President Xi Jinping met his Russian counterpart in Moscow.", "met", "CONSULT"),
        ("The two sides held talks on trade on Tuesday.", "talks", "CONSULT"),
        ("Israeli jets carried out airstrikes on the city overnight.", "airstrikes", "ASSAULT"),
        ("The European Union imposed new sanctions on Iran.", "sanctions", "COERCE"),
        ("Police arrested dozens of protesters in the capital.", "arrested", "COERCE"),
        ("The minister criticised the decision as reckless.", "criticised", "ACCUSE"),
        ("Rebels freed the hostages after a week.", "freed", "RETREAT"),
        ("Teachers staged a rally outside parliament.", "rally", "PROTEST"),
        ("Militants kidnapped three engineers near the border.", "kidnapped", "ASSAULT"),
        ("Kenya withdrew its troops from the town.", "withdrew", "RETREAT"),
        ("The army shelled villages along the front line.", "shelled", "ASSAULT"),
        ("Soldiers raped women in the village, the report said.", "raped", "ASSAULT"),
        ("A court fined the newspaper for defamation.", "fined", "SANCTION"),
        ("The government announced a ceasefire on Friday.", "ceasefire", "RETREAT"),
        ("Warring factions agreed to a truce.", "agreed", "AGREE"),
        ("Japan pledged aid to the flood victims.", "pledged", "AGREE"),
        ("The union urged the company to raise wages.", "urged", "REQUEST"),
        ("Moscow rejected the proposal.", "rejected", "REJECT"),
        ("Pyongyang threatened retaliation.", "threatened", "THREATEN"),
        ("Both countries deployed troops to the border.", "deployed", "MOBILIZE"),
        ("The two navies cooperated on anti-piracy patrols.", "cooperated", "COOPERATE"),
        ("Washington sent weapons to Kyiv.", "sent", "AID"),
        ("The government eased restrictions on the press.", "eased", "CONCEDE"),
        ("Beijing praised the initiative.", "praised", "SUPPORT"),
    ],
)
def test_lexicon_trigger_words_lemmatize_to_lexicon_rows(
    nlp, lex: TriggerLexicon, sentence: str, word: str, event: str
) -> None:
    """spaCy's own lemma and pos of the trigger word reach a row of the expected type."""
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    pos = "V" if token.pos_ == "VERB" else "N"
    preps = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep")}
    objects = {
        c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "nsubjpass", "compound")
    }
    for c in token.children:
        if c.dep_ == "prep":
            objects |= {p.lemma_.lower() for p in c.children if p.dep_ == "pobj"}
    rule = lex.lookup(token.lemma_.lower(), pos, preps, objects)
    assert rule is not None and rule.event == event, (token.lemma_, token.pos_, preps, objects)
