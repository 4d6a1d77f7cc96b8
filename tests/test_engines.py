"""Engines: any engine and worker count gives the same records, in input order, with bounded
partitions in flight (issue 7)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from herald import engines
from herald.errors import HeraldError
from herald.model import Article, CodedArticle
from herald.pipeline import code_records

# Written for these tests: short political news sentences, combined three to an article.
SENTENCES = [
    "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Monday.",
    "The two leaders signed an agreement to expand energy cooperation.",
    '"Our partnership is not directed against any third country," Putin told reporters.',
    "Germany's foreign minister criticised the decision to expel two diplomats.",
    "Police in Nairobi arrested dozens of protesters outside parliament on Tuesday.",
    "The United Nations called for an immediate ceasefire in the region.",
    "Rebels attacked an army base near the border, killing three soldiers.",
    "Japan and South Korea agreed to resume talks on trade next month.",
    "The European Union imposed new sanctions on Iranian officials last week.",
    "Turkey's president threatened to block Sweden's bid to join NATO.",
    "India sent food and medicine to earthquake victims in Nepal.",
    "The opposition leader accused the government of rigging the election.",
    "Thousands of workers went on strike in Paris over pension reforms.",
    "Brazil's foreign minister will visit Beijing in March, officials said.",
    "The Kremlin denied that Russian troops had crossed into Ukraine.",
    "Israeli aircraft struck targets in the Gaza Strip overnight.",
    "The prime minister said the country would not negotiate with terrorists.",
    "Washington urged Pyongyang to return to the negotiating table.",
    "Egypt mediated talks between Hamas and Israel in Cairo on Sunday.",
    "The court sentenced the former minister to five years in prison for corruption.",
    "Canada and Mexico pledged to cooperate on border security.",
    "Ukrainian forces withdrew from the eastern town after weeks of fighting.",
    "The Australian government welcomed the release of the detained journalist.",
    "Protesters in Caracas demanded the resignation of the president.",
    "Pakistan's army chief met Saudi officials in Riyadh on Wednesday.",
    "France recalled its ambassador from Mali after the coup.",
    '"We will defend every inch of our territory," the defence minister said.',
    "The African Union suspended Niger's membership following the military takeover.",
    "South Africa's president praised the peace agreement signed in Addis Ababa.",
    "The Philippines protested against the Chinese coast guard's use of water cannon.",
    "Police fired tear gas at demonstrators in Tbilisi on Thursday night.",
    "Vietnam and the United States upgraded their ties to a strategic partnership.",
    "The Iranian foreign minister rejected calls to halt uranium enrichment.",
    "Armed men abducted twelve villagers in northern Nigeria, local officials said.",
    "Poland offered to host more American troops on its soil.",
    "The Serbian president said he had spoken by phone with the Hungarian prime minister.",
    "Colombia's government and the rebels agreed to extend the ceasefire.",
    "Britain will provide additional military aid to Kyiv, the defence secretary said.",
    "Students in Dhaka boycotted classes to protest the arrest of their leaders.",
    "Qatar's emir hosted the Afghan delegation in Doha on Saturday.",
]


def _articles(n: int = 40) -> list[Article]:
    """n short articles of three sentences each, all different."""
    k = len(SENTENCES)
    return [
        Article(
            id=f"engine-{i:03d}",
            text=" ".join(SENTENCES[(i + j * 7) % k] for j in range(3)),
            published=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        )
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def reference() -> list[CodedArticle]:
    return list(code_records(_articles(), workers=1))


def _square(x: int) -> int:
    return x * x


def _counting(n: int, drawn: list[int]) -> Iterator[int]:
    for i in range(n):
        drawn.append(i)
        yield i


def test_engines_reference_has_events(reference: list[CodedArticle]) -> None:
    assert [c.article.id for c in reference] == [a.id for a in _articles()]
    assert sum(len(c.events) for c in reference) >= 40
    assert sum(len(c.quotes) for c in reference) >= 3


def test_engines_two_workers_give_identical_records(reference: list[CodedArticle]) -> None:
    # 40 articles make two partitions, so this really runs on the process pool.
    coded = list(code_records(_articles(), workers=2))
    assert [c.events for c in coded] == [c.events for c in reference]
    assert [c.quotes for c in coded] == [c.quotes for c in reference]
    assert coded == reference


def test_engines_one_partition_runs_without_a_pool(reference: list[CodedArticle]) -> None:
    coded = list(code_records(_articles()[:3], workers=2))
    assert coded == reference[:3]


@pytest.mark.parametrize("engine", [engines.InProcess(), engines.LocalProcesses(2)],
                         ids=["in-process", "local-processes"])
def test_engines_map_keeps_input_order(engine: engines.Engine) -> None:
    assert list(engine.map(_square, range(50))) == [i * i for i in range(50)]


def test_engines_local_processes_bound_partitions_in_flight() -> None:
    drawn: list[int] = []
    results = engines.LocalProcesses(2).map(_square, _counting(1000, drawn))
    assert next(results) == 0
    # the first result comes after at most a window of 2 per worker has been drawn
    assert len(drawn) <= 4
    results.close()


@pytest.fixture(scope="module")
def dask_engine() -> Iterator[engines.Engine]:
    pytest.importorskip("distributed")
    from herald.engines.dask import DaskEngine

    with DaskEngine(n_workers=2, threads_per_worker=1) as engine:
        yield engine


@pytest.mark.slow
def test_engines_dask_matches_local_engine(dask_engine: engines.Engine,
                                           reference: list[CodedArticle]) -> None:
    coded = list(code_records(_articles(), engine=dask_engine))
    assert coded == reference


@pytest.mark.slow
def test_engines_dask_keeps_order_and_bounds_in_flight(dask_engine: engines.Engine) -> None:
    drawn: list[int] = []
    results = dask_engine.map(_square, _counting(200, drawn))
    assert next(results) == 0
    assert len(drawn) <= 4  # a window of two per worker thread, two single-threaded workers
    assert list(results) == [i * i for i in range(1, 200)]


@pytest.mark.slow
def test_engines_dask_unreachable_scheduler_is_a_clear_error() -> None:
    pytest.importorskip("distributed")
    from herald.engines.dask import DaskEngine

    engine = DaskEngine("tcp://127.0.0.1:9", timeout="1s")
    with pytest.raises(HeraldError, match="cannot reach the Dask scheduler"):
        list(engine.map(_square, range(3)))
