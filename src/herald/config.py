"""User configuration: ``herald.toml`` in the working directory, or the user's config file.

Where it is looked for, first found wins: the path given, ``$HERALD_CONFIG``, ``./herald.toml``,
``$XDG_CONFIG_HOME/herald/config.toml`` (``~/.config/herald/config.toml``). Known keys::

    actors = ["dictionaries/kenya.tsv", "/data/phoenix.actors.txt"]   # user actor dictionaries

Relative paths are read against the config file's folder. No file means the defaults.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from herald.errors import HeraldError


@dataclass(frozen=True)
class Config:
    """What the configuration says; ``path`` is the file it came from (None: defaults)."""

    actors: tuple[Path, ...] = ()
    path: Path | None = None
    extra: dict[str, object] = field(default_factory=dict)  # keys herald does not use


def candidates() -> list[Path]:
    """The places a configuration file is looked for, in order."""
    out = []
    if os.environ.get("HERALD_CONFIG"):
        out.append(Path(os.environ["HERALD_CONFIG"]))
    out.append(Path.cwd() / "herald.toml")
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    out.append(Path(base) / "herald" / "config.toml")
    return out


def load(path: str | Path | None = None) -> Config:
    """Read the configuration (see the module docstring); a bad file raises HeraldError."""
    found: Path | None
    if path is not None:
        found = Path(path)
        if not found.is_file():
            raise HeraldError(f"{found}: no such config file")
    else:
        found = next((p for p in candidates() if p.is_file()), None)
        if found is None:
            return Config()
    file = found
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise HeraldError(f"{file}: not valid TOML ({err})") from err
    actors = data.pop("actors", [])
    if isinstance(actors, str):
        actors = [actors]
    if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
        raise HeraldError(f"{file}: 'actors' must be a list of file paths")
    paths = tuple((file.parent / a).expanduser() if not Path(a).expanduser().is_absolute()
                  else Path(a).expanduser() for a in actors)
    return Config(actors=paths, path=file, extra=data)


def add_actor_arguments(parser: Any) -> None:
    """``--actors PATH`` (repeatable) and ``--config PATH`` for commands that code text."""
    parser.add_argument("--actors", action="append", metavar="PATH",
                        help="extra actor dictionary (herald TSV or PETRARCH/Phoenix format); "
                        "repeatable; also `actors = [...]` in herald.toml")
    parser.add_argument("--config", metavar="PATH",
                        help="configuration file (default: $HERALD_CONFIG, ./herald.toml, "
                        "~/.config/herald/config.toml)")


def apply_actor_arguments(actors: list[str] | None, config_path: str | None) -> int:
    """Load the user dictionaries named by the configuration and ``--actors``; warnings about
    skipped lines go to stderr. Returns the number of actor entries loaded."""
    import sys

    from herald.actors import load_user_dictionaries

    cfg = load(config_path)
    paths = [*cfg.actors, *(Path(a) for a in actors or [])]
    if not paths:
        return 0
    problems: list[str] = []
    n = load_user_dictionaries(paths, problems)
    for problem in problems:
        print(f"herald: warning: {problem}", file=sys.stderr)
    return n


def prepare_dask_worker(model: str | None, actors: tuple[str, ...], config_path: str | None) -> None:
    """Set up a Dask worker: the user's actor dictionaries (read from the worker's disk, so the
    paths must be readable there), then the model and every stage's tables."""
    from herald.engines.dask import prepare_worker

    apply_actor_arguments(list(actors), config_path)
    prepare_worker(model)
