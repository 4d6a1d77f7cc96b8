"""`herald eval NAME PATH`: score herald against a public gold set."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from herald.errors import HeraldError

# name -> (module, help). Each module has score(path: Path) -> dict and may have report(result) -> str.
SCORERS: dict[str, tuple[str, str]] = {
    "plv": ("herald.eval.plv", "PLV relation classification (TSV with marked_sentence, gold_root)"),
    "gsr": ("herald.eval.gsr", "PLOVER gold-standard records: event type and actors"),
    "cameo": ("herald.eval.cameo", "CAMEO codebook example sentences: root and code"),
    "case2021": ("herald.eval.case2021", "CASE 2021 task 2 snippets mapped to PLOVER"),
    "police": ("herald.eval.police", "IndiaPoliceEvents sentence labels"),
    "polnear": ("herald.eval.polnear", "PolNeAR attribution (brat standoff)"),
    "location": ("herald.eval.location", "event location gold rows"),
}


def add_eval_parser(sub: Any) -> None:
    p = sub.add_parser(
        "eval", help="score herald against a public gold set",
        description="Score herald against a gold set. Sets: "
        + "; ".join(f"{k}: {v[1]}" for k, v in SCORERS.items()),
        epilog="Example: herald eval plv ../shared/gold/plover/zero_shot_plover_PLV/PLV_train.tsv --json",
    )
    p.add_argument("name", choices=sorted(SCORERS), help="which gold set")
    p.add_argument("path", help="the gold file or folder")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--limit", type=int, help="score only the first N items (quick checks)")
    p.set_defaults(func=cmd_eval)


def cmd_eval(args: argparse.Namespace) -> int:
    module_name, _ = SCORERS[args.name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        raise HeraldError(f"the {args.name} scorer is not available in this version") from err
    path = Path(args.path)
    if not path.exists():
        raise HeraldError(f"{path}: no such file or folder; give the gold set's path")
    kwargs = {"limit": args.limit} if args.limit else {}
    result: dict[str, Any] = module.score(path, **kwargs)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    elif hasattr(module, "report"):
        print(module.report(result))
    else:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    sys.stdout.flush()
    return 0
