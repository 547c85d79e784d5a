"""A competition's rubric, read from a data file per year (rubrics/<name>.json):
its sections in order with weight, word limit and guidance, the criteria of
its checklist and, where the year has them, its groups (KIPP 2025: Umum,
Replikasi). Next year's rules are a new file, not new code.

A workshop's proposals start with the rubric of its year: the newest one not
later than the workshop (`for_year`); the facilitator can pick another.

Files are looked for in the folder named by `WORKSHOP_PROPOSAL_RUBRICS`, if
set, then among those shipped here. A proposal keeps the name of the rubric it
was started with, so adding a file changes only proposals promoted afterwards.
A bad file is refused with a `RubricError` naming the file and the field at
fault (`flask workshop rubrics` checks them all).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from flask import current_app, has_app_context

RUBRICS_DIR = Path(__file__).resolve().parent / "rubrics"
LANGUAGES = ("id", "en")
# The facts Urai can write as a section's starting text (facts.py); a section
# whose `starts_with` is null starts empty.
STARTERS = (
    "summary",
    "background",
    "novelty",
    "implementation",
    "significance",
    "resources",
    "sustainability",
)
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
WORD_LIMIT_MAX = 5000


class RubricError(ValueError):
    """A rubric file that cannot be used, with what is wrong and where."""


@dataclass(frozen=True)
class Text:
    """A text in both languages of the app; Indonesian when the other is missing."""

    id: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" and self.en else self.id


@dataclass(frozen=True)
class RubricSection:
    key: str
    title: Text
    weight: int  # percent of the total score
    word_limit: int | None
    guidance: Text
    starts_with: str | None


@dataclass(frozen=True)
class Criterion:
    key: str
    title: Text
    guidance: Text


@dataclass(frozen=True)
class Group:
    key: str
    title: Text
    guidance: Text


@dataclass(frozen=True)
class Rubric:
    name: str  # the file's name without .json, kept on each proposal
    competition: str
    year: int
    title: Text
    sections: tuple[RubricSection, ...]
    criteria: tuple[Criterion, ...]
    groups: tuple[Group, ...] = ()

    def section(self, key: str) -> RubricSection | None:
        return next((s for s in self.sections if s.key == key), None)

    def group(self, key: str | None) -> Group | None:
        return next((g for g in self.groups if g.key == key), None)

    def as_dict(self, language: str) -> dict[str, Any]:
        """The rubric as a page is told it, in one language."""
        return {
            "name": self.name,
            "title": self.title.get(language),
            "year": self.year,
            "groups": [
                {"key": g.key, "title": g.title.get(language), "guidance": g.guidance.get(language)}
                for g in self.groups
            ],
            "sections": [
                {
                    "key": s.key,
                    "title": s.title.get(language),
                    "weight": s.weight,
                    "word_limit": s.word_limit,
                    "guidance": s.guidance.get(language),
                }
                for s in self.sections
            ],
            "criteria": [
                {"key": c.key, "title": c.title.get(language), "guidance": c.guidance.get(language)}
                for c in self.criteria
            ],
        }


def load(path: Path) -> Rubric:
    """Read and check one rubric file."""
    where = path.name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise RubricError(f"{where}: cannot be read ({err})") from err
    except json.JSONDecodeError as err:
        raise RubricError(f"{where}: not valid JSON (line {err.lineno}: {err.msg})") from err
    if not isinstance(raw, dict):
        raise RubricError(f"{where}: must be a JSON object")
    name = path.stem
    if not _NAME.match(name):
        raise RubricError(f"{where}: the file name must be lower-case letters, digits and '-'")
    year = raw.get("year")
    if not _whole(year) or not 2000 <= year <= 2100:
        raise RubricError(f"{where}: year must be a whole number such as 2023")
    sections = _list(raw, "sections", where)
    criteria = _list(raw, "criteria", where)
    groups = _list(raw, "groups", where) if raw.get("groups") is not None else []
    rubric = Rubric(
        name=name,
        competition=_string(raw.get("competition"), f"{where}: competition"),
        year=year,
        title=_text(raw.get("title"), f"{where}: title"),
        sections=tuple(_section(s, f"{where}: sections[{i}]") for i, s in enumerate(sections)),
        criteria=tuple(_criterion(c, f"{where}: criteria[{i}]") for i, c in enumerate(criteria)),
        groups=tuple(_group(g, f"{where}: groups[{i}]") for i, g in enumerate(groups)),
    )
    for label, items in (
        ("sections", rubric.sections),
        ("criteria", rubric.criteria),
        ("groups", rubric.groups),
    ):
        keys = [item.key for item in items]
        doubled = sorted({k for k in keys if keys.count(k) > 1})
        if doubled:
            raise RubricError(f"{where}: {label} keys must differ ({', '.join(doubled)} twice)")
    total = sum(s.weight for s in rubric.sections)
    if total != 100:
        raise RubricError(f"{where}: the section weights must add up to 100 (now {total})")
    return rubric


def folders() -> tuple[Path, ...]:
    """Where rubric files are looked for: the folder set in `WORKSHOP_PROPOSAL_RUBRICS`
    (an organiser's own files, no code), then the ones shipped with Urai."""
    configured = current_app.config.get("PROPOSAL_RUBRICS") if has_app_context() else None
    return (Path(configured), RUBRICS_DIR) if configured else (RUBRICS_DIR,)


def available(folder: Path | None = None) -> list[str]:
    """The names of the rubric files in `folder` (default: every folder searched)."""
    searched = (folder,) if folder is not None else folders()
    return sorted({p.stem for f in searched for p in f.glob("*.json")})


def named(name: str, folder: Path | None = None) -> Rubric:
    """The rubric of this name (a proposal's), from the first folder that has it."""
    for place in (folder,) if folder is not None else folders():
        path = place / f"{name}.json"
        if _NAME.match(name) and path.is_file():
            return _cached(path, path.stat().st_mtime_ns)
    raise RubricError(f"{name}: no such rubric file")


def newest(folder: Path | None = None) -> Rubric:
    """The rubric of the latest competition year: the one new proposals start with."""
    rubrics = [named(name, folder) for name in available(folder)]
    if not rubrics:
        raise RubricError("no rubric file (*.json) found")
    return max(rubrics, key=lambda r: (r.year, r.name))


def for_year(year: int, folder: Path | None = None) -> Rubric:
    """The rubric a workshop of `year` starts its proposals with: the newest one not
    later than that year (a 2026 workshop uses 2025's until 2026's file is added),
    or the oldest when every rubric is later."""
    rubrics = [named(name, folder) for name in available(folder)]
    if not rubrics:
        raise RubricError("no rubric file (*.json) found")
    earlier = [r for r in rubrics if r.year <= year]
    if earlier:
        return max(earlier, key=lambda r: (r.year, r.name))
    return min(rubrics, key=lambda r: (r.year, r.name))


@functools.lru_cache(maxsize=64)
def _cached(path: Path, _mtime: int) -> Rubric:
    """Each file is checked once until it changes."""
    return load(path)


def _section(raw: object, where: str) -> RubricSection:
    if not isinstance(raw, dict):
        raise RubricError(f"{where}: must be an object")
    weight = raw.get("weight")
    if not _whole(weight) or not 0 <= weight <= 100:
        raise RubricError(f"{where}.weight must be a whole number from 0 to 100")
    limit = raw.get("word_limit")
    if limit is not None and (not _whole(limit) or not 1 <= limit <= WORD_LIMIT_MAX):
        raise RubricError(f"{where}.word_limit must be null or 1 to {WORD_LIMIT_MAX} words")
    starts = raw.get("starts_with")
    if starts is not None and starts not in STARTERS:
        raise RubricError(f"{where}.starts_with must be null or one of {', '.join(STARTERS)}")
    return RubricSection(
        key=_key(raw.get("key"), f"{where}.key"),
        title=_text(raw.get("title"), f"{where}.title"),
        weight=weight,
        word_limit=limit,
        guidance=_text(raw.get("guidance"), f"{where}.guidance"),
        starts_with=starts,
    )


def _criterion(raw: object, where: str) -> Criterion:
    if not isinstance(raw, dict):
        raise RubricError(f"{where}: must be an object")
    return Criterion(
        key=_key(raw.get("key"), f"{where}.key"),
        title=_text(raw.get("title"), f"{where}.title"),
        guidance=_text(raw.get("guidance"), f"{where}.guidance"),
    )


def _group(raw: object, where: str) -> Group:
    if not isinstance(raw, dict):
        raise RubricError(f"{where}: must be an object")
    return Group(
        key=_key(raw.get("key"), f"{where}.key"),
        title=_text(raw.get("title"), f"{where}.title"),
        guidance=_text(raw.get("guidance"), f"{where}.guidance"),
    )


def _list(raw: dict[str, Any], name: str, where: str) -> list[Any]:
    value = raw.get(name)
    if not isinstance(value, list) or not value:
        raise RubricError(f"{where}: {name} must be a non-empty list")
    return value


def _text(raw: object, where: str) -> Text:
    if not isinstance(raw, dict):
        raise RubricError(f'{where} must be {{"id": "...", "en": "..."}}')
    return Text(
        id=_string(raw.get("id"), f"{where}.id"),
        en=raw["en"].strip() if isinstance(raw.get("en"), str) else "",
    )


def _string(raw: object, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise RubricError(f"{where} must be a non-empty text")
    return raw.strip()


def _key(raw: object, where: str) -> str:
    if not isinstance(raw, str) or not _KEY.match(raw):
        raise RubricError(f"{where} must be lower-case letters, digits and '_' (up to 40)")
    return raw


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
