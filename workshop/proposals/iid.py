"""A proposal's profile for the Indeks Inovasi Daerah (IID, Kemendagri/BSKDN; PP
38/2017, Permendagri 104/2018): the fields a regency reports for each of its
innovations, named as the IID form names them, in its order.

What people saved is kept on the proposal (`Proposal.iid`); every field nobody
has saved yet is shown pre-filled from what the workshop knows: the name, the
OPD, the government affair (urusan) of the sector, the problem and its root
causes for the design, the action plan's date. The profile's Excel workbook is
workshop/exports/iid.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _

from ..core.errors import invalid
from ..core.models import Workshop
from ..core.timeutil import format_date_id
from ..core.validation import clean_text
from ..realtime.policy import PUBLIC_VIEW
from .facts import Facts, facts_of, plan_labels
from .models import SECTION_MAX, TITLE_MAX, Proposal

TEXT, LONG, CHOICE, DATE = "text", "long", "choice", "date"
DESIGN_WORDS = 300  # the IID form asks at least this many words of rancang bangun


@dataclass(frozen=True)
class Field:
    key: str
    name: str  # as the IID form names it: the workbook's header and the page's label
    kind: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, the form's wording)
    min_words: int | None = None

    @property
    def max_length(self) -> int:
        return SECTION_MAX if self.kind == LONG else TITLE_MAX

    def label_of(self, value: str) -> str:
        return dict(self.choices).get(value, value)


FIELDS: tuple[Field, ...] = (
    Field("nama", "Nama Inovasi Daerah", TEXT),
    Field("opd", "Perangkat Daerah", TEXT),
    Field(
        "tahapan",
        "Tahapan Inovasi",
        CHOICE,
        (("inisiatif", "Inisiatif"), ("uji_coba", "Uji Coba"), ("penerapan", "Penerapan")),
    ),
    Field(
        "inisiator",
        "Inisiator Inovasi Daerah",
        CHOICE,
        (
            ("kepala_daerah", "Kepala Daerah"),
            ("anggota_dprd", "Anggota DPRD"),
            ("opd", "OPD"),
            ("asn", "ASN"),
            ("masyarakat", "Masyarakat"),
        ),
    ),
    Field(
        "jenis", "Jenis Inovasi", CHOICE, (("digital", "Digital"), ("non_digital", "Non Digital"))
    ),
    Field(
        "bentuk",
        "Bentuk Inovasi Daerah",
        CHOICE,
        (
            ("tata_kelola", "Inovasi Tata Kelola Pemerintahan Daerah"),
            ("pelayanan_publik", "Inovasi Pelayanan Publik"),
            ("lainnya", "Inovasi Daerah Lainnya sesuai Urusan Pemerintahan"),
        ),
    ),
    Field("urusan", "Urusan Pemerintahan", TEXT),
    Field("uji_coba", "Waktu Uji Coba Inovasi Daerah", DATE),
    Field("penerapan", "Waktu Penerapan Inovasi Daerah", DATE),
    Field(
        "rancang_bangun",
        "Rancang Bangun Inovasi Daerah dan Pokok Perubahan yang Dilakukan",
        LONG,
        min_words=DESIGN_WORDS,
    ),
    Field("tujuan", "Tujuan Inovasi Daerah", LONG),
    Field("manfaat", "Manfaat yang Diperoleh", LONG),
    Field("hasil", "Hasil Inovasi", LONG),
    Field("bukti", "Bukti Dukung", LONG),
)
BY_KEY = {f.key: f for f in FIELDS}

# The government affair (UU 23/2014) of a default sector board; another board's
# name is taken as it is, for the group to correct.
URUSAN = {
    "pendidikan": "Pendidikan",
    "kesehatan": "Kesehatan",
    "lingkungan": "Lingkungan Hidup",
    "adminduk": "Administrasi Kependudukan dan Pencatatan Sipil",
    "koperasi": "Koperasi, Usaha Kecil, dan Menengah",
}


def fields_config() -> list[dict[str, Any]]:
    """The fields as the page is told them."""
    return [
        {
            "key": f.key,
            "name": f.name,
            "kind": f.kind,
            "choices": [{"value": v, "label": label} for v, label in f.choices],
            "min_words": f.min_words,
            "max_length": f.max_length,
        }
        for f in FIELDS
    ]


def profile_of(workshop: Workshop, proposal: Proposal) -> dict[str, str]:
    """Every field: as saved, else pre-filled from what the whole room may see."""
    return {**suggested(workshop, proposal), **(proposal.iid or {})}


def suggested(workshop: Workshop, proposal: Proposal) -> dict[str, str]:
    with force_locale(workshop.language):
        facts = facts_of(workshop, proposal, PUBLIC_VIEW)
        sector = workshop.sector(proposal.sector_id)
        urusan = URUSAN.get(sector.key or "", sector.name) if sector else ""
        evidence = _(
            'Activity report of the workshop "%(title)s"%(date)s',
            title=workshop.title,
            date=f", {format_date_id(workshop.date)}" if workshop.date else "",
        )
        values = {
            "nama": proposal.title,
            "opd": facts.plan.get("agency") or facts.agency or "",
            "tahapan": "inisiatif",
            "bentuk": "pelayanan_publik",
            "urusan": urusan,
            "penerapan": facts.plan.get("deadline") or "",
            "rancang_bangun": _design(facts),
            "tujuan": facts.plan.get("indicator") or "",
            "bukti": evidence,
        }
    return {f.key: values.get(f.key, "") for f in FIELDS}


def _design(f: Facts) -> str:
    """The design's first lines: the problem, its root causes, the idea, its steps."""
    parts = []
    if f.bottleneck:
        parts.append(_("Problem: %(text)s", text=f.bottleneck))
    if f.root_causes:
        parts.append(_("Root causes: %(causes)s", causes="; ".join(f.root_causes)))
    parts.append(_("The innovation: %(text)s", text=f.solution))
    if f.plan.get("steps"):
        parts.append(f"{plan_labels()['steps']}:\n{f.plan['steps']}")
    return "\n".join(parts)


def clean(profile: object) -> dict[str, str]:
    """The fields of a save {key: value}, checked; "" empties a field."""
    if not isinstance(profile, dict) or not profile:
        raise invalid(_("Invalid value."), profile=_("Required."))
    changes = {}
    for key, value in profile.items():
        field = BY_KEY.get(key) if isinstance(key, str) else None
        if field is None:
            raise invalid(_("Invalid value."), profile=_("Invalid."))
        changes[field.key] = _value(field, value)
    return changes


def _value(field: Field, value: object) -> str:
    if field.kind == CHOICE:
        if value not in ("", *dict(field.choices)):
            raise invalid(_("Invalid value."), **{field.key: _("Invalid.")})
        return str(value)
    if field.kind == DATE:
        if value == "":
            return ""
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise invalid(_("Invalid value."), **{field.key: _("Invalid.")}) from None
    text = clean_text(
        value, field.key, max_length=field.max_length, required=False, multiline=field.kind == LONG
    )
    return text or ""
