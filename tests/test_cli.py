"""The command line: code and quotes, errors that name file and line, determinism, schemas."""

from __future__ import annotations

import json

import pytest

from herald import schemas
from herald.cli import main

ARTICLES = [
    {"id": "a1", "published": "2024-05-12", "title": "Ministers meet",
     "text": "Indian Foreign Minister Subrahmanyam Jaishankar met his Japanese counterpart in Tokyo "
             "on Friday. \u201cOur partnership is stronger than ever,\u201d he said."},
    {"id": "a2", "published": "2024-05-13",
     "text": "Police arrested twelve protesters in Nairobi. The government denied that it had "
             "ordered the arrests."},
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps(ARTICLES[0]), "{not json", json.dumps({"id": "x", "title": "no text"}),
             json.dumps(ARTICLES[1])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_code_reports_bad_lines_and_codes_the_rest(corpus, capsys):
    rc = main(["code", str(corpus), "--quiet"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert f"{corpus}:2" in err and f"{corpus}:3" in err
    assert "2 input item(s) skipped" in err.splitlines()[-1]
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["article_id"] for r in records} <= {"a1", "a2"}
    assert records, "good articles are still coded"


def test_cli_code_output_validates_against_schema(corpus, capsys):
    main(["code", str(corpus), "--quiet"])
    out, _ = capsys.readouterr()
    for line in out.splitlines():
        assert schemas.errors("event", json.loads(line)) == []


def test_cli_quotes_output_validates_against_schema(corpus, capsys):
    main(["quotes", str(corpus), "--quiet"])
    out, _ = capsys.readouterr()
    for line in out.splitlines():
        assert schemas.errors("quote", json.loads(line)) == []


def test_cli_code_is_byte_identical_across_runs(corpus, tmp_path, capsys):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    main(["code", str(corpus), "--quiet", "--out", str(a)])
    main(["code", str(corpus), "--quiet", "--out", str(b)])
    capsys.readouterr()
    assert a.read_bytes() == b.read_bytes()


def test_cli_bad_date_option_is_a_clear_error(corpus, capsys):
    rc = main(["code", str(corpus), "--date", "16/04/2023"])
    _, err = capsys.readouterr()
    assert rc == 2 and "YYYY-MM-DD" in err


def test_cli_missing_file_is_reported_not_raised(tmp_path, capsys):
    rc = main(["code", str(tmp_path / "nope.jsonl"), "--quiet"])
    _, err = capsys.readouterr()
    assert rc == 1 and "nope.jsonl" in err


@pytest.mark.parametrize("command", [[], ["code"], ["quotes"], ["eval"], ["demo"]])
def test_cli_help_on_every_command(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: herald" in capsys.readouterr().out


def test_cli_actors_option_loads_a_user_dictionary(tmp_path, capsys):
    from herald.actors import clear_user_actors

    dictionary = tmp_path / "kenya.tsv"
    dictionary.write_text("name\taliases\tcountry\tsector\nMwangi Kiunjuri\tKiunjuri\tKEN\tGOV\n",
                          encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Kiunjuri met Putin in Moscow on Monday.", encoding="utf-8")
    try:
        main(["code", str(story), "--date", "2024-01-01", "--workers", "1", "--quiet",
              "--actors", str(dictionary)])
    finally:
        clear_user_actors()
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    actors = [a for r in records for a in r["actor"]]
    assert {"name": "Mwangi Kiunjuri", "country": "KEN", "sector": "GOV"}.items() <= actors[0].items()


def test_cli_missing_actor_dictionary_is_a_clear_error(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("Kenya praised Uganda.", encoding="utf-8")
    rc = main(["code", str(story), "--actors", str(tmp_path / "nope.tsv"), "--quiet"])
    assert rc == 2 and "nope.tsv" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_dask_engine_gives_the_local_records(corpus, tmp_path, capsys):
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    main(["code", str(corpus), "--quiet", "--workers", "1", "--out", str(local)])
    main(["code", str(corpus), "--quiet", "--engine", "dask", "--workers", "2", "--out", str(dask)])
    capsys.readouterr()
    assert local.read_bytes() == dask.read_bytes() and local.read_bytes()


def test_cli_scheduler_needs_the_dask_engine(corpus, capsys):
    rc = main(["code", str(corpus), "--quiet", "--scheduler", "tcp://127.0.0.1:8786"])
    assert rc == 2 and "--engine dask" in capsys.readouterr().err
