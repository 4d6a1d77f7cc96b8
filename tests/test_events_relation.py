"""The relation between two marked spans: rules on the dependency path, negation, the model."""

from __future__ import annotations

import pytest

from herald.events import relation


def _classify(marked: str, use_model: bool = True) -> relation.Relation:
    text, s, t = relation.unmark(marked)
    return relation.classify(text, s, t, use_model=use_model)


def test_relation_unmark_gives_spans():
    text, s, t = relation.unmark("<s>Chile</s> thanked <t>Peru</t>.")
    assert text == "Chile thanked Peru."
    assert text[s[0]:s[1]] == "Chile" and text[t[0]:t[1]] == "Peru"


@pytest.mark.parametrize("marked,event", [
    ("<s>The Dutch government</s> condemned <t>the junta</t> for the killings.", "ACCUSE"),
    ("<s>Ecuador</s> expelled <t>two Colombian diplomats</t> on Friday.", "SANCTION"),
    ("<s>Pakistani police</s> arrested <t>the party's leader</t> in Lahore.", "COERCE"),
    ("<s>Oman</s> hosted talks between <t>the Yemeni factions</t> in Muscat.", "CONSULT"),
    # the trigger highest on the path governs the nouns below it
    ("<s>Brussels</s> threatened to impose sanctions on <t>Minsk</t>.", "THREATEN"),
    # a refusal of a cooperative act is REJECT
    ("<s>The army</s> refused to release <t>the detained students</t>.", "REJECT"),
    ("<s>Kabul</s> will not lift the ban on <t>the aid group</t>.", "REJECT"),
    # a phone call; a date after "on" is no "call on"; the purpose of the call names the event
    ("<s>The chancellor</s> called <t>Erdogan</t> on Friday about the border.", "CONSULT"),
    ("<s>The premier</s> called <t>her Czech counterpart</t> to congratulate him.", "SUPPORT"),
    # calling someone names is criticism, not a call
    ("<s>The senator</s> called <t>the governor</t> a coward.", "ACCUSE"),
    # asking others to act against the target is hostility to it, not a request to it
    ("<s>Lawmakers</s> called for sanctions against <t>Caracas</t> over the vote.", "ACCUSE"),
    # a deal reached is made, as one signed is (SUPPORT 057); a ceasefire agreed is AGREE
    ("<s>Chile</s> reached a trade deal with <t>Vietnam</t> after two years of talks.", "SUPPORT"),
    ("<s>Peru</s> and <t>Bolivia</t> agreed a water-sharing accord on Monday.", "SUPPORT"),
    ("<s>Peru</s> agreed with <t>Bolivia</t> to open talks on water next year.", "AGREE"),
    # imposed sanctions restrict (CAMEO 163 is COERCE/restrict in the 2021 CAMEO-PLOVER table)
    ("<s>Ottawa</s> imposed new sanctions on <t>two Haitian gang leaders</t>.", "COERCE"),
    # "X said Y must ..." lays a duty on Y: a demand, whatever the verb
    ("<s>The envoy</s> said <t>the junta</t> must hold elections within a year.", "REQUEST"),
    ("<s>Seoul</s> says <t>the new law</t> should be withdrawn.", "REQUEST"),
    # laying the blame on someone is an accusation; so is contesting what they said
    ("<s>The ministry</s> said <t>the separatists</t> were responsible for the blast.", "ACCUSE"),
    ("<s>The opposition</s> disputed <t>the electoral board's</t> count of the vote.", "ACCUSE"),
    # cutting tariffs or sanctions eases them; human shields are violence against people
    ("<s>Jakarta</s> cut tariffs on <t>Australian</t> beef by half.", "RETREAT"),
    ("<s>The militia</s> used <t>the villagers</t> as human shields.", "ASSAULT"),
    # a noun that governs the clause below it names the relation
    ("<s>Prosecutors</s> opened an inquiry into reports that <t>the mayor</t> beat a guard.",
     "ACCUSE"),
    # a light verb's negation carries over to its event noun
    ("<s>The rebels</s> said they would not hold talks with <t>the government</t>.", "REJECT"),
    ("<s>The rebels</s> and <t>the army</t> agreed a truce on Sunday.", "AGREE"),
    # pulling peacekeepers or observers out of a country (CAMEO 166x)
    ("<s>The UN</s> withdrew its peacekeepers from <t>the border zone</t>.", "SANCTION"),
    ("<s>The foreign minister</s> cancelled a planned visit to <t>Lima</t>.", "REJECT"),
    # a conflictual act announced for the future is a threat (CAMEO 13x)
    ("<s>The opposition</s> said it will boycott <t>the June election</t>.", "THREATEN"),
    ("<s>The governor</s> will extend the curfew in <t>the port city</t>.", "THREATEN"),
    # ... but one carried out is the act itself
    ("<s>The opposition</s> boycotted <t>the June election</t>.", "PROTEST"),
    # the demand of a protest is its purpose; the protest is the event
    ("<s>Nurses</s> staged rallies outside <t>the ministry</t> to demand higher pay.", "PROTEST"),
    # troops sent as peacekeepers provide peacekeeping (CAMEO 074); other deployments mobilise
    ("<s>Ghana</s> sent 300 troops to the UN peacekeeping force in <t>Mali</t>.", "AID"),
    ("<s>Moscow</s> sent troops to <t>the border</t> after the peacekeepers left.", "MOBILIZE"),
])
def test_relation_rules(marked, event):
    rel = _classify(marked, use_model=False)
    assert rel.event == event, rel
    assert rel.evidence.startswith("rules:")


def test_relation_record_names_evidence_and_confidence():
    rel = _classify("<s>Finland</s> sent medical supplies to <t>Moldova</t>.")
    assert rel.event == "AID"
    assert 0 < rel.confidence <= 1
    assert rel.evidence and rel.trigger


def test_relation_without_target_reads_from_source():
    text = "The rebel commander surrendered his weapons on Monday."
    rel = relation.classify(text, (0, len("The rebel commander")), None, use_model=False)
    assert rel.event == "RETREAT"


def test_relation_no_trigger_gives_none_from_rules():
    rel = _classify("<s>The minister</s> was in <t>Paris</t> on Tuesday.", use_model=False)
    assert rel.event is None and rel.evidence == "rules:no-trigger"


def test_relation_according_to_is_no_agreement():
    rel = _classify("<s>Rebels</s> shelled <t>the airport</t>, according to a UN report.",
                    use_model=False)
    assert rel.event == "ASSAULT"
    rel = _classify("<s>The ministry</s> was closed, according to <t>local media</t>.",
                    use_model=False)
    assert rel.event is None


@pytest.mark.parametrize("marked,mode,code", [
    ("A car bomb explosion in the market killed <t>four police officers</t>.", "explosives", "183"),
    ("<s>Youths</s> armed with machetes attacked <t>the village</t> at dawn.", "primitive", "180"),
    ("<s>The rebels</s> attacked <t>the garrison</t> on Sunday.", None, "190"),
])
def test_relation_attack_mode_from_its_means(marked, mode, code):
    rel = _classify(marked, use_model=False)
    assert (rel.event, rel.mode, rel.cameo) == ("ASSAULT", mode, code), rel


@pytest.mark.parametrize("sentence,event,mode", [
    # the lemmatizer reads "bases" as "basis": the plain singular still selects the row
    ("Turkish troops have set up two military bases near the river.", "MOBILIZE", "troops"),
    # the object's "of" phrase and its compounds: "a total of 40 observation points"
    ("The army has established a total of 40 observation points in the valley.", "MOBILIZE",
     "troops"),
    # a reduced passive relative: the noun it modifies is its object
    ("Soldiers stood beside a stash of rockets found near the border.", "COERCE", "seize"),
    # territory taken back is seized, as taken
    ("Government forces regained control of the port on Tuesday.", "COERCE", "seize"),
    ("Two parcel bombs were intercepted by postal workers in Lisbon.", "COERCE", "seize"),
    ("A new militia was formed in the northern hills last month.", "MOBILIZE", "militia"),
])
def test_relation_sentence_event_from_its_objects(sentence, event, mode):
    rel = relation.classify(sentence, None, None, use_model=False)
    assert (rel.event, rel.mode) == (event, mode), rel


def test_relation_task_force_is_no_armed_unit():
    rel = relation.classify("The ministry formed a task force on fraud.", None, None,
                            use_model=False)
    assert rel.event != "MOBILIZE", rel


def test_relation_sentence_said_must_is_a_demand():
    rel = relation.classify("The French president said Iraq must cooperate with the inspectors.",
                            None, None, use_model=False)
    assert (rel.event, rel.cameo) == ("REQUEST", "101"), rel


@pytest.mark.parametrize("sentence", [
    "The rebel group claimed responsibility for the attack on the convoy.",
    "The ministry declined to comment on reports of air strikes near the border.",
])
def test_relation_statement_about_an_event_is_no_event(sentence):
    for use_model in (False, True):
        rel = relation.classify(sentence, None, None, use_model=use_model)
        assert rel.event is None and rel.evidence.startswith(relation.STATEMENT), rel


@pytest.mark.parametrize("marked,event", [
    ("<s>The senator</s> attacked <t>the president's budget plan</t> on Tuesday.", "ACCUSE"),
    ("<s>Militants</s> attacked <t>a police post</t> in the north.", "ASSAULT"),
    ("<s>Gunmen</s> attacked <t>a campaign rally</t> in the north.", "ASSAULT"),
])
def test_relation_attack_on_a_policy_is_verbal(marked, event):
    assert _classify(marked, use_model=False).event == event


@pytest.mark.parametrize("marked,event", [
    # two forces drilling together cooperate; one force's drill is a show of force
    ("<s>Kenyan</s> and <t>Ugandan troops</t> staged war games near the lake.", "COOPERATE"),
    ("<s>The navy</s> held a drill off <t>the disputed islands</t>.", "MOBILIZE"),
    ("<s>Thai troops</s> remained on alert along <t>the Cambodian border</t>.", "MOBILIZE"),
    ("<s>Dock workers</s> stopped work at <t>the state port company</t> over unpaid wages.",
     "PROTEST"),
    # students, villagers or party supporters fighting the police riot
    ("<s>Students</s> clashed with <t>riot police</t> outside the university.", "PROTEST"),
])
def test_relation_joint_alert_strike_and_riot(marked, event):
    assert _classify(marked, use_model=False).event == event


@pytest.mark.parametrize("marked,event", [
    ("<s>Fijian troops</s> participate in peacekeeping operations in <t>Lebanon</t>.", "AID"),
    ("<s>The health ministry</s> sent a team of surgeons, tents and drugs to <t>the flooded "
     "province</t>.", "AID"),
    ("<s>The Indonesian and Malaysian ministers</s> attend <t>a regional security summit</t> "
     "in Manila.", "CONSULT"),
])
def test_relation_peacekeeping_medical_teams_and_summits(marked, event):
    assert _classify(marked, use_model=False).event == event


@pytest.mark.parametrize("marked,event", [
    # the light verb's object is the act, not the participle hanging from the clause
    ("<s>Syria's foreign ministry</s> filed a complaint to <t>the Security Council</t> over "
     "the raid, demanding an inquiry.", "ACCUSE"),
    ("<s>Peru</s> has issued an ultimatum to <t>Ecuador</t> to halt the raids.", "THREATEN"),
])
def test_relation_object_of_the_path_verb_outranks_participles(marked, event):
    assert _classify(marked, use_model=False).event == event


def test_relation_act_in_an_adjunct_of_occasion_is_background_between_parties():
    rel = _classify("<s>Police in Osaka</s> issued an arrest warrant for <t>the singer</t> after "
                    "he admitted beating a reporter.", use_model=False)
    assert (rel.event, rel.mode) == ("COERCE", "arrest"), rel
    # with no parties given, the adjunct may tell the sentence's own event
    rel = relation.classify("Ten students were injured after police beat marchers in the city.",
                            None, None, use_model=False)
    assert rel.event == "ASSAULT", rel


@pytest.mark.parametrize("marked,event", [
    ("<s>The junta</s> outlawed <t>the main opposition party</t> on Monday.", "COERCE"),
    ("<s>The former governor</s> is raising money for <t>the senator's re-election bid</t>.",
     "AID"),
    # an attack announced for the future is a threat (138)
    ("<s>Ankara</s> says it will begin a new military operation against <t>Kurdish fighters</t>"
     " within days.", "THREATEN"),
])
def test_relation_outlawing_fundraising_and_announced_operations(marked, event):
    assert _classify(marked, use_model=False).event == event


def test_relation_decided_act_is_no_promise():
    rel = _classify("<s>Tokyo</s> has decided to lift the sanctions imposed on <t>Islamabad</t>.",
                    use_model=False)
    assert rel.event == "RETREAT", rel
    rel = _classify("<s>Tokyo</s> pledged to lift the sanctions imposed on <t>Islamabad</t>.",
                    use_model=False)
    assert rel.event == "AGREE", rel


def test_relation_violated_ceasefire_agreement_is_force():
    rel = _classify("<s>The rebels</s> and <t>the army</t> were guilty of violating the ceasefire "
                    "agreement in Darfur.", use_model=False)
    assert (rel.event, rel.cameo) == ("ASSAULT", "196"), rel


@pytest.mark.parametrize("marked,event", [
    # what an occasion between the parties came to is their relation
    ("The talks between <s>Kiev</s> and <t>Moscow</t> failed to reach agreement on gas prices.",
     "REJECT"),
    # a refusal noun refuses its infinitive
    ("<s>Havana's refusal</s> to meet <t>the Colombian envoys</t> angered Washington.", "REJECT"),
])
def test_relation_outcome_of_an_occasion_and_refusal_nouns(marked, event):
    assert _classify(marked, use_model=False).event == event


@pytest.mark.parametrize("marked,event", [
    # a named armed group storming a building attacks it
    ("<s>The Taliban</s> stormed <t>a police headquarters</t> in Ghazni on Sunday.", "ASSAULT"),
    # halting an organisation's work restricts it; workers stopping work strike
    ("<s>The security council</s> stopped the work of <t>several charities</t> in the north.",
     "COERCE"),
    ("<s>The tribunal</s> dismissed the electoral protest filed by <t>the defeated candidate</t>.",
     "REJECT"),
])
def test_relation_armed_groups_halted_work_and_dismissed_protests(marked, event):
    assert _classify(marked, use_model=False).event == event


def _sentence_code(sentence: str) -> tuple[str | None, str]:
    """The rules' event type and CAMEO code of a sentence's own main event (no dyad)."""
    rel = relation.classify(sentence, None, None, use_model=False)
    return rel.event, rel.cameo


@pytest.mark.parametrize("sentence,event,code", [
    # "is prepared to" (willing) and "swore to" announce an act: a threat or an intent
    ("The junta said it is prepared to impose martial law if the unrest spreads.", "THREATEN",
     "1324"),
    ("The minister said he is prepared to lift the ban on the opposition party.", "AGREE", "035"),
    ("The rebels have sworn to fight until the army leaves the valley, officials said.",
     "THREATEN", "138"),
    # the purpose of a promised act is promised with it
    ("Oslo is ready to send engineers to help rebuild the port, the minister said.", "AGREE",
     "033"),
    # the event noun of a light verb is the act, its purpose clause is not
    ("Japan will give Laos a loan of 40 million dollars to finance a new bridge, officials said.",
     "AGREE", "033"),
    # an offer of concessions is an intent to yield, not the yielding
    ("The government offered concessions to the striking miners on Tuesday.", "AGREE", "035"),
])
def test_relation_sentence_announced_acts(sentence, event, code):
    assert _sentence_code(sentence) == (event, code)


@pytest.mark.parametrize("sentence,code", [
    # a duty laid down without a speech verb is a demand (CAMEO 10)
    ("The summit concluded that wealthy nations must allocate more funds to help poor nations.",
     "100"),
    ("The envoy issued a reminder to Belgrade that it must cooperate with the tribunal.", "101"),
    ("The minister reiterated that Kabul must hand over the bombers of the embassy.", "101"),
    # "X wants Y to <act>" asks Y to act (CAMEO 02)
    ("Washington wants Beijing to release the detained reporters.", "025"),
    # pressure is a demand, asylum sought is one too (CAMEO 1033)
    ("The authorities have been pressuring the nurses to call off their strike.", "100"),
    ("Thousands of families sought refuge in Jordan last week.", "1033"),
])
def test_relation_sentence_demands_and_appeals(sentence, code):
    assert _sentence_code(sentence) == ("REQUEST", code)


@pytest.mark.parametrize("sentence,event,code", [
    # "alleged" describes its noun; the demonstration is the event
    ("Students marched in the capital against the alleged abuses by the police.", "PROTEST",
     "141"),
    # engaging in an act is the act
    ("Militias were engaged in ethnic cleansing in the province, the report said.", "ASSAULT",
     "203"),
    ("Government troops carried out mass killings in the region, the UN said.", "ASSAULT",
     "202"),
    # killing a leader is an assassination; suicide bombers are not aircraft
    ("Gunmen killed the deputy governor of the province on Sunday.", "ASSAULT", "186"),
    ("Three suicide bombers killed 14 people at a market, police said.", "ASSAULT", "1831"),
    # a killing in an attack is force (CAMEO 190 usage note), not a criminal murder
    ("A soldier was murdered in an ambush on a convoy near the border.", "ASSAULT", "190"),
    # structures blown up are destroyed property
    ("Insurgents blew up a bridge and two power pylons north of the city.", "ASSAULT", "1712"),
    # preventing a demonstration restricts it; cancelling restrictions eases them
    ("Riot police prevented a rally planned by students outside parliament.", "COERCE", "172"),
    ("The court cancelled restrictions on the use of minority languages.", "CONCEDE", "081"),
    # receiving observers lets them in; staying away from work is a strike
    ("The president received a mission of election observers from the African Union.",
     "RETREAT", "0862"),
    ("Dockers shunned work on Monday to protest against the new pension law.", "PROTEST", "143"),
    # an undertaken mediation is one; drills by two navies are military cooperation
    ("The envoy undertook a mediation mission between the two factions.", "CONSULT", "045"),
    ("Indian and French warships began naval drills in the Arabian Sea.", "COOPERATE", "062"),
])
def test_relation_sentence_event_codes(sentence, event, code):
    assert _sentence_code(sentence) == (event, code)


def test_relation_denied_charges_are_a_statement():
    rel = relation.classify("The ministry denied allegations that its troops shelled the town.",
                            None, None, use_model=False)
    assert rel.event is None and rel.evidence.startswith(relation.STATEMENT), rel


def test_relation_light_verb_conjoined_event_noun_carries_it():
    # "launched artillery, mortar and rocket fire against": the fire, not a missile launch
    rel = relation.classify("Government forces launched artillery, mortar and rocket fire "
                            "against rebel positions.", None, None, use_model=False)
    assert rel.event == "ASSAULT", rel


def _sentence_mode(sentence: str) -> tuple[str | None, str | None]:
    rel = relation.classify(sentence, None, None, use_model=False)
    return rel.event, rel.mode


@pytest.mark.parametrize("sentence,event,mode", [
    # places freed, recovered or won back are taken; enemies pushed back from a place lose it
    ("Army units freed three villages from the insurgents on Sunday.", "COERCE", "seize"),
    ("The rebels were pushed back from their positions near the dam.", "COERCE", "seize"),
    ("Government troops recovered control of the district from the militia.", "COERCE", "seize"),
    # freeing people stays a release, even with a place in the sentence
    ("A court freed a local employee of the consulate in the province of Mersin.", "RETREAT",
     "release"),
    # a base created is set up
    ("The navy has created a new base on the island, officials said.", "MOBILIZE", "troops"),
    # a mob or vigilantes as the doer (also a passive's agent): a riot, not armed force
    ("A suspected thief was set ablaze by an angry mob in the market.", "PROTEST", "riot"),
    ("A team of local vigilante guards repelled an attack by cattle rustlers.", "PROTEST", "riot"),
    ("A group of Serbs attacked a march by Albanian students in the city centre.", "PROTEST",
     "riot"),
    ("A group of armed men attacked the village before dawn.", "ASSAULT", None),
    # "accused of" describes the man; the mutilation by the mob is the act
    ("A man accused of theft died after his hands were chopped off by a mob.", "PROTEST", "riot"),
    # an agentless killing told with its same-moment cause is that cause
    ("Two policemen were killed as villagers clashed with security forces in the district.",
     "PROTEST", "riot"),
    # the means picks the mode: suicide bombers, hand grenades, poison gas, crowd-control gas
    ("Two suicide bombers blew themselves up outside a police station.", "ASSAULT",
     "suicide-attack"),
    ("Militants hurled a grenade at a police patrol in the town.", "ASSAULT", "explosives"),
    ("The militia used mustard gas against villages in the valley.", "ASSAULT", "unconventional"),
    ("Police deployed tear gas against the marchers.", "ASSAULT", "crowd-control"),
    ("Security forces launched a violent crackdown on the opposition.", "ASSAULT",
     "crowd-control"),
    # "fighters" are people, not fighter jets
    ("Armed fighters attacked an army checkpoint near the border.", "ASSAULT", None),
    # a die-in is a demonstration
    ("Students staged a die-in outside the embassy.", "PROTEST", "demo"),
])
def test_relation_sentence_territory_mobs_and_means(sentence, event, mode):
    assert _sentence_mode(sentence) == (event, mode)


@pytest.mark.parametrize("marked,event", [
    # a modal act made to hang on a condition is a threat (CAMEO 13x)
    ("<s>The European Union</s> may suspend trade talks with <t>Belgrade</t> if the violence "
     "continues, a spokesman said.", "THREATEN"),
    ("<s>Washington</s> will impose new sanctions on <t>Tehran</t> unless it halts enrichment.",
     "THREATEN"),
    # a duty laid on a party named as a modifier of the subject, or by a finding, is a demand
    ("<s>The aid agency</s> said <t>Kenyan</t> and Somali forces must protect the camps.",
     "REQUEST"),
    ("<s>The panel</s> concluded that <t>the ministry</t> must compensate the farmers.", "REQUEST"),
    # sending a team to investigate is the investigation (CAMEO 09x, ACCUSE)
    ("<s>The United Nations</s> sent a team of experts to <t>Haiti</t> to investigate the "
     "killings.", "ACCUSE"),
    # abusing immigrants is an assault, whoever reports it
    ("<s>Prison guards</s> abused <t>African</t> immigrants at the centre, an advocacy group "
     "alleged on Monday.", "ASSAULT"),
    # violating a ban or a curfew defies the law (CAMEO 128)
    ("<s>The opposition daily</s> violated a publishing ban imposed by <t>the military "
     "council</t>.", "REJECT"),
])
def test_relation_conditions_duties_missions(marked, event):
    assert _classify(marked, use_model=False).event == event


@pytest.mark.parametrize("text,phrase,found", [
    ("The Liberal Party (Reformists) won the vote.", "Liberal Party  (Reformists)",
     "Liberal Party (Reformists)"),
    ("Kenyan and Somali forces must protect the camps.", "Kenyan forces", "Kenyan"),
    ("Bosnian Serbs said their forces had left.", "Bosnian Serbs ... forces", "Bosnian Serbs"),
    ("Nobody came.", "Bosnian Serbs", None),
])
def test_gsr_actor_text_found(text, phrase, found):
    from herald.events.train import _find

    span = _find(text, phrase)
    assert (text[span[0]:span[1]] if span else None) == found


def test_relation_must_have_is_a_guess_not_a_duty():
    rel = _classify("<s>The minister</s> said <t>the generals</t> must have known of the plot.",
                    use_model=False)
    assert rel.event != "REQUEST", rel
