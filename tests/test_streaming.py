"""Streaming: `herald code` holds a bounded amount of memory whatever the corpus size (issue 7).

The CLI runs as a grandchild: a fresh Python wrapper starts it and reports
``getrusage(RUSAGE_CHILDREN).ru_maxrss``, so the figure is the peak of `herald code` alone, not
of pytest.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERALD = Path(sys.executable).with_name("herald")

# Written for this test: a few sentence patterns, varied so that no two articles are the same.
PATTERNS = [
    "{a} President {p} met the {b} prime minister in {c} on Monday to discuss trade.",
    "Police in {c} arrested {n} protesters who demanded the release of political prisoners.",
    '"We will not accept any interference in our internal affairs," {p} told reporters.',
    "The government of {a} accused {b} officials of violating the ceasefire agreement.",
    "{a} pledged {n} million dollars in humanitarian aid to flood victims in {c}.",
    "Opposition parties in {a} said they would boycott the election next month.",
]
COUNTRIES = ["Kenya", "Brazil", "Japan", "Egypt", "Poland", "Canada", "Chile", "Ghana"]
CITIES = ["Nairobi", "Brasilia", "Tokyo", "Cairo", "Warsaw", "Ottawa", "Santiago", "Accra"]
PEOPLE = ["Maria Lind", "Joseph Okello", "Ana Souza", "Kenji Mori", "Leila Haddad"]
ADJECTIVES = ["Kenyan", "Brazilian", "Japanese", "Egyptian", "Polish", "Canadian", "Chilean"]


def _article(i: int) -> dict[str, str]:
    fill = {
        "a": COUNTRIES[i % len(COUNTRIES)],
        "b": ADJECTIVES[(i // 3) % len(ADJECTIVES)],
        "c": CITIES[(i // 2) % len(CITIES)],
        "p": PEOPLE[i % len(PEOPLE)],
        "n": str(10 + i % 90),
    }
    text = " ".join(PATTERNS[(i + j) % len(PATTERNS)].format(**fill) for j in range(3))
    return {"id": f"stream-{i:05d}", "text": text, "published": "2024-03-15"}


def _peak_rss_mb(corpus: Path, out: Path) -> float:
    """Max RSS of `herald code CORPUS --workers 1`, measured in a fresh wrapper process."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "rc = subprocess.run(sys.argv[1:]).returncode\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(rc)\n"
    )
    cmd = [sys.executable, "-c", wrapper, str(HERALD), "code", str(corpus), "--workers", "1",
           "--quiet", "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip().splitlines()[-1]) / 1024  # Linux reports kilobytes


@pytest.mark.slow
def test_streaming_peak_memory_does_not_grow_with_corpus_size(tmp_path: Path) -> None:
    sizes = (150, 1500)
    peaks = []
    for n in sizes:
        corpus = tmp_path / f"corpus-{n}.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for i in range(n):
                f.write(json.dumps(_article(i)) + "\n")
        out = tmp_path / f"events-{n}.jsonl"
        peaks.append(_peak_rss_mb(corpus, out))
        lines = out.read_text(encoding="utf-8").splitlines()
        article_ids = {json.loads(line)["article_id"] for line in lines}
        assert len(article_ids) >= 0.9 * n  # nearly every article yields records: all went through
    small, large = peaks
    # Ten times the articles: a pipeline that kept parsed docs or records would add well over
    # 100 MB here; a streaming one stays flat up to allocator noise.
    message = f"peak RSS {small:.0f} MB for {sizes[0]} articles, {large:.0f} MB for {sizes[1]}"
    assert large < small + 80, message
    assert large < 1.3 * small, message
