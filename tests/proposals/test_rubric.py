"""The rubric is a data file per competition year: the shipped one is KIPP 2023
as DOMAIN.md gives it, the newest year is used for new proposals, and a bad
file is refused with the file and the field at fault."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from workshop.proposals import rubric
from workshop.proposals.rubric import RubricError

from .conftest import ok, refused

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
    with pytest.raises(RubricError, match="no such rubric"):
        rubric.named("../kipp-2023")


def test_the_cli_checks_the_rubric_files(runner, tmp_path):
    result = runner.invoke(args=["workshop", "rubrics"])
    assert result.exit_code == 0, result.output
    assert "kipp-2023: KIPP 2023, 8 sections (ringkasan=0 latar_belakang=10" in result.output
    assert "kipp-2025: KIPP 2025, 8 sections" in result.output
    assert f"New proposals of a {date.today().year} workshop use: kipp-2025" in result.output
    write(tmp_path, "kipp-2023", SHIPPED)
    write(tmp_path, "kipp-2024", broken(lambda d: d["sections"][1].update(weight=12)))
    result = runner.invoke(args=["workshop", "rubrics", "--folder", str(tmp_path)])
    assert result.exit_code == 1
    assert "kipp-2024.json: the section weights must add up to 100 (now 102)" in result.output


@pytest.fixture
def app_config(tmp_path):
    """An organiser's own folder of rubric files (WORKSHOP_PROPOSAL_RUBRICS)."""
    folder = tmp_path / "rubrics"
    folder.mkdir()
    return {"PROPOSAL_RUBRICS": str(folder)}


def test_an_organisers_folder_is_searched_first_and_a_bad_file_is_told_to_the_facilitator(
    app, app_config, room, runner
):
    folder = Path(app_config["PROPOSAL_RUBRICS"])
    write(folder, "kipp-2026", broken(lambda d: d.update(year=2026, criteria="none")))
    boss, card = room["boss"], room["solution"]["id"]
    error = refused(boss.emit("proposal:promote", {"card_id": card}, callback=True), "invalid")
    assert "kipp-2026.json: criteria must be a non-empty list" in error["error"]["message"]
    assert runner.invoke(args=["workshop", "rubrics"]).exit_code == 1
    # Mended, next year's file is used for new proposals, with its own word limit.
    mended = {**SHIPPED, "year": 2026}
    mended["sections"] = [{**SHIPPED["sections"][0], "word_limit": 250}, *SHIPPED["sections"][1:]]
    write(folder, "kipp-2026", mended)
    proposal = ok(boss.emit("proposal:promote", {"card_id": card}, callback=True))["proposal"]
    assert proposal["rubric"]["name"] == "kipp-2026"
    assert proposal["rubric"]["sections"][0]["word_limit"] == 250
    result = runner.invoke(args=["workshop", "rubrics"])
    assert (
        f"New proposals of a {date.today().year} workshop use: kipp-2026" in result.output
        and "kipp-2023: KIPP 2023" in result.output
    )


def test_a_workshop_uses_the_newest_rubric_not_later_than_its_year(tmp_path):
    write(tmp_path, "kipp-2023", SHIPPED)
    write(tmp_path, "kipp-2025", {**SHIPPED, "year": 2025})
    assert rubric.for_year(2026, tmp_path).name == "kipp-2025", "no 2026 file: 2025's"
    assert rubric.for_year(2025, tmp_path).name == "kipp-2025"
    assert rubric.for_year(2024, tmp_path).name == "kipp-2023", "no KIPP in 2024"
    assert rubric.for_year(2020, tmp_path).name == "kipp-2023", "before all: the oldest"
    shipped = rubric.for_year(2026)
    assert (shipped.year, shipped.title.get("id")) == (
        2025,
        "Kompetisi Inovasi Pelayanan Publik 2025",
    )
    assert [(g.key, g.title.get("id")) for g in shipped.groups] == [
        ("umum", "Umum"),
        ("replikasi", "Replikasi"),
    ]
    assert rubric.named("kipp-2023").groups == (), "2023's file has no groups"


def test_a_rubrics_groups_are_checked(tmp_path):
    doubled = {"key": "umum", "title": {"id": "Umum"}, "guidance": {"id": "x"}}
    path = write(tmp_path, "kipp-bad", {**SHIPPED, "groups": [doubled, doubled]})
    with pytest.raises(rubric.RubricError, match="groups keys must differ"):
        rubric.load(path)
    path = write(tmp_path, "kipp-bad", {**SHIPPED, "groups": [{"key": "Umum!"}]})
    with pytest.raises(rubric.RubricError, match=r"groups\[0\].key must be lower-case"):
        rubric.load(path)
