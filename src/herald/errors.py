"""herald's errors. Messages say what went wrong and what to do next."""

from __future__ import annotations

from dataclasses import dataclass


class HeraldError(Exception):
    """A problem the user can fix; the CLI prints its message without a traceback."""


@dataclass
class ReadError:
    """One input item that could not be read. Reported, counted, and skipped; the batch goes on."""

    origin: str  # "path" or "path:line"
    reason: str  # what was wrong and what was expected
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.origin}" + (f" field {self.field!r}" if self.field else "")
        return f"{where}: {self.reason}"
