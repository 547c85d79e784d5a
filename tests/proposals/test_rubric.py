"""The rubric is a data file per competition year: the shipped one is KIPP 2023
as DOMAIN.md gives it, the newest year is used for new proposals, and a bad
file is refused with the file and the field at fault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from workshop.proposals import rubric
from workshop.proposals.rubric import RubricError

SHIPPED = json.loads((rubric.RUBRICS_DIR / "kipp-2023.json").read_text())


def write(folder: Path, name: str, data: Any) -> Path:
    path = folder / f"{name}.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def test_kipp_2023_has_its_sections_in_order_with_their_weights_and_the_five_criteria():
    kipp = rubric.load(rubric.RUBRICS_DIR / "kipp-2023.json")
    assert (kipp.competition, kipp.year) == ("KIPP", 2023)
    assert [(s.title.get("id"), s.weight) for s in kipp.sections] == [
        ("Ringkasan", 0),
        ("Latar belakang dan tujuan", 10),
        ("Kebaruan/nilai tambah", 15),
        ("Implementasi", 5),
        ("Signifikansi", 30),
        ("Adaptabilitas", 20),
        ("Sumber daya", 5),
        ("Strategi keberlanjutan", 15),
    ]
    assert kipp.sections[0].word_limit == 200
    assert all(s.word_limit and s.guidance.get("en") for s in kipp.sections)
    assert [c.title.get("id") for c in kipp.criteria] == [
        "Kebaruan",
        "Efektif",
        "Bermanfaat",
        "Mudah disebarkan",
        "Berkelanjutan",
    ]
    assert kipp.as_dict("en")["sections"][0]["title"] == "Summary"


def test_the_newest_year_is_used_and_next_years_rules_need_no_code(tmp_path):
    write(tmp_path, "kipp-2023", SHIPPED)
    changed = {**SHIPPED, "year": 2024}
    changed["sections"] = [
        {**SHIPPED["sections"][0], "word_limit": 250},
        *SHIPPED["sections"][1:],
    ]
    write(tmp_path, "kipp-2024", changed)
    newest = rubric.newest(tmp_path)
    assert (newest.name, newest.year, newest.sections[0].word_limit) == ("kipp-2024", 2024, 250)
    assert rubric.available(tmp_path) == ["kipp-2023", "kipp-2024"]


def broken(change) -> dict[str, Any]:
    data = json.loads(json.dumps(SHIPPED))
    change(data)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "kipp-bad.json: not valid JSON (line 1"),
        ([], "must be a JSON object"),
        (broken(lambda d: d.pop("year")), "year must be a whole number"),
        (broken(lambda d: d.update(sections=[])), "sections must be a non-empty list"),
        (
            broken(lambda d: d["sections"][1].update(weight=11)),
            "weights must add up to 100 (now 101)",
        ),
        (
            broken(lambda d: d["sections"][2].update(weight="15")),
            "sections[2].weight must be a whole",
        ),
        (broken(lambda d: d["sections"][0].update(word_limit=0)), "sections[0].word_limit"),
        (broken(lambda d: d["sections"][3].update(key="Implementasi!")), "sections[3].key"),
        (
            broken(lambda d: d["sections"][4].update(title="Signifikansi")),
            "sections[4].title must be",
        ),
        (
            broken(lambda d: d["sections"][5].update(starts_with="magic")),
            "starts_with must be null or",
        ),
        (
            broken(lambda d: d["criteria"][1].update(key="kebaruan")),
            "criteria keys must differ (kebaruan",
        ),
    ],
)
def test_a_bad_file_is_refused_with_where_it_is_wrong(tmp_path, data, message):
    path = write(tmp_path, "kipp-bad", data)
    with pytest.raises(RubricError) as caught:
        rubric.load(path)
    assert message in str(caught.value)


def test_an_empty_folder_or_unknown_name_says_so(tmp_path):
    with pytest.raises(RubricError, match="no rubric file"):
        rubric.newest(tmp_path)
    with pytest.raises(RubricError, match="no such rubric"):
        rubric.named("kipp-1999", tmp_path)
