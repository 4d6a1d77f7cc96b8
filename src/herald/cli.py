"""herald's command line: thin commands over library functions."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from herald import __version__
from herald.cliargs import add_reading_arguments, workers
from herald.errors import HeraldError, ReadError
from herald.model import Article

EPILOG = "Documentation: README.md and docs/ in the herald repository."


class Reporter:
    """Counts and reports skipped input items on stderr; draws a progress bar when useful."""

    def __init__(self, quiet: bool = False, stream: TextIO | None = None):
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.skipped = 0
        self.articles = 0
        self._bar: Any = None
        if not quiet and self.stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(unit=" articles", file=self.stream, leave=False, dynamic_ncols=True)

    def articles_from(self, items: Iterable[Article | ReadError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, ReadError):
                self.skipped += 1
                self.message(f"skipped {item}")
                continue
            self.articles += 1
            if self._bar is not None:
                self._bar.update(1)
            yield item

    def message(self, text: str) -> None:
        if self._bar is not None:
            self._bar.clear()
        print(f"herald: {text}", file=self.stream)

    def close(self, what: str) -> int:
        if self._bar is not None:
            self._bar.close()
        if not self.quiet:
            print(f"herald: {self.articles} articles coded, {what}", file=self.stream)
        if self.skipped:
            print(
                f"herald: {self.skipped} input item(s) skipped; the messages above say which and why",
                file=self.stream,
            )
            return 1
        return 0


def _add_input_args(p: argparse.ArgumentParser) -> None:
    add_reading_arguments(p)
    p.add_argument("--out", "-o", help="write records to this file (default: standard output)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster (see docs/cluster.md)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler, e.g. tcp://host:8786 (default with --engine dask: a "
                   "local cluster of --workers processes)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")


def _read(args: argparse.Namespace, reporter: Reporter) -> Iterator[Article]:
    from herald.read import read_inputs

    if args.date:
        _check_date(args.date)
    items = read_inputs(args.inputs, date=args.date, text_field=args.text_field,
                        date_field=args.date_field)
    return reporter.articles_from(items)


def _check_date(value: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise HeraldError(f"--date {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2023-04-16") from None


def _write_jsonl(records: Iterable[dict[str, Any]], out: str | None) -> int:
    n = 0
    stream: TextIO = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        for rec in records:
            stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
            if not out:
                stream.flush()
    finally:
        if out:
            stream.close()
    return n


def _coded(args: argparse.Namespace, reporter: Reporter) -> Iterator[Any]:
    """Coded articles from the chosen engine, in input order."""
    from herald.pipeline import code_records

    articles = _read(args, reporter)
    if args.engine != "dask":
        if args.scheduler:
            raise HeraldError("--scheduler goes with --engine dask")
        yield from code_records(articles, args.model, workers(args))
        return
    from functools import partial

    from herald.config import prepare_dask_worker
    from herald.engines.dask import DaskEngine

    setup = partial(prepare_dask_worker, args.model, tuple(args.actors or ()), args.config)
    with DaskEngine(args.scheduler, n_workers=workers(args), setup=setup) as engine:
        yield from code_records(articles, args.model, engine=engine)


def cmd_code(args: argparse.Namespace) -> int:
    reporter = Reporter(args.quiet)
    records = (e for coded in _coded(args, reporter) for e in coded.events)
    n = _write_jsonl(records, args.out)
    return reporter.close(f"{n} events written" + (f" to {args.out}" if args.out else ""))


def cmd_quotes(args: argparse.Namespace) -> int:
    reporter = Reporter(args.quiet)
    records = (q for coded in _coded(args, reporter) for q in coded.quotes)
    n = _write_jsonl(records, args.out)
    return reporter.close(f"{n} quotes written" + (f" to {args.out}" if args.out else ""))


def cmd_demo(args: argparse.Namespace) -> int:
    from herald.demo import run_demo

    return run_demo(out_dir=Path(args.out_dir), quiet=args.quiet, serve=not args.no_serve,
                    port=args.port)


def cmd_train(args: argparse.Namespace) -> int:
    from pathlib import Path

    from herald.events import train

    defaults = train.argument_defaults()
    for key, value in defaults.items():
        setattr(args, key, Path(getattr(args, key) or value))
    return train.run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="herald",
        description="Turn news articles into political event data: who did what to whom, when, "
        "where, and who said so.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"herald {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("code", help="code articles into event records (JSON lines)",
                       description="Code articles into PLOVER event records, one JSON object per line.",
                       epilog="Example: herald code articles.jsonl --date 2023-04-16 > events.jsonl")
    _add_input_args(p)
    p.set_defaults(func=cmd_code)

    p = sub.add_parser("quotes", help="extract quotes and their speakers (JSON lines)",
                       description="Extract direct quotes and reported speech with their speakers.",
                       epilog="Example: herald quotes articles.jsonl > quotes.jsonl")
    _add_input_args(p)
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("demo", help="code the bundled sample articles and summarise them",
                       description="Code the bundled sample corpus, write its records and print a summary.")
    p.add_argument("--out-dir", default="out", help="where to write the records and the store (default: ./out)")
    p.add_argument("--no-serve", action="store_true", help="stop after the summary; do not serve the dashboard")
    p.add_argument("--port", type=int, default=8000, help="dashboard port (default: 8000)")
    p.add_argument("--quiet", "-q", action="store_true")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("train", help="retrain the event-relation re-ranker (reproducible recipe)",
                       description="Retrain the event-relation re-ranker from the project's own "
                       "sentences and the openly licensed gold sets (see src/herald/events/train.py).")
    # defaults are filled in by herald.events.train: importing it here would load spaCy on
    # every command's start
    p.add_argument("--gsr", help="PLOVER_GSR_CAMEO.json.txt (CC BY-SA 4.0; default: ../shared/gold/...)")
    p.add_argument("--cameo", help="cameo-codes.csv (MIT; default: ../shared/gold/cameo/...)")
    p.add_argument("--out", help="where to write the weights (default: the packaged model file)")
    p.set_defaults(func=cmd_train)

    from herald.eval.cli import add_eval_parser
    from herald.store.cli import add_store_parsers
    from herald.watch import add_watch_parser
    from herald.web.cli import add_serve_parser

    add_store_parsers(sub)
    add_serve_parser(sub)
    add_watch_parser(sub)
    add_eval_parser(sub)
    from herald.config import add_actor_arguments

    for name in CODING_COMMANDS:
        add_actor_arguments(sub.choices[name])
    return parser


# Commands that code text, and so take user actor dictionaries (--actors, --config).
CODING_COMMANDS = ("code", "quotes", "demo", "ingest", "serve", "watch")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        if args.command in CODING_COMMANDS:
            from herald.config import apply_actor_arguments

            apply_actor_arguments(args.actors, args.config)
        return int(args.func(args) or 0)
    except HeraldError as err:
        print(f"herald: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("herald: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
