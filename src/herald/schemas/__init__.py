"""JSON Schemas of herald's output records, shipped with the package."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


@cache
def load(name: str) -> dict[str, Any]:
    """The schema called ``name`` ("event" or "quote")."""
    return json.loads((HERE / f"{name}.schema.json").read_text("utf-8"))


@cache
def validator(name: str) -> Any:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (load(n)["$id"], Resource.from_contents(load(n))) for n in ("event", "quote")
    )
    return Draft202012Validator(load(name), registry=registry)


def errors(name: str, record: dict[str, Any]) -> list[str]:
    """Validation errors of a record against a schema, as readable strings (empty when valid)."""
    return [f"{'/'.join(map(str, e.path)) or '<record>'}: {e.message}"
            for e in validator(name).iter_errors(record)]
