"""CAMEO codes, Goldstein values and quad classes.

The table (``lexicon/cameo.tsv``) holds every CAMEO 1.1b3 event code with its Goldstein value, the
PLOVER type and mode it maps to and CAMEO's own quad class. ``lexicon/defaults.tsv`` names the most
typical code for each PLOVER type and mode. :func:`score` fills an event's CAMEO code, Goldstein
value and quad class from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from herald.errors import HeraldError
from herald.events.lexicon import check_type, plover_ontology, read_tsv
from herald.model import Event

LEXICON_DIR = Path(__file__).parent / "lexicon"
CAMEO_FILE = LEXICON_DIR / "cameo.tsv"
DEFAULTS_FILE = LEXICON_DIR / "defaults.tsv"
TABLE_COLUMNS = ("code", "name", "goldstein", "plover", "mode", "quad")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code and what it maps to."""

    code: str
    name: str
    goldstein: float
    plover: str | None  # PLOVER type, None for 01x statements and 02x appeals
    mode: str | None
    quad: int  # CAMEO's quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material


def _root_quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@lru_cache(maxsize=1)
def load_table() -> dict[str, CameoCode]:
    """Every CAMEO code in ``cameo.tsv``, validated; cached for the process."""
    onto = plover_ontology()
    table: dict[str, CameoCode] = {}
    for line_no, row in read_tsv(CAMEO_FILE, TABLE_COLUMNS):
        where = f"{CAMEO_FILE}:{line_no}"
        code = row["code"]
        if not (code.isdigit() and 2 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20):
            raise HeraldError(f"{where}: {code!r} is not a CAMEO event code (2 to 4 digits, 01-20)")
        if code in table:
            raise HeraldError(f"{where}: CAMEO code {code} is listed twice")
        try:
            value = float(row["goldstein"])
            quad_class = int(row["quad"])
        except ValueError:
            raise HeraldError(f"{where}: goldstein must be a number and quad an integer") from None
        if not -10.0 <= value <= 10.0:
            raise HeraldError(f"{where}: Goldstein value {value} is outside -10..10")
        if quad_class != _root_quad(code):
            raise HeraldError(f"{where}: quad {quad_class} does not match root {code[:2]}")
        plover = row["plover"] or None
        mode = row["mode"] or None
        if plover is not None and plover not in onto.quads:
            raise HeraldError(f"{where}: unknown PLOVER type {plover!r}")
        if mode is not None and (plover is None or mode not in onto.modes[plover]):
            raise HeraldError(f"{where}: mode {mode!r} is not a mode of {plover}")
        table[code] = CameoCode(code, row["name"], value, plover, mode, quad_class)
    return table


@lru_cache(maxsize=1)
def _defaults() -> dict[tuple[str, str | None], str]:
    onto = plover_ontology()
    table = load_table()
    out: dict[tuple[str, str | None], str] = {}
    for line_no, row in read_tsv(DEFAULTS_FILE, ("plover", "mode", "cameo")):
        where = f"{DEFAULTS_FILE}:{line_no}"
        plover, mode = row["plover"], row["mode"] or None
        check_type(where, plover, mode, row["cameo"], table)
        out[(plover, mode)] = row["cameo"]
    missing = [t for t in onto.quads if (t, None) not in out]
    if missing:
        raise HeraldError(f"{DEFAULTS_FILE}: no default code for {', '.join(missing)}")
    return out


def _get(code: str) -> CameoCode:
    try:
        return load_table()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None


def goldstein(code: str) -> float:
    """The Goldstein value (-10 conflict .. +10 cooperation) of a CAMEO code."""
    return _get(code).goldstein


def quad(code: str) -> int:
    """CAMEO's quad class of a code: 1 verbal coop, 2 material coop, 3 verbal / 4 material conflict."""
    return _get(code).quad


def name(code: str) -> str:
    """A short English name of a CAMEO code."""
    return _get(code).name


def plover_of(code: str) -> tuple[str | None, str | None]:
    """The PLOVER (type, mode) a CAMEO code maps to; (None, None) for statements and appeals."""
    c = _get(code)
    return c.plover, c.mode


def default_code(plover_type: str, mode: str | None = None) -> str:
    """The most typical CAMEO code for a PLOVER type and mode (the type's default for other modes)."""
    defaults = _defaults()
    code = defaults.get((plover_type, mode or None)) or defaults.get((plover_type, None))
    if code is None:
        raise KeyError(f"unknown PLOVER type {plover_type!r}")
    return code


def plover_quad(plover_type: str) -> int:
    """The quad class of a PLOVER type (DESIGN §3)."""
    return plover_ontology().quads[plover_type]


def fits(code: str, plover_type: str, mode: str | None = None) -> bool:
    """Whether a CAMEO code is a fair code for an event of this PLOVER type.

    A code fits its own PLOVER type; 02x appeals fit REQUEST (PLOVER's REQUEST takes in CAMEO's
    appeals as well as its demands); and a type's default code for the mode always fits (resigning
    has no CAMEO code of its own, so RETREAT/resign borrows 0831).
    """
    table = load_table()
    c = table.get(code)
    if c is None:
        return False
    if c.plover == plover_type:
        return True
    if plover_type == "REQUEST" and code.startswith("02"):
        return True
    return code == default_code(plover_type, mode)


def score(event: Event) -> None:
    """Set the event's CAMEO code (when missing or of another type), Goldstein value and quad class.

    The quad class follows the PLOVER type (DESIGN §3), which differs from CAMEO's own root-based
    quad only for REQUEST built on 10x demands (CAMEO says verbal conflict, PLOVER verbal coop).
    """
    known_type = event.event in plover_ontology().quads
    if known_type and not (event.cameo and fits(event.cameo, event.event, event.mode)):
        event.cameo = default_code(event.event, event.mode)
    entry = load_table().get(event.cameo)
    if entry is None:  # unknown type and unknown code: nothing to score with
        event.goldstein, event.quad_code = 0.0, 0
        return
    event.goldstein = entry.goldstein
    event.quad_code = plover_quad(event.event) if known_type else entry.quad
