"""Kinds of problem (workshop/similar/facets.py, facets.txt): "the same problem"
is the same service AND the same kind of problem (issue 26's false merges on
shared words, and its same problems in other words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.similar import DEFAULT_SYNONYMS_PATH, CardIndex, Matcher
from workshop.similar.facets import DEFAULT_FACETS_PATH, Facets
from workshop.similar.worker import child_args, matcher_of


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sekolah minta sumbangan wajib padahal sudah ada dana BOS", "pungli"),
        ("pungli e-ktp", "pungli"),
        ("dimintai uang rokok biar cepat", "pungli"),
        ("Warga disuruh bayar 50rb buat surat domisili", "pungli"),
        ("Dana BOS terlambat cair", "dana"),
        ("bos blm cair, kepsek ngutang", "dana"),
        ("dokter tidak di tempat", "absen"),
        ("dokternya belum datang", "absen"),
        ("Dokter jarang ada", "absen"),
        ("The doctor is often absent during clinic hours", "absen"),
        ("server down", "sistem"),
        ("jaringan putus", "sistem"),
        ("koneksi lemot", "sistem"),
        ("Kantor kelurahan tutup jam 12", "jam_layanan"),
        ("Village office closes early", "jam_layanan"),
        ("antri di capil dari subuh", "antre"),
        ("Data koperasi tidak mutakhir", "data_salah"),
        ("Banyak koperasi tidak aktif", "nonaktif"),
        ("KIS ulun tiba-tiba kada aktif", "nonaktif"),  # Banjar "kada": tidak
        ("Stok obat di pustu kosong", "stok"),
        ("Prosedur akta kelahiran berbelit", "prosedur"),
        ("Kantor capil terlalu jauh", "jarak"),
    ],
)
def test_a_card_names_its_kind_of_problem(matcher: Matcher, text: str, kind: str) -> None:
    assert matcher.facets is not None
    assert kind in matcher.facets.of(text), matcher.facets.why(text)


def test_the_service_alone_names_no_kind(matcher: Matcher) -> None:
    assert matcher.facets is not None
    for text in ["Dana BOS", "kantor kelurahan", "KTP-el", "puskesmas pembantu"]:
        assert matcher.facets.of(text) == []


def test_an_affixed_form_matches_only_as_written(matcher: Matcher) -> None:
    """ "dibayar" in honor's ways must not take every "bayar": a phrase written
    as roots matches every form, a written form only itself."""
    assert matcher.facets is not None
    assert "honor" not in matcher.facets.of("kalau tidak bayar disuruh tunggu")
    assert "honor" in matcher.facets.of("honor guru belum dibayar")
    assert "antre" in matcher.facets.of("menunggu berjam-jam")  # root "tunggu" + jam


def _kinds(up: float, down: float, facets: bool = True) -> Matcher:
    if not facets:
        return Matcher(facets_path=None)
    return Matcher(facet_up=up, facet_down=down)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sekolah memungut sumbangan wajib, padahal sudah ada dana BOS", "Dana BOS terlambat cair"),
        ("Pegawai kantor kelurahan sering tidak ada di tempat", "Kantor kelurahan tutup jam 12"),
        ("Banyak koperasi tidak aktif", "Data koperasi di dinas tidak mutakhir"),
    ],
)
def test_one_service_two_kinds_is_pulled_apart(a: str, b: str) -> None:
    """The issue's false merges: the same service, different kinds of problem."""
    plain, kinds = _kinds(0, 0, facets=False), _kinds(0.3, 0.3)
    assert kinds.similarity(a, b) < plain.similarity(a, b)
    assert kinds.similarity(a, b) == pytest.approx(0.7 * plain.similarity(a, b), abs=1e-6)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("dokter tidak di tempat", "dokternya belum datang"),
        ("Ada pungli di loket kelurahan", "Warga dimintai uang rokok di kelurahan"),
        ("server SIAK down", "jaringan SIAK putus terus"),
    ],
)
def test_one_service_one_kind_in_other_words_is_pulled_up(a: str, b: str) -> None:
    plain, kinds = _kinds(0, 0, facets=False), _kinds(0.3, 0.3)
    assert kinds.similarity(a, b) > plain.similarity(a, b)


def test_the_correction_multiplies_the_score() -> None:
    """A shared kind alone is no service: the score of the words is scaled, so
    two cards that share nothing else stay where their words put them."""
    plain, kinds = _kinds(0, 0, facets=False), _kinds(0.3, 0.3)
    for a, b in [("antre KTP", "puskesmas berjam-jam"), ("pungli e-KTP", "uang pelicin")]:
        assert kinds.similarity(a, b) == pytest.approx(1.3 * plain.similarity(a, b), abs=1e-6)


def test_the_library_ranks_the_same_kind_first(matcher: Matcher) -> None:
    """On a board, at the library's weights: the card of the same service and
    kind comes before the one of the same service and another kind."""
    index: CardIndex[str] = matcher.index()
    index.add("bos-pungli", "Komite sekolah memungut sumbangan wajib walau ada dana BOS")
    index.add("bos-telat", "Dana BOS tahap satu terlambat cair, sekolah berutang")
    index.add("kel-absen", "Pegawai kelurahan sering tidak ada di kantor")
    index.add("kel-jam", "Kantor kelurahan tutup sebelum jam 12")
    index.add("other", "Sampah menumpuk di TPS pasar")
    assert index.similar("pencairan dana BOS molor", k=2, min_score=0)[0][0] == "bos-telat"
    assert index.similar("dana BOS tapi ortu ditarik uang komite", k=2, min_score=0)[0][0] == (
        "bos-pungli"
    )
    assert index.similar("staf kelurahan jarang masuk", k=2, min_score=0)[0][0] == "kel-absen"
    assert index.similar("kelurahan cuma buka sampai jam 11", k=2, min_score=0)[0][0] == ("kel-jam")


OWN_FACETS = """\
# a facilitator's own ways of naming kinds of problem
pungli: uang map
banjir_bandang: galodo, banjir bandang
"""


def test_a_facilitators_own_facets_file(tmp_path: Path, matcher: Matcher) -> None:
    """instance/facets.txt: a new kind, and more ways for a shipped one."""
    own = tmp_path / "facets.txt"
    own.write_text(OWN_FACETS, "utf-8")
    extended = Matcher(facets_path=[DEFAULT_FACETS_PATH, own])
    assert extended.facets is not None and matcher.facets is not None
    assert extended.facets.kinds == [*matcher.facets.kinds, "banjir_bandang"]
    assert "pungli" not in matcher.facets.of("ada uang map di kelurahan")
    assert "pungli" in extended.facets.of("ada uang map di kelurahan")
    assert extended.facets.of("galodo datang lagi") == ["banjir_bandang"]


def test_the_child_reads_the_facets_files_it_is_given(tmp_path: Path) -> None:
    own = tmp_path / "facets.txt"
    own.write_text(OWN_FACETS, "utf-8")
    shipped = matcher_of(child_args([DEFAULT_SYNONYMS_PATH], None))
    extended = matcher_of(child_args([DEFAULT_SYNONYMS_PATH], None, [DEFAULT_FACETS_PATH, own]))
    absent = matcher_of(child_args([DEFAULT_SYNONYMS_PATH], None, [tmp_path / "none.txt"]))
    assert shipped.facets is not None and extended.facets is not None
    assert "banjir_bandang" in extended.facets.kinds
    assert "banjir_bandang" not in shipped.facets.kinds
    assert absent.facets is None


def test_too_many_kinds_are_refused(matcher: Matcher) -> None:
    lines = [f"kind{n}: word{n}" for n in range(65)]
    with pytest.raises(ValueError, match="at most 64"):
        Facets(lines, matcher.analyzer)


def test_a_stretched_chat_word_is_the_word(matcher: Matcher) -> None:
    assert matcher.terms("antriannya lamaaa bangettt") == matcher.terms("antriannya lama banget")


def test_typing_time_suggestions_drop_cards_far_below_the_best(matcher: Matcher) -> None:
    index: CardIndex[str] = matcher.index()
    index.add("queue", "Antrean KTP-el di Disdukcapil panjang sekali")
    index.add("queue-2", "antri e-KTP berjam-jam di capil")
    index.add("fee", "Pungli pencetakan KTP-el di kecamatan")
    index.add("other", "Sampah menumpuk di TPS pasar")
    typed = "antre ktp el lama di capil"
    everything = index.similar(typed, k=3, min_score=0.0, relative=0.0)
    cut = index.similar(typed, k=3, min_score=0.0, relative=0.8)
    best = everything[0][1]
    assert cut == [(c, s) for c, s in everything if s >= 0.8 * best]
    assert len(cut) < len(everything)
