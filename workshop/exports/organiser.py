"""The organiser's file (issue 28): one zip with what a Bimtek's accountability
file (SPJ) takes from the workshop, each document as its own export builds it.

- the activity report (Word), whose annexes hold the signed attendance of each
  day, the speakers' questions and answers, the polls and word clouds, the
  pre-/post-test results and the evaluation recap;
- the action-plan matrix (Excel), with the tests' sheet;
- the KIPP proposal drafts (Word);
- the innovation profiles for the Indeks Inovasi Daerah (Excel);
- the signed attendance of each day (Daftar Hadir, Word), a document of its
  own that the office prints and files as it is.

Names inside the zip are numbered in that order and valid on Windows.
"""

from __future__ import annotations

import io
import zipfile

from flask_babel import gettext as _

from ..core.models import Workshop
from . import attendance_list, docx_report, iid, kipp, xlsx
from .data import gather

# A fixed time for every member, so that the same workshop gives the same bytes.
_STAMP = (2020, 1, 1, 0, 0, 0)


def build(workshop: Workshop, *, top: int = 3) -> bytes:
    """The zip's bytes: the five documents, numbered."""
    results = gather(workshop)
    members = [
        (_("01 Activity report") + ".docx", docx_report.build(results)),
        (_("02 Action plan matrix") + ".xlsx", xlsx.build(results)),
        (_("03 KIPP proposal drafts") + ".docx", kipp.build(results, top=top)),
        (_("04 Innovation profiles IID") + ".xlsx", iid.build(workshop)),
        (_("05 Attendance lists") + ".docx", attendance_list.build(workshop)),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            info = zipfile.ZipInfo(f"{workshop.code}/{name}", date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()
