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

herald's own format is a tab-separated table with a header line, the columns of the built-in
``knowledge/people.tsv`` (``name aliases country sector role start end``) plus an optional
``kind`` (person, the default, or state/organization/group). Only ``name`` is required, so the
simplest user table is::

    name<TAB>aliases<TAB>country<TAB>sector<TAB>kind
    Kenya Kwanza<TAB>Kwanza<TAB>KEN<TAB>PTY<TAB>organization
    Amina Odhiambo<TAB><TAB>KEN<TAB>GOV<TAB>person

``#`` lines are comments, aliases are ``|``-separated, dates are ``YYYY-MM-DD`` (empty ``end``:
still in office). :func:`load_dictionary` tells the two formats apart by that header line.
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


TABLE_COLUMNS = ("name", "aliases", "country", "sector", "kind", "role", "start", "end")
_KINDS = frozenset({"person", "state", "organization", "group"})
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_table(path: str | Path) -> bool:
    """Whether a dictionary file is herald's own table: its first non-comment line is a tab
    separated header starting with ``name``."""
    with Path(path).open(encoding="utf-8", errors="replace") as f:
        for raw in f:
            if raw.strip() and not raw.startswith("#"):
                return raw.split("\t", 1)[0].strip().lower() == "name" and "\t" in raw
    return False


def load_actor_table(path: str | Path) -> list[ActorEntry]:
    """Read herald's own actor table (see the module docstring); errors name file and line."""
    path = Path(path)
    out: list[ActorEntry] = []
    header: list[str] | None = None
    with path.open(encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            cells = [c.strip() for c in raw.rstrip("\n").split("\t")]
            where = f"{path}:{lineno}"
            if header is None:
                header = [c.lower() for c in cells]
                unknown = [c for c in header if c not in TABLE_COLUMNS]
                if "name" not in header or unknown:
                    raise HeraldError(f"{where}: bad header {cells}; expected columns from "
                                      f"{', '.join(TABLE_COLUMNS)} including name")
                continue
            row = dict(zip(header, cells, strict=False))
            if not row.get("name"):
                raise HeraldError(f"{where}: the name column is empty")
            sector = (row.get("sector") or "").upper() or None
            if sector is not None and sector not in SECTORS:
                raise HeraldError(f"{where}: unknown sector {sector!r}; expected one of "
                                  f"{', '.join(sorted(SECTORS))} or nothing")
            kind = (row.get("kind") or "person").lower()
            if kind not in _KINDS:
                raise HeraldError(f"{where}: unknown kind {kind!r}; expected one of "
                                  f"{', '.join(sorted(_KINDS))}")
            start, end = row.get("start") or None, row.get("end") or None
            for value in (start, end):
                if value is not None and not _DAY.fullmatch(value):
                    raise HeraldError(f"{where}: bad date {value!r}; expected YYYY-MM-DD")
            out.append(ActorEntry(
                name=row["name"], country=(row.get("country") or "").upper() or None,
                aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|")
                              if a.strip()),
                sector=sector, kind=kind, role=row.get("role") or "", start=start, end=end,
            ))
    return out


def load_dictionary(path: str | Path, problems: list[str] | None = None) -> list[ActorEntry]:
    """Read a user actor dictionary in either format: herald's table or PETRARCH/Phoenix."""
    path = Path(path)
    if not path.is_file():
        raise HeraldError(f"{path}: no such actor dictionary; give a .tsv table or a "
                          "PETRARCH .actors.txt file")
    if is_table(path):
        return load_actor_table(path)
    return load_petrarch_actors(path, problems=problems)
