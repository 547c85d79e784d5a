"""Time each export of a 10,000-card workshop against the bare library doing the
same writing, in the same run, and print the ratios.

    .venv/bin/python bench/exports.py [--cards 10000] [--repeat 3]

The workshop is built straight into a temporary SQLite database (six sectors,
300 participants, bottlenecks with solutions, votes, USG scores and action
plans); building it is not timed. "Bare" is the library alone writing the
same rows: openpyxl for the workbook, python-docx for the report's tables,
the csv and json modules for those formats.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def build(cards: int) -> int:
    """Insert the workshop; return its id."""
    from workshop.core.cards import ActionPlan, Assessment, Card
    from workshop.core.models import Participant
    from workshop.core.votes import Vote
    from workshop.extensions import db
    from workshop.workshops.services import create_workshop

    chance = random.Random(7)
    workshop = create_workshop(
        "Bimtek skala besar", place="Makassar", organiser="Biro Organisasi"
    ).workshop
    sectors = workshop.active_sectors
    people = [
        Participant(
            workshop_id=workshop.id,
            name=f"Peserta {n}",
            agency=f"OPD {n % 40}",
            position="Staf",
            sector_id=sectors[n % len(sectors)].id,
        )
        for n in range(300)
    ]
    db.session.add_all(people)
    db.session.flush()
    bottlenecks = cards // 2
    made = []
    for n in range(bottlenecks):
        card = Card(
            workshop_id=workshop.id,
            sector_id=sectors[n % len(sectors)].id,
            kind="bottleneck",
            text=f"Sumbatan {n}: antrean layanan KTP-el {n % 7} jam",
            category=chance.choice(["U1", "U2", "U3", "U4", "U9", "X1"]),
            service="KTP-el",
            author_id=people[n % 300].id,
            client_id=f"bench-b{n:07d}",
        )
        card.assessment = Assessment(
            urgency=chance.randint(1, 5),
            seriousness=chance.randint(1, 5),
            growth=chance.randint(1, 5),
            cause="Kurang petugas",
            impact="Warga menunggu",
        )
        made.append(card)
    db.session.add_all(made)
    db.session.flush()
    solutions = []
    for n in range(cards - bottlenecks):
        parent = made[n % bottlenecks]
        solution = Card(
            workshop_id=workshop.id,
            sector_id=parent.sector_id,
            kind="solution",
            parent_id=parent.id,
            text=f"Solusi {n}: layanan jemput bola",
            author_id=people[(n * 7) % 300].id,
            client_id=f"bench-s{n:07d}",
        )
        if n % 10 == 0:
            solution.plan = ActionPlan(
                steps="Uji coba",
                indicator="Antrean < 30 menit",
                responsible="Disdukcapil",
                timeframe="2027",
                resources="APBD",
                stakeholders="Camat",
            )
        solutions.append(solution)
    db.session.add_all(solutions)
    db.session.flush()
    db.session.add_all(
        Vote(
            workshop_id=workshop.id,
            card_id=made[chance.randrange(bottlenecks)].id,
            participant_id=p.id,
            kind="bottleneck",
        )
        for p in people
        for _ in range(3)
    )
    db.session.commit()
    return workshop.id


def best_of(repeat: int, fn: Callable[[], bytes]) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - start)
    return min(times), size


def bare_baselines(rows: list[list[object]], header: list[str]) -> dict[str, Callable[[], bytes]]:
    """The library alone writing the same rows."""
    from docx import Document
    from openpyxl import Workbook

    def xlsx() -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def docx() -> bytes:
        doc = Document()
        table = doc.add_table(rows=1, cols=len(header))
        for cell, label in zip(table.rows[0].cells, header, strict=True):
            cell.text = label
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = "" if value is None else str(value)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def csv_() -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue().encode()

    def json_() -> bytes:
        return json.dumps([dict(zip(header, r, strict=True)) for r in rows]).encode()

    return {"xlsx": xlsx, "docx": docx, "csv": csv_, "json": json_}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="urai-bench-")
    os.environ["WORKSHOP_INSTANCE_PATH"] = folder
    from flask_migrate import upgrade

    from workshop import create_app
    from workshop.core.models import Workshop
    from workshop.exports import matrix
    from workshop.exports.data import gather
    from workshop.exports.services import export
    from workshop.extensions import db

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
            "SECRET_KEY": "bench",
            "PUBLIC_URL": "http://bench",
        }
    )
    with app.app_context(), app.test_request_context():
        upgrade()
        started = time.perf_counter()
        workshop_id = build(args.cards)
        print(f"built {args.cards} cards in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        workshop = db.session.get(Workshop, workshop_id)
        results = gather(workshop)
        columns = matrix.columns()
        rows = [[row[c.key] for c in columns] for row in matrix.rows(results)]
        header = [c.label for c in columns]
        bare = bare_baselines(rows, header)
        pairs = {
            "xlsx": "xlsx",
            "csv": "csv",
            "json": "json",
            "docx": "docx",
            "kipp": None,
            "html": None,
        }
        lines = []
        db.session.expire_all()
        read, _size = best_of(args.repeat, lambda: bytes(len(gather(workshop).sectors)))
        for fmt, baseline in pairs.items():
            db.session.expire_all()
            ours, size = best_of(args.repeat, lambda f=fmt: export(workshop, f).content)
            if baseline:
                base, _ = best_of(args.repeat, bare[baseline])
                ratio = f"{ours / base:.2f}"
                base_text = f"{base:.2f}"
            else:
                ratio, base_text = "-", "-"
            lines.append((fmt, ours, size, base_text, ratio))
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {args.cards} cards, {len(rows)} matrix rows, "
        f"best of {args.repeat}"
    )
    print("| format | Urai export (s) | size (KB) | bare library, same rows (s) | ratio |")
    print("|---|---|---|---|---|")
    for fmt, ours, size, base_text, ratio in lines:
        print(f"| {fmt} | {ours:.2f} | {size / 1024:,.0f} | {base_text} | {ratio} |")
    print(f"(reading the results from the database, included in every export above: {read:.2f} s)")
    print(
        json.dumps(
            {fmt: {"seconds": round(ours, 3), "ratio": ratio} for fmt, ours, _s, _b, ratio in lines}
        )
    )


if __name__ == "__main__":
    main()
