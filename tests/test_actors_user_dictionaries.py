"""User actor dictionaries (herald's table and PETRARCH format) and the config file that lists
them; all dictionaries are written here."""

from __future__ import annotations

import pytest

from herald import actors, config
from herald.actors.dictionary import is_table, load_actor_table
from herald.errors import HeraldError

TABLE = (
    "# Kenyan actors for a county-politics project\n"
    "name\taliases\tcountry\tsector\tkind\n"
    "Amina Odhiambo\tOdhiambo\tKEN\tGOV\tperson\n"
    "Lake Basin Farmers Union\tLBFU\tKEN\tAGR\torganization\n"
)
PETRARCH = (
    "BORIS_KALMAN_  # fictional minister\n"
    "+MINISTER_KALMAN_\n"
    "    [SVKGOV 200101-251231]\n"
    "TATRA_RELIEF_FUND_ [NGO]\n"
)


@pytest.fixture(autouse=True)
def clean():
    actors.clear_user_actors()
    yield
    actors.clear_user_actors()


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_actors_user_dictionary_format_is_detected(tmp_path):
    assert is_table(write(tmp_path, "kenya.tsv", TABLE))
    assert not is_table(write(tmp_path, "svk.actors.txt", PETRARCH))


def test_actors_user_dictionaries_of_both_formats_are_registered(tmp_path):
    paths = [write(tmp_path, "kenya.tsv", TABLE), write(tmp_path, "svk.actors.txt", PETRARCH)]
    added = actors.load_user_dictionaries(paths)
    assert added == 4
    (e,) = actors.resolve_phrase("Odhiambo", "2024-03-01")
    assert (e.name, e.country, e.sector, e.kind) == ("Amina Odhiambo", "KEN", "GOV", "person")
    (e,) = actors.resolve_phrase("the LBFU", "2024-03-01")
    assert (e.country, e.sector, e.kind) == ("KEN", "AGR", "organization")
    (e,) = actors.resolve_phrase("Boris Kalman", "2024-03-01")
    assert (e.country, e.sector) == ("SVK", "GOV")


def test_actors_user_dictionary_cleared(tmp_path):
    actors.load_user_dictionaries([write(tmp_path, "kenya.tsv", TABLE)])
    actors.clear_user_actors()
    assert all(e.country is None for e in actors.resolve_phrase("Amina Odhiambo"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name\tcolour\nX\tred\n", "bad header"),
        ("name\tsector\nX\tWIZARD\n", "unknown sector"),
        ("name\tkind\nX\tplanet\n", "unknown kind"),
        ("name\tstart\nX\t2020/01/01\n", "bad date"),
        ("name\tcountry\n\tKEN\n", "name column is empty"),
    ],
)
def test_actors_user_table_errors_name_file_and_line(tmp_path, text, message):
    path = write(tmp_path, "bad.tsv", text)
    with pytest.raises(HeraldError, match=message) as err:
        load_actor_table(path)
    assert f"{path}:" in str(err.value)


def test_actors_missing_dictionary_is_a_user_error(tmp_path):
    with pytest.raises(HeraldError, match="no such actor dictionary"):
        actors.load_user_dictionaries([tmp_path / "absent.tsv"])


def test_config_lists_actor_dictionaries_relative_to_the_file(tmp_path, monkeypatch):
    write(tmp_path, "herald.toml", 'actors = ["dicts/kenya.tsv", "/abs/svk.actors.txt"]\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HERALD_CONFIG", raising=False)
    cfg = config.load()
    assert cfg.path == tmp_path / "herald.toml"
    assert cfg.actors == (tmp_path / "dicts" / "kenya.tsv", config.Path("/abs/svk.actors.txt"))


def test_config_user_file_and_env_var(tmp_path, monkeypatch):
    home = tmp_path / "xdg"
    (home / "herald").mkdir(parents=True)
    write(home / "herald", "config.toml", 'actors = "mine.tsv"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HERALD_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    assert config.load().actors == (home / "herald" / "mine.tsv",)
    other = write(tmp_path, "other.toml", "actors = []\n")
    monkeypatch.setenv("HERALD_CONFIG", str(other))
    assert config.load().path == other


def test_config_absent_gives_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HERALD_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "none"))
    assert config.load() == config.Config()


@pytest.mark.parametrize(("text", "message"), [("actors = [1, 2]\n", "list of file paths"),
                                                ("actors = [\n", "not valid TOML")])
def test_config_bad_file_is_a_user_error(tmp_path, text, message):
    with pytest.raises(HeraldError, match=message):
        config.load(write(tmp_path, "herald.toml", text))
