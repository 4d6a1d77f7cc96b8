"""Event-typing scorers (plv, gsr, cameo, case2021, police) on small files written here."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from herald.eval import cameo, case2021, gsr, plv, police

SHARED = Path(__file__).parents[1].parent / "shared" / "gold"


def test_eval_plv_classification_figures():
    r = plv.classification(["A", "A", "B", "B"], ["A", "B", "B", "B"])
    assert r["accuracy"] == 0.75
    assert r["per_class"]["A"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert r["confusion"]["A->B"] == 1
    assert "confusion" in plv.report_classification(r, "t", ("n", "accuracy"))


def test_eval_plv_score_on_written_rows(tmp_path):
    rows = [
        ("<s>Uruguay</s> condemned <t>the coup leaders</t> on Monday.", "ACCUSE"),
        ("<s>The militia</s> freed <t>four hostages</t> near the border.", "YIELD"),
        ("<s>Police</s> detained <t>a dozen students</t> outside the university.", "COERCE"),
    ]
    path = tmp_path / "plv.tsv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t")
        w.writerow(["marked_sentence", "gold_root"])
        w.writerows(rows)
    result = plv.score(path)
    assert {"n", "accuracy", "macro_f1", "per_class", "seconds"} <= set(result)
    assert result["n"] == 3 and result["accuracy"] == 1.0
    assert "PLV" in plv.report(result)


def test_eval_gsr_on_written_records(tmp_path):
    records = [
        {"event": "DOCUMENT"},
        {"event": "DISAPPROVE", "date": "2001-05-01", "text": "Sweden criticised Chile over the arrests.",
         "source": [{"actorText": "Sweden", "code": "SWE", "sector": "GOV"}],
         "target": [{"actorText": "Chile", "code": "CHL", "sector": "GOV"}]},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = gsr.score(path)
    assert result["n"] == 1 and result["event_accuracy_rules"] == 1.0
    assert result["actor_country_accuracy"] == 1.0


def test_eval_cameo_on_written_rows(tmp_path):
    path = tmp_path / "cameo.csv"
    path.write_text(
        '"","code","example"\n'
        '"1","173","Police in Lima arrested three union leaders on Monday. Note: an editor note."\n'
        '"2","010","The spokesman said the government was studying the report."\n',
        encoding="latin-1")
    result = cameo.score(path)
    assert result["n"] == 2 and result["root_accuracy_rules"] == 1.0
    assert {"root_accuracy", "code_accuracy"} <= set(result)


def test_eval_case2021_type_map_and_score(tmp_path):
    assert case2021.type_map()["PEACE_PROTEST"] == ("PROTEST", "demo")
    assert case2021.type_map()["NATURAL_DISASTER"] == (None, None)
    path = tmp_path / "case.tsv"
    path.write_text("id\tEventSnippet\tSubType\n"
                    "1\tHundreds of nurses marched peacefully to the governor's office.\tPEACE_PROTEST\n"
                    "2\tHeavy rain flooded low-lying districts of the city.\tNATURAL_DISASTER\n",
                    encoding="utf-8")
    result = case2021.score(path)
    assert result["political"] == 1 and result["type_accuracy"] == 1.0
    assert result["no_event_accuracy"] == 1.0


def test_eval_police_on_written_sentences(tmp_path):
    lines = [
        {"doc_id": 1, "sent_id": 0, "sent_labels": ["ARREST"],
         "sent_text": "police arrested 40 people for rioting in the old city on friday."},
        {"doc_id": 1, "sent_id": 1, "sent_labels": [],
         "sent_text": "the market stayed closed for the second day."},
    ]
    (tmp_path / "sents.jsonl").write_text("\n".join(json.dumps(x) for x in lines), "utf-8")
    result = police.score(tmp_path)
    assert result["per_class"]["ARREST"]["recall"] == 1.0
    assert result["arrest_precision"] == 1.0


@pytest.mark.slow
def test_eval_plv_train_floor():
    path = SHARED / "plover" / "zero_shot_plover_PLV" / "PLV_train.tsv"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the repository)")
    result = plv.score(path)
    # floors just below the figures of 2026-11-26 (0.863 / 0.847); they catch regressions
    assert result["accuracy"] >= 0.85 and result["macro_f1"] >= 0.83


@pytest.mark.slow
def test_eval_cameo_root_accuracy_of_the_rules_meets_the_target():
    path = SHARED / "cameo" / "cameo-codes.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the repository)")
    # the rules alone: the re-ranker is trained on these examples, so only this is out of sample
    assert cameo.score(path)["root_accuracy_rules"] >= 0.85


def test_eval_plv_on_heralds_own_heldout_sentences():
    # 240 sentences written for herald as a held-out check (never used to tune the rules);
    # 0.85 on 2026-11-26, the floor catches regressions
    path = Path(__file__).parent / "fixtures" / "relations_heldout.tsv"
    result = plv.score(path)
    assert result["n"] == 240
    assert result["accuracy"] >= 0.80
