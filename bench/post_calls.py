"""What one post costs the server's Python, without sockets: calls and statements.

    python bench/post_calls.py [--posts N]

Runs the `card:post` socket handler itself (identity, flood check, the
workshop's read, the post, the commit, the broadcast's emit to no one, the
acknowledgement) N times in a loop against a fresh SQLite database, under
cProfile. Prints one JSON line: `calls_per_post` (Python function calls,
deterministic for a given build: the figure bench/RESULTS.md compares) and
`statements_per_post` (SQL statements sent to the database: BEGIN counts,
COMMIT does not), with the statements of one post. `--stats PATH` keeps the
profile, to compare two builds function by function.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import session  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event  # noqa: E402

from workshop import create_app  # noqa: E402
from workshop.boards.events import on_card_post  # noqa: E402
from workshop.core.access import PARTICIPANT, Identity  # noqa: E402
from workshop.extensions import db  # noqa: E402
from workshop.participants.services import join  # noqa: E402
from workshop.realtime.transport import bind_identity  # noqa: E402
from workshop.realtime.unit import unit_of_work  # noqa: E402
from workshop.workshops.services import create_workshop  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--stats", metavar="PATH", help="write the cProfile stats there")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="urai-post-calls-"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'urai.sqlite3'}",
            "TICK_SECONDS": 0,
            "SIMILAR_WORKER": False,
            "EVENT_BURST": 10**9,  # one phone posting in a loop is not a flood here
        }
    )
    with app.app_context():
        upgrade()
        with unit_of_work():
            workshop = create_workshop("Bench").workshop
            workshop.phase_id = next(p.id for p in workshop.phases if p.kind == "identify")
            sector = workshop.active_sectors[0]
            author = join(workshop, name="Andi", agency="Dinas", position=None, sector_id=sector.id)
            identity = Identity(workshop.id, PARTICIPANT, participant_id=author.id)
            sector_id = sector.id
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    def post(n: int) -> None:
        payload = {"client_id": f"bench-{n:06d}", "kind": "bottleneck", "sector_id": sector_id}
        reply = on_card_post({**payload, "text": f"Antrean panjang {n}"})
        assert reply["ok"], reply

    with app.test_request_context():
        bind_identity(session, identity)
        with app.app_context():
            engine = db.engine
        post(0)  # warm: statement caches, lazy imports
        event.listen(engine, "before_cursor_execute", record)
        profile = cProfile.Profile()
        profile.enable()
        for n in range(1, args.posts + 1):
            post(n)
        profile.disable()
        event.remove(engine, "before_cursor_execute", record)
    if args.stats:
        profile.dump_stats(args.stats)
    calls = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    print(
        json.dumps(
            {
                "posts": args.posts,
                "calls_per_post": round(calls / args.posts),
                "statements_per_post": len(statements) / args.posts,
                "statements_of_one_post": [" ".join(s.split())[:90] for s in statements[:8]],
            }
        )
    )


if __name__ == "__main__":
    main()
