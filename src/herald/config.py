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
    if path is not None:
        file = Path(path)
        if not file.is_file():
            raise HeraldError(f"{file}: no such config file")
    else:
        file = next((p for p in candidates() if p.is_file()), None)
        if file is None:
            return Config()
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
