"""What the similarity engine knows of the field (issue 26): abbreviations and
their long forms, chat spellings, related words learned from the shipped
corpus, stop words from the libraries' lists, and a facilitator's own files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from Sastrawi.StopWordRemover.StopWordRemoverFactory import (  # type: ignore[import-untyped]
    StopWordRemoverFactory,
)
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # type: ignore[import-untyped]

from workshop.similar import DEFAULT_SYNONYMS_PATH, CardIndex, Matcher
from workshop.similar.boards import BoardIndexes
from workshop.similar.related import DEFAULT_CORPUS_PATH, Topics, paragraphs
from workshop.similar.text import (
    SPELLINGS,
    SPELLINGS_PATH,
    STOP_WORDS,
    STOP_WORDS_PATH,
    raw_tokens,
    spellings,
    stop_words,
)
from workshop.similar.worker import child_args, matcher_of


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()


# -- abbreviations and their long forms -----------------------------------------


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("SKTM", "surat keterangan tidak mampu"),
        ("KUR", "kredit usaha rakyat"),
        ("NIB", "nomor induk berusaha"),
        ("UKL-UPL", "upaya pengelolaan lingkungan"),
        ("JKN", "BPJS Kesehatan"),
        ("RAT", "rapat anggota tahunan"),
        ("PPDB", "pendaftaran peserta didik baru"),
        ("SPPT", "tagihan PBB"),
        ("PIRT", "pangan industri rumah tangga"),
        ("akte", "akta"),
        ("ambulans", "ambulance"),
        ("BUMDes", "badan usaha milik desa"),
        ("Siskeudes", "sistem keuangan desa"),
        ("PBG", "persetujuan bangunan gedung"),
        ("IMB", "izin mendirikan bangunan"),
        ("AMDAL", "analisis mengenai dampak lingkungan"),
        ("IGD", "unit gawat darurat"),
        ("DBD", "demam berdarah"),
        ("PPPK", "P3K"),
        ("KIP", "Kartu Indonesia Pintar"),
        ("TPS3R", "depo sampah"),
        ("B3", "bahan berbahaya dan beracun"),
        ("KDMP", "koperasi desa merah putih"),
        ("IKD", "KTP digital"),
        ("health insurance", "BPJS"),
        ("illegal fees", "pungli"),
    ],
)
def test_an_abbreviation_is_its_long_form(matcher: Matcher, short: str, long: str) -> None:
    assert matcher.terms(short) == matcher.terms(long)


def test_the_shipped_file_has_a_few_hundred_entries_across_the_field() -> None:
    lines = [
        line
        for line in DEFAULT_SYNONYMS_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(lines) >= 300
    sections = [
        line
        for line in DEFAULT_SYNONYMS_PATH.read_text(encoding="utf-8").splitlines()
        if line.startswith("# ---")
    ]
    for topic in ["kependudukan", "Kesehatan", "Pendidikan", "Perizinan", "Koperasi", "Desa"]:
        assert any(topic in section for section in sections), topic
    assert any("Lingkungan" in section for section in sections)


def test_words_that_are_also_common_words_are_not_abbreviations(matcher: Matcher) -> None:
    """ "add", "situ", "kali" would join cards that share only an everyday word."""
    assert matcher.terms("add more staff") != matcher.terms("alokasi dana desa staff")
    assert "sungai" not in matcher.terms("sampah diangkut dua kali seminggu")
    assert matcher.terms("warga tidak mampu") == matcher.terms("warga miskin")


# -- chat spellings -----------------------------------------------------------


@pytest.mark.parametrize(
    ("chat", "standard"),
    [
        ("KTP gak jadi", "KTP tidak jadi"),
        ("ga aktif", "tidak aktif"),
        ("nggak aktif", "nonaktif"),
        ("koperasi tdk aktif", "koperasi tidak aktif"),
        ("blm ada dokter", "belum ada dokter"),
        ("aplikasi lemot", "aplikasi lambat"),
        ("bikin akte lahir", "buat akta kelahiran"),
        ("ngurus surat pindah", "urus surat pindah"),
        ("nunggu antrean", "menunggu antrean"),
        ("KK-nya hilang", "KK hilang"),
        ("ktpnya hilang", "KTP hilang"),
        ("dokternya tidak ada", "dokter tidak ada"),
        ("sinyalnya jelek", "sinyal jelek"),
    ],
)
def test_chat_spellings_read_as_the_standard_word(
    matcher: Matcher, chat: str, standard: str
) -> None:
    assert matcher.terms(chat) == matcher.terms(standard)


@pytest.mark.parametrize(
    ("regional", "standard"),
    [
        ("koperasi sonde aktif", "koperasi tidak aktif"),
        ("obat trada di puskesmas", "obat tidak ada di puskesmas"),
        ("KTP durung jadi, antri suwe", "KTP belum jadi, antre lama"),
    ],
)
def test_regional_forms_read_as_the_standard_word(
    matcher: Matcher, regional: str, standard: str
) -> None:
    assert matcher.terms(regional) == matcher.terms(standard)


def test_reduplication_written_with_a_2(matcher: Matcher) -> None:
    assert matcher.terms("e-KTP gak jadi2") == matcher.terms("e-KTP tidak jadi-jadi")
    assert matcher.terms("nunggu2 terus") == matcher.terms("menunggu-nunggu terus")


def test_chat_spellings_come_from_the_data_file() -> None:
    assert SPELLINGS["gak"] == ("tidak",)
    assert SPELLINGS["lemot"] == ("lambat",)
    assert SPELLINGS["yg"] == ("yang",)
    assert raw_tokens("yg gak dtg") == ["yang", "tidak", "datang"]
    text = SPELLINGS_PATH.read_text(encoding="utf-8")
    assert "tidak = ga gak" in text


def test_an_ambiguous_chat_spelling_is_left_alone() -> None:
    """ "smp" is a school (SMP) before it is "sampai"; "kk" is a family card."""
    assert "smp" not in SPELLINGS
    assert "kk" not in SPELLINGS
    assert "dr" not in SPELLINGS


def test_a_spellings_file_of_ones_own(tmp_path: Path) -> None:
    own = tmp_path / "spellings.txt"
    own.write_text(
        "# chat of one region\ntidak = ndak ora\nlambat = lelet\nlambat = lemot\n", "utf-8"
    )
    table = spellings(own)
    assert table == {
        "ndak": ("tidak",),
        "ora": ("tidak",),
        "lelet": ("lambat",),
        "lemot": ("lambat",),
    }


# -- stop words: the libraries' lists and the data file ---------------------------


def test_stop_words_are_the_libraries_lists_plus_the_data_file() -> None:
    sastrawi = set(StopWordRemoverFactory().get_stop_words())
    assert {"yang", "dengan", "untuk"} <= STOP_WORDS
    assert "the" in ENGLISH_STOP_WORDS and "the" in STOP_WORDS
    assert "nih" not in sastrawi and "nih" in STOP_WORDS  # a chat filler of the file
    # The data file takes out the words that tell problems apart.
    for word in ("lama", "jauh", "kurang", "tempat", "datang"):
        assert word in sastrawi and word not in STOP_WORDS, word


def test_a_stop_word_file_of_ones_own(tmp_path: Path) -> None:
    own = tmp_path / "stopwords.txt"
    own.write_text("# fillers\nanu nah\n-tidak -belum\n", "utf-8")
    words = stop_words(own)
    assert {"anu", "nah", "yang"} <= words
    assert "tidak" not in words and "belum" not in words
    assert "lama" in words  # the shipped exceptions are in the shipped file only
    assert "tidak" in stop_words(STOP_WORDS_PATH) or "tidak" not in stop_words(STOP_WORDS_PATH)


def test_a_matcher_with_other_stop_words(matcher: Matcher) -> None:
    keeping = Matcher(stop_words=STOP_WORDS - {"belum"})
    assert "belum" not in matcher.terms("dokter belum datang")
    assert "belum" in keeping.terms("dokter belum datang")


# -- related words learned from the corpus -----------------------------------------


def test_the_corpus_loads_as_paragraphs_of_cards() -> None:
    paras = paragraphs(DEFAULT_CORPUS_PATH.read_text(encoding="utf-8").splitlines())
    assert len(paras) >= 60
    assert all(len(p) >= 2 for p in paras)
    assert not any(line.startswith("#") for p in paras for line in p)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("dokter jarang ada di puskesmas", "dokternya belum datang juga"),
        ("server down lagi", "koneksi lemot terus"),
        ("warga dimintai uang supaya surat cepat selesai", "pungli di kelurahan"),
    ],
)
def test_other_words_for_one_problem_score_higher_with_the_corpus(a: str, b: str) -> None:
    with_corpus = Matcher()
    without = Matcher(corpus_path=None)
    assert with_corpus.similarity(a, b) > without.similarity(a, b) + 0.05


FILLER = [
    "Antrean KTP-el di Dukcapil panjang sejak subuh",
    "Obat di puskesmas sering kosong",
    "Sampah di TPS tidak diangkut berhari-hari",
    "Sekolah di pulau kekurangan guru",
    "Jalan ke puskesmas rusak saat musim hujan",
    "Warga tidak tahu syarat membuat akta kelahiran",
    "Pengajuan KUR ditolak bank karena tidak ada agunan",
    "Air sungai tercemar limbah pabrik tahu",
    "Ambulans desa tidak ada, pasien dibawa dengan motor",
    "Izin PIRT lama karena penyuluhan keamanan pangan jarang",
    "Calo berkeliaran di kantor Dukcapil",
    "Server SIAK sering down sehingga pelayanan berhenti",
    "Ruang kelas rusak dan atap bocor",
    "Data penerima bansos tidak tepat sasaran",
    "SPPT PBB tidak sampai ke warga",
    "Jadwal posyandu tidak diumumkan",
    "UMKM belum bisa jualan online",
    "Pengaduan warga tidak ditanggapi",
    "Legalisir ijazah harus datang ke dinas",
    "Banjir karena drainase tersumbat sampah",
]


HARD_NEGATIVES = {
    "bos-pungli": "Sekolah menarik pungutan dari orang tua padahal sudah ada dana BOS",
    "bos-telat": "Dana BOS cair terlambat sehingga sekolah berutang",
    "kop-mati": "Banyak koperasi tidak aktif, tinggal papan nama",
    "kop-data": "Data koperasi di dinas tidak mutakhir",
    "kel-absen": "Pegawai kantor kelurahan sering tidak di tempat",
    "kel-jam": "Jam buka kantor kelurahan tidak jelas",
}


@pytest.mark.parametrize(
    ("typed", "meant", "not_meant"),
    [
        ("sekolah minta sumbangan wajib ke orang tua murid", "bos-pungli", "bos-telat"),
        ("pencairan BOS molor, honor guru belum dibayar", "bos-telat", "bos-pungli"),
        ("koperasi gak jalan, RAT ga pernah diadakan", "kop-mati", "kop-data"),
        ("jumlah koperasi di data dinas beda dengan lapangan", "kop-data", "kop-mati"),
        ("lurah dan staf jarang ada di kantor", "kel-absen", "kel-jam"),
        ("kantor kelurahan buka jam berapa tidak ada yang tahu", "kel-jam", "kel-absen"),
    ],
)
def test_shared_words_for_different_problems_rank_below_the_same_problem(
    matcher: Matcher, typed: str, meant: str, not_meant: str
) -> None:
    """The hard negatives of issue 26 (the same service, another problem), on a
    board with other cards: a card typed about one of them finds that one
    first, not the one that merely shares its service words."""
    index: CardIndex[str] = matcher.index()
    index.add_many(HARD_NEGATIVES.items())
    index.add_many((f"other-{n}", text) for n, text in enumerate(FILLER))
    found = [card for card, _ in index.similar(typed, k=3, min_score=0.0)]
    assert found[0] == meant, found


def test_other_words_for_one_problem_are_suggested_while_typing(matcher: Matcher) -> None:
    index: CardIndex[str] = matcher.index()
    index.add_many((f"other-{n}", text) for n, text in enumerate(FILLER))
    index.add("dokter", "Dokter puskesmas jarang ada di tempat")
    index.add("pungli", "Ada pungli di loket kelurahan")
    index.add("jaringan", "Jaringan internet di kantor kecamatan sering putus")
    assert index.similar("dokternya blm datang", k=3)[0][0] == "dokter"
    assert index.similar("dimintai uang rokok biar cepat", k=3)[0][0] == "pungli"
    assert index.similar("koneksi lemot, upload gagal", k=3)[0][0] == "jaringan"


def test_a_corpus_of_ones_own(tmp_path: Path) -> None:
    own = tmp_path / "related.txt"
    own.write_text(
        "# one topic\nperahu nelayan rusak\nkapal ikan tidak bisa melaut\n\n"
        "sampah menumpuk\nsampah tidak diangkut\n",
        "utf-8",
    )
    matcher = Matcher(corpus_path=own)
    assert matcher.topics is not None and len(matcher.topics) == 2
    assert matcher.topics.of(matcher.terms("perahu rusak")).keys() == {"#topic0"}
    assert matcher.similarity("perahu rusak", "kapal tidak bisa melaut") > Matcher(
        corpus_path=None
    ).similarity("perahu rusak", "kapal tidak bisa melaut")
    assert Topics([], matcher.terms).of(("sampah",)) == {}


# -- a facilitator's own corpus, in the child process and inline ------------------

OWN_CORPUS = (
    "Galodo merusak rumah di hulu sungai\n"
    "Banjir bandang dari hulu menghanyutkan rumah warga\n"
    "Galodo datang tiap musim hujan, rumah di bantaran hanyut\n"
)
ROOM = {
    1: "Galodo merusak rumah di hulu sungai",
    2: "Sampah menumpuk di TPS pasar",
    3: "Obat di puskesmas sering kosong",
}


def test_the_child_reads_the_corpus_files_it_is_given(tmp_path: Path) -> None:
    own = tmp_path / "related.txt"
    own.write_text(OWN_CORPUS, "utf-8")
    shipped = matcher_of(child_args([DEFAULT_SYNONYMS_PATH], None))
    extended = matcher_of(child_args([DEFAULT_SYNONYMS_PATH], [DEFAULT_CORPUS_PATH, own]))
    absent = matcher_of(child_args([DEFAULT_SYNONYMS_PATH], [tmp_path / "none.txt"]))
    assert shipped.topics is not None and extended.topics is not None
    assert len(extended.topics) == len(shipped.topics) + 1
    assert absent.topics is None
    assert matcher_of([str(DEFAULT_SYNONYMS_PATH)]).topics is not None  # as before: shipped


@pytest.mark.parametrize("in_child", [True, False], ids=["child", "inline"])
def test_a_facilitators_own_corpus_brings_its_words_together(
    tmp_path: Path, in_child: bool
) -> None:
    """instance/related.txt: "banjir bandang" is "galodo" (Minang) once a
    paragraph of the facilitator's says so."""
    own = tmp_path / "related.txt"
    typed = "banjir bandang tiap musim hujan"
    found = []
    for corpus in ([DEFAULT_CORPUS_PATH], [DEFAULT_CORPUS_PATH, own]):
        own.write_text(OWN_CORPUS if len(corpus) > 1 else "", "utf-8")
        boards = BoardIndexes([DEFAULT_SYNONYMS_PATH], in_child=in_child, corpus=corpus)
        try:
            board = boards._new_board((1, 1, "bottleneck"))
            board.cards = {cid: (text, "visible", None) for cid, text in ROOM.items()}
            for cid, text in ROOM.items():
                board.index.update(cid, text)
            found.append([cid for cid, _ in board.index.similar(typed, k=3, min_score=0.05)])
        finally:
            boards.close()
    assert 1 not in found[0]
    assert found[1][0] == 1


def test_the_corpus_holds_every_group_of_the_tuning_set_and_no_evaluation_card() -> None:
    """bench/similar_corpus.py writes the tuning set's groups into related.txt, below
    the hand-written paragraphs; a card of the evaluation sets is never there (their
    figures would mean nothing)."""
    bench = Path(__file__).resolve().parents[2] / "bench"
    check = subprocess.run(
        [sys.executable, str(bench / "similar_corpus.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    corpus = {
        " ".join(line.split())
        for para in paragraphs(DEFAULT_CORPUS_PATH.read_text(encoding="utf-8").splitlines())
        for line in para
    }
    for name in ("similar_eval.jsonl", "similar_eval2.jsonl", "similar_eval3.jsonl"):
        lines = (bench / name).read_text(encoding="utf-8").splitlines()
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
        assert not {" ".join(t.split()) for t in texts if len(t) > 30} & corpus, name
