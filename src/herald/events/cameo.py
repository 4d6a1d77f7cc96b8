"""CAMEO codes, Goldstein values and quad classes."""

from __future__ import annotations

from herald.model import Event


def score(event: Event) -> None:
    pass
