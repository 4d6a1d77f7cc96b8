"""CAMEO table, Goldstein values, quad classes, default codes and scoring."""

from __future__ import annotations

import pytest

from herald.events import cameo
from herald.events.lexicon import plover_ontology
from herald.model import Event


def _event(plover: str, mode: str | None = None, code: str = "") -> Event:
    return Event(
        sentence_start=0,
        sentence_end=10,
        trigger=0,
        trigger_text="x",
        event=plover,
        mode=mode,
        cameo=code,
    )


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("190", -10.0),
        ("042", 1.9),
        ("051", 3.4),
        ("040", 1.0),
        ("173", -5.0),
        ("020", 3.0),
        ("0841", 7.0),
        ("141", -6.5),
        ("163", -8.0),
        ("111", -2.0),
        ("057", 8.0),
        ("183", -10.0),
    ],
)
def test_cameo_goldstein_of_well_known_codes(code: str, value: float) -> None:
    assert cameo.goldstein(code) == value


@pytest.mark.parametrize(
    ("root", "quad_class"),
    [
        ("01", 1),
        ("02", 1),
        ("03", 1),
        ("04", 1),
        ("05", 1),
        ("06", 2),
        ("07", 2),
        ("08", 2),
        ("09", 3),
        ("10", 3),
        ("11", 3),
        ("12", 3),
        ("13", 3),
        ("14", 4),
        ("15", 4),
        ("16", 4),
        ("17", 4),
        ("18", 4),
        ("19", 4),
        ("20", 4),
    ],
)
def test_cameo_quad_per_root_holds_for_every_code(root: str, quad_class: int) -> None:
    codes = [c for c in cameo.load_table() if c.startswith(root)]
    assert root in codes and len(codes) > 1
    assert {cameo.quad(c) for c in codes} == {quad_class}


def test_cameo_table_has_every_code_of_the_codebook() -> None:
    table = cameo.load_table()
    assert len(table) >= 310
    for code in (
        "0214",
        "0256",
        "1056",
        "1246",
        "1385",
        "1454",
        "1663",
        "1724",
        "1834",
        "1952",
        "2042",
        "155",
        "176",
        "106",
    ):
        assert code in table, code
    assert all(-10.0 <= c.goldstein <= 10.0 and c.name for c in table.values())


@pytest.mark.parametrize("code", ["01", "010", "019", "02", "0234", "028"])
def test_cameo_statements_and_appeals_map_to_no_plover_event(code: str) -> None:
    assert cameo.plover_of(code) == (None, None)


@pytest.mark.parametrize(
    ("code", "plover"),
    [
        ("042", ("CONSULT", "visit")),
        ("043", ("CONSULT", "visit")),
        ("041", ("CONSULT", "phone")),
        ("044", ("CONSULT", "third-party")),
        ("057", ("SUPPORT", None)),
        ("081", ("CONCEDE", None)),
        ("0841", ("RETREAT", "release")),
        ("0871", ("RETREAT", "ceasefire")),
        ("094", ("ACCUSE", "investigate")),
        ("1053", ("REQUEST", "yield")),
        ("1246", ("REJECT", "yield")),
        ("1382", ("THREATEN", "territory")),
        ("143", ("PROTEST", "strike")),
        ("166", ("SANCTION", "expel")),
        ("154", ("MOBILIZE", "troops")),
        ("173", ("COERCE", "arrest")),
        ("195", ("ASSAULT", "aerial")),
        ("186", ("ASSAULT", "targeted")),
    ],
)
def test_cameo_plover_mapping(code: str, plover: tuple[str, str | None]) -> None:
    assert cameo.plover_of(code) == plover


@pytest.mark.parametrize(
    ("plover", "mode", "code"),
    [
        ("CONSULT", None, "040"),
        ("CONSULT", "visit", "042"),
        ("ASSAULT", "aerial", "195"),
        ("PROTEST", "demo", "141"),
        ("SANCTION", None, "160"),
        ("COERCE", "arrest", "173"),
        ("RETREAT", "release", "0841"),
        ("ASSAULT", "drone", "1952"),
        ("AGREE", None, "030"),
        ("CONSULT", "no-such-mode", "040"),
    ],
)
def test_cameo_default_code(plover: str, mode: str | None, code: str) -> None:
    assert cameo.default_code(plover, mode) == code


def test_cameo_every_plover_type_and_mode_has_a_default_in_the_table() -> None:
    onto = plover_ontology()
    for plover, modes in onto.modes.items():
        for mode in [None, *sorted(modes)]:
            code = cameo.default_code(plover, mode)
            assert code in cameo.load_table()
            assert cameo.fits(code, plover, mode), (plover, mode, code)


def test_cameo_default_code_rejects_unknown_type() -> None:
    with pytest.raises(KeyError):
        cameo.default_code("PARTY")


def test_cameo_score_fills_an_event_without_code() -> None:
    event = _event("CONSULT", "visit")
    cameo.score(event)
    assert (event.cameo, event.goldstein, event.quad_code) == ("042", 1.9, 1)


def test_cameo_score_keeps_a_fitting_code() -> None:
    event = _event("ASSAULT", None, "1831")
    cameo.score(event)
    assert (event.cameo, event.goldstein, event.quad_code) == ("1831", -10.0, 4)


def test_cameo_score_replaces_a_code_of_another_type() -> None:
    event = _event("SANCTION", "expel", "042")  # a lexicon slip: a CONSULT code on a SANCTION
    cameo.score(event)
    assert event.cameo == "166"
    assert event.quad_code == 4


def test_cameo_score_accepts_appeal_codes_for_request_with_plover_quad() -> None:
    appeal = _event("REQUEST", "assist", "023")
    cameo.score(appeal)
    assert (appeal.cameo, appeal.goldstein, appeal.quad_code) == ("023", 3.4, 1)
    demand = _event("REQUEST", None)
    cameo.score(demand)
    # a 10x demand is CAMEO verbal conflict, but the record's quad follows PLOVER's REQUEST
    assert (demand.cameo, demand.quad_code) == ("100", 1)


@pytest.mark.parametrize(
    ("plover", "quad_class"),
    [
        ("AGREE", 1),
        ("CONSULT", 1),
        ("SUPPORT", 1),
        ("REQUEST", 1),
        ("CONCEDE", 2),
        ("COOPERATE", 2),
        ("AID", 2),
        ("RETREAT", 2),
        ("ACCUSE", 3),
        ("REJECT", 3),
        ("THREATEN", 3),
        ("PROTEST", 4),
        ("SANCTION", 4),
        ("MOBILIZE", 4),
        ("COERCE", 4),
        ("ASSAULT", 4),
    ],
)
def test_cameo_score_quad_follows_the_plover_type(plover: str, quad_class: int) -> None:
    event = _event(plover)
    cameo.score(event)
    assert event.quad_code == quad_class


def test_cameo_resignation_borrows_accede_to_leadership_change() -> None:
    event = _event("RETREAT", "resign", "0831")
    cameo.score(event)
    assert (event.cameo, event.quad_code) == ("0831", 2)


def test_cameo_score_leaves_unknown_type_unscored() -> None:
    event = _event("NOT-A-TYPE", None, "")
    cameo.score(event)
    assert (event.goldstein, event.quad_code) == (0.0, 0)


def test_cameo_unknown_code_raises_keyerror() -> None:
    with pytest.raises(KeyError, match="999"):
        cameo.goldstein("999")
