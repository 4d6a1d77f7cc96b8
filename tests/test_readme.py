"""The README's store and Python examples are real output: run them and compare (docs that
cannot drift).

When the pipeline changes what it finds in the sample corpus, this test fails until the README
shows the new output (regenerate it by running the commands shown there).
"""

from __future__ import annotations

import shlex
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _examples() -> list[tuple[str, str]]:
    """(command, expected output) for each `$ .venv/bin/herald ...` line of the README."""
    text = (REPO / "README.md").read_text("utf-8")
    out: list[tuple[str, str]] = []
    for block in text.split("```")[1::2]:
        current: int | None = None
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:].split("  #")[0].strip(), ""))
                current = len(out) - 1
            elif current is not None:
                cmd, expected = out[current]
                out[current] = (cmd, expected + line + "\n")
    return out


def test_readme_store_examples_match_real_output(tmp_path):
    examples = _examples()
    assert len(examples) >= 4
    for command, expected in examples:
        argv = shlex.split(command)
        assert argv[0] == ".venv/bin/herald", command
        argv = [sys.executable, "-m", "herald.cli", *argv[1:]]
        argv = [str(REPO / a) if a.startswith("src/herald/") else a for a in argv]
        done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert (done.stdout + done.stderr).rstrip() == expected.rstrip(), command


def test_readme_python_examples_give_the_output_shown():
    import doctest

    failures, tried = doctest.testfile(str(REPO / "README.md"), module_relative=False,
                                       optionflags=doctest.ELLIPSIS)
    assert tried >= 6 and failures == 0
