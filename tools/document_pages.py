"""Regenerate the README's pictures of the filed documents, as LibreOffice prints
the demo workshop: one page of the Word report and one of the Excel matrix.

    make screenshots      (or: .venv/bin/python tools/document_pages.py)

Builds the demo workshop (dated 8 December 2026, in WITA) in a fresh database,
exports the report and the workbook, prints both to PDF with LibreOffice
(`soffice`) and renders a page of each with `pdftoppm` (poppler-utils) at
100 dpi into docs/: the report's page with the last fishbone and the signature,
and the first page of the matrix's analysis sheet.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from workshop import create_app  # noqa: E402

OUT = ROOT / "docs"
DAY = dt.date(2026, 12, 8)
# Which page of each printed document to show: the first holding this text.
PAGES = {
    "report-page": ("laporan.docx", "Demikian laporan"),
    "matrix-page": ("matriks.xlsx", "Matriks (1) Analisis"),
}


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="urai-pages-"))
    os.environ["WORKSHOP_INSTANCE_PATH"] = str(folder / "instance")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.sqlite3'}"})
    with app.app_context():
        from workshop.demo.loader import create_demo
        from workshop.exports.services import export
        from workshop.realtime.unit import unit_of_work

        upgrade()
        with unit_of_work():
            workshop = create_demo(DAY).workshop
            workshop.time_zone = "Asia/Makassar"
        (folder / "laporan.docx").write_bytes(export(workshop, "docx").content)
        (folder / "matriks.xlsx").write_bytes(export(workshop, "xlsx").content)
    printed = folder / "pdf"
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(printed),
            str(folder / "laporan.docx"),
            str(folder / "matriks.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for name, (source, marker) in PAGES.items():
        pdf = printed / f"{Path(source).stem}.pdf"
        pages = [page.extract_text() for page in PdfReader(pdf).pages]
        number = next(i for i, text in enumerate(pages, start=1) if marker in text)
        target = OUT / name
        pick = ["-f", str(number), "-l", str(number)]
        subprocess.run(
            ["pdftoppm", "-png", "-r", "100", "-singlefile", *pick, str(pdf), str(target)],
            check=True,
        )
        print(f"{target}.png (page {number} of {len(pages)})")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
