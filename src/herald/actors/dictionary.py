"""PETRARCH/TABARI actor dictionaries (the Phoenix ``*.actors.txt`` format) as known actors.

The format, one actor per block::

    VLADIMIR_PUTIN_  # comment
    +PUTIN_
    +PRESIDENT_VLADIMIR_PUTIN_
        [RUSELI 700101-990809]
        [RUSGOV >080508]
        [RUSELI]
    NATO_ [IGOWSTNAT]

A name line (words joined by ``_``), ``+`` synonym lines, and codes in brackets, either on the
name line or on their own lines. A code may carry a date restriction: ``yymmdd-yymmdd`` (a
period), ``>yymmdd`` (from that day on), ``<yymmdd`` (until that day); an undated code is the
default when no dated one applies. A code is a run of three-letter parts: the first is the country
(an ISO3 code or IGO/NGO/IMG/...), the first later part that is a sector (GOV, MIL, ...) is the
sector: ``RUSGOV`` is Russia GOV, ``IGOWSTNAT`` is IGO without a sector.

Use: ``add_user_actors(load_petrarch_actors(path))``.
"""

from __future__ import annotations

import re
from pathlib import Path

from herald.actors.knowledge import ActorEntry, countries
from herald.errors import HeraldError
from herald.model import SECTORS

_CODE = re.compile(r"\[([^\]]*)\]")
_ORG_CODES = frozenset({"IGO", "NGO", "IMG", "MNC"})


def _date(yymmdd: str, where: str) -> str:
    if re.fullmatch(r"\d{8}", yymmdd):  # some dictionaries write the year in full
        return f"{yymmdd[:4]}-{yymmdd[4:6]}-{yymmdd[6:]}"
    if not re.fullmatch(r"\d{6}", yymmdd):
        raise HeraldError(f"{where}: bad date {yymmdd!r} in an actor code; expected yymmdd")
    yy = int(yymmdd[:2])
    # Two-digit years: TABARI dictionaries run from the 1930s on.
    century = 1900 if yy >= 30 else 2000
    return f"{century + yy:04d}-{yymmdd[2:4]}-{yymmdd[4:6]}"


def parse_code(text: str, where: str = "") -> tuple[str, str | None, str | None, str | None]:
    """``"RUSGOV >080508"`` -> ``("RUS", "GOV", "2008-05-08", None)``."""
    parts = text.split()
    if not parts:
        raise HeraldError(f"{where}: empty actor code []")
    code = parts[0].lstrip("~").upper()
    country = code[:3]
    sector = next((code[i:i + 3] for i in range(3, len(code), 3)
                   if code[i:i + 3] in SECTORS), None)
    start = end = None
    if len(parts) > 1:
        span = parts[1]
        if span.startswith(">"):
            start = _date(span[1:], where)
        elif span.startswith("<"):
            end = _date(span[1:], where)
        elif "-" in span:
            a, b = span.split("-", 1)
            start, end = _date(a, where), _date(b, where)
        else:
            raise HeraldError(f"{where}: bad date restriction {span!r}; expected "
                              "yymmdd-yymmdd, >yymmdd or <yymmdd")
    return country, sector, start, end


def _phrase(word: str) -> str:
    return " ".join(w for w in word.strip().strip("_").split("_") if w).title()


def load_petrarch_actors(path: str | Path, strict: bool = False,
                         problems: list[str] | None = None) -> list[ActorEntry]:
    """Read a TABARI-format actor dictionary into known-actor rows (one per code).

    Published dictionaries hold a few malformed codes (``[XXXGOV 9008223]``): these are skipped
    and described in ``problems`` (file:line and what was expected), or raised when ``strict``.
    """
    path = Path(path)
    out: list[ActorEntry] = []
    name: str | None = None
    aliases: list[str] = []
    codes: list[tuple[str, str | None, str | None, str | None]] = []

    def flush() -> None:
        if name is None or not codes:
            return
        names = tuple(dict.fromkeys(aliases))
        for country, sector, start, end in codes:
            if country in _ORG_CODES:
                kind = "organization"
            elif start or end or sector in ("GOV", "MIL", "ELI", "JUD", "LEG") and len(
                    name.split()) in (2, 3) and name.upper() not in _country_names():
                kind = "person"
            else:
                kind = "state" if name.upper() in _country_names() else "organization"
            out.append(ActorEntry(name=name, aliases=names, country=country, sector=sector,
                                  kind=kind, start=start, end=end))

    with path.open(encoding="utf-8", errors="replace") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            body = _CODE.sub("", line).strip()
            found = []
            for c in _CODE.findall(line):
                try:
                    found.append(parse_code(c, where))
                except HeraldError as err:
                    if strict:
                        raise
                    if problems is not None:
                        problems.append(str(err))
            if body.startswith("+"):
                aliases.append(_phrase(body[1:]))
            elif body and not line[0].isspace():
                flush()
                name, aliases, codes = _phrase(body), [], []
            codes.extend(found)
    flush()
    return out


def _country_names() -> frozenset[str]:
    return frozenset(c.name.upper() for c in countries().values())
