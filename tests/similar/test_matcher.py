"""The card-similarity engine (workshop/similar): text normalisation, similar
cards, visibility, merge suggestions, clusters, the synonyms file."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from workshop.similar import (
    DEFAULT_SYNONYMS_PATH,
    DUPLICATE_THRESHOLD,
    CardIndex,
    Matcher,
)

BOARD: dict[str, list[str]] = {
    "antrean-ktp": [
        "Antrean perekaman KTP-el di Disdukcapil sangat panjang, warga datang jam 6 pagi",
        "antri e-KTP berjam-jam",
        "Pelayanan KTP lambat, nomor antrian habis sebelum jam 10",
        "lama sekali menunggu giliran rekam ektp di capil",
    ],
    "pungli-ktp": [
        'Masih ada pungutan Rp50.000 utk "mempercepat" pencetakan KTP-el padahal gratis',
        "pungli e-ktp di kecamatan",
        "Oknum petugas minta uang rokok supaya KTP cepat jadi",
    ],
    "obat-kosong": [
        "Stok obat esensial di Puskesmas sering kosong, pasien disuruh beli di apotek luar",
        "obat di pkm sering habis",
        "Kekosongan obat hipertensi hampir tiap bulan di puskesmas",
    ],
    "sampah": [
        "Truk sampah hanya mengangkut dua kali seminggu, sampah menumpuk di TPS pasar",
        "sampah di tps numpuk berhari2 tdk diangkut",
        "Armada pengangkut sampah kurang, banyak TPS yang penuh",
    ],
    "guru": [
        "Kekurangan guru di SD wilayah pegunungan, satu guru mengajar dua kelas",
        "guru kurang di sekolah pulau",
    ],
}
SINGLES = [
    "Toilet di kantor camat kotor dan tidak ada air",
    "Website kabupaten tidak pernah diperbarui",
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()


@pytest.fixture
def board(matcher: Matcher) -> tuple[CardIndex[str], dict[str, str]]:
    """An index of the fixture cards, ids like "obat-kosong/1", and id -> group."""
    index: CardIndex[str] = matcher.index()
    group_of: dict[str, str] = {}
    for group, texts in BOARD.items():
        for n, text in enumerate(texts):
            card = f"{group}/{n}"
            index.add(card, text)
            group_of[card] = group
    for n, text in enumerate(SINGLES):
        card = f"single/{n}"
        index.add(card, text)
        group_of[card] = card
    return index, group_of


# -- text --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("e-KTP", "KTP elektronik"),
        ("KTP-el", "ektp"),
        ("ktp el", "E-KTP"),
        ("Disdukcapil", "dukcapil"),
        ("pungutan liar", "pungli"),
        ("antrean", "antri"),
        ("mengantre", "antrian"),
        ("Puskesmas", "PKM"),
        ("akte lahir", "akta kelahiran"),
        ("UMKM", "ukm"),
        ("pengurusan", "diurus"),
        ("calo", "makelar"),
        ("kartu keluarga", "KK"),
        ("puskemas", "puskesmas"),  # a typo of a synonym term
        ("queues", "antrean"),  # English through the synonyms file
    ],
)
def test_spellings_and_abbreviations_are_the_same_term(matcher: Matcher, a: str, b: str) -> None:
    assert matcher.terms(a) == matcher.terms(b)
    assert matcher.terms(a)
    assert matcher.similarity(a, b) == pytest.approx(1.0)


def test_stop_words_and_stems(matcher: Matcher) -> None:
    assert matcher.terms("yang dan di ke dengan untuk yg dgn utk tdk") == ()
    assert matcher.terms("the and of for") == ()
    assert matcher.terms("dilakukan merasa doesnt") == ()  # the libraries' lists, ours
    # Words the lists hold that a card needs ("lama": a long wait), and words
    # whose stem is in a list ("laku", "guna") are kept.
    assert matcher.terms("antri lama") == ("antre", "lambat")
    assert matcher.terms("perilaku petugas") == ("perilaku", "petugas")
    assert matcher.terms("pengguna aplikasi") == ("guna", "aplikasi")
    assert matcher.terms("berhari2") == matcher.terms("berhari-hari") == ("hari",)
    assert matcher.terms("Rp50.000") == ("rp",)
    assert "pilah" in matcher.terms("pemilahan sampah")


def test_related_phrasings_score_higher_than_unrelated(matcher: Matcher) -> None:
    same = matcher.similarity("antrean KTP-el lama", "antri e-KTP berjam-jam lama")
    other = matcher.similarity("antrean KTP-el lama", "obat di puskesmas sering habis")
    assert same > 0.3 > other
    english = matcher.similarity("Long queue for e-KTP", "long queues for the electronic ID card")
    assert english > 0.5


@pytest.mark.parametrize(
    "text", ["", "   ", "🙂🙂🙂", "👍🏽 🚀", "!!!???", "12 34 2-3", "a" * 500, "antri KTP " * 50]
)
def test_any_text_is_accepted(matcher: Matcher, text: str) -> None:
    assert len(text) <= 500
    index: CardIndex[int] = matcher.index()
    index.add(1, "antrean KTP-el lama")
    index.add(2, "antri e-KTP berjam-jam")
    index.add(3, text)
    index.similar(text)
    index.duplicates()
    index.clusters()
    assert 0.0 <= matcher.similarity(text, "antrean KTP") <= 1.0


def test_cards_without_words_are_never_suggested(matcher: Matcher) -> None:
    index: CardIndex[int] = matcher.index()
    index.add(1, "🙂🙂")
    index.add(2, "🙂🙂")
    index.add(3, "")
    assert index.similar("🙂🙂") == []
    assert index.duplicates(threshold=0.0) == []
    assert index.clusters(threshold=0.0) == []


# -- similar cards -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("antrian ktp elektronik lama sekali", "antrean-ktp"),
        ("harus bayar uang pelicin biar e-KTP cepat dicetak", "pungli-ktp"),
        ("obat sering kosong di puskesmas", "obat-kosong"),
        ("sampah menumpuk di TPS, truk jarang datang", "sampah"),
    ],
)
def test_top_three_are_the_same_problem(
    board: tuple[CardIndex[str], dict[str, str]], text: str, group: str
) -> None:
    index, group_of = board
    # The ranking alone: the relative cut (SIMILAR_RELATIVE) may drop a third
    # card far below the best; tests/similar/test_facets.py covers it.
    found = index.similar(text, k=3, relative=0.0)
    assert found, text
    assert [group_of[card] for card, _ in found] == [group] * len(found)
    assert len(found) == min(3, len(BOARD[group]))
    scores = [score for _, score in found]
    assert scores == sorted(scores, reverse=True)


def test_k_min_score_and_exclude(board: tuple[CardIndex[str], dict[str, str]]) -> None:
    index, _ = board
    assert index.similar("antri e-KTP berjam-jam", k=0) == []
    assert len(index.similar("antri e-KTP berjam-jam", k=1)) == 1
    assert index.similar("antri e-KTP berjam-jam", min_score=1.01) == []
    assert index.similar("antri e-KTP berjam-jam")[0][0] == "antrean-ktp/1"
    after = index.similar("antri e-KTP berjam-jam", exclude={"antrean-ktp/1"})
    assert "antrean-ktp/1" not in [card for card, _ in after]
    assert index.similar("website kabupaten")[0][0] == "single/1"


def test_among_limits_every_answer(board: tuple[CardIndex[str], dict[str, str]]) -> None:
    index, _ = board
    visible = {"antrean-ktp/0", "pungli-ktp/1", "obat-kosong/0", "not-on-the-board"}
    for text in ["antri e-KTP berjam-jam", "pungli ktp", "obat habis", "sampah"]:
        found = index.similar(text, k=3, among=visible, min_score=0.0)
        assert {card for card, _ in found} <= visible
    # The best match is hidden: the caller gets the next visible card or nothing.
    hidden_best = index.similar("antri e-KTP berjam-jam", among={"antrean-ktp/0"})
    assert [card for card, _ in hidden_best] == ["antrean-ktp/0"]
    assert index.similar("antri e-KTP berjam-jam", among=set()) == []
    assert index.similar("antri e-KTP berjam-jam", among={"obat-kosong/0"}) == []
    pairs = index.duplicates(among=visible)
    assert all(a in visible and b in visible for a, b, _ in pairs)
    for group in index.clusters(among=visible, threshold=0.0):
        assert set(group) <= visible


def test_remove(board: tuple[CardIndex[str], dict[str, str]]) -> None:
    index, _ = board
    before = len(index)
    assert index.similar("antri e-KTP berjam-jam")[0][0] == "antrean-ktp/1"
    assert index.remove("antrean-ktp/1") is True
    assert index.remove("antrean-ktp/1") is False
    assert len(index) == before - 1
    assert "antrean-ktp/1" not in index
    found = [card for card, _ in index.similar("antri e-KTP berjam-jam", min_score=0.0, k=50)]
    assert "antrean-ktp/1" not in found
    assert all("antrean-ktp/1" not in (a, b) for a, b, _ in index.duplicates(threshold=0.0))
    index.add("antrean-ktp/1", "antri e-KTP berjam-jam")
    assert index.similar("antri e-KTP berjam-jam")[0][0] == "antrean-ktp/1"


def test_edit_replaces_the_text(board: tuple[CardIndex[str], dict[str, str]]) -> None:
    index, _ = board
    index.update("guru/1", "obat hipertensi kosong di puskesmas")
    found = index.similar("obat kosong di puskesmas", k=4)
    assert "guru/1" in [card for card, _ in found]


def test_incremental_index_matches_a_fresh_one(matcher: Matcher) -> None:
    texts = [t for group in BOARD.values() for t in group] + SINGLES
    live: CardIndex[int] = matcher.index()
    for n, text in enumerate(texts):
        live.add(n, text)
        live.similar(text)  # a query after every add: the patched snapshot
    live.remove(3)
    live.add(3, texts[3])
    fresh: CardIndex[int] = matcher.index()
    fresh.add_many((n, text) for n, text in enumerate(texts) if n != 3)
    fresh.add(3, texts[3])
    assert live.duplicates() == fresh.duplicates()
    assert live.clusters() == fresh.clusters()
    query = "antri e-KTP berjam-jam di capil"
    assert live.similar(query) == fresh.similar(query)


# -- merge suggestions and clusters ------------------------------------------


def test_duplicates_are_same_problem_pairs(board: tuple[CardIndex[str], dict[str, str]]) -> None:
    index, group_of = board
    pairs = index.duplicates()
    assert pairs
    for a, b, score in pairs:
        assert group_of[a] == group_of[b], (a, b, score)
        assert 0.0 <= score <= 1.0
    found = {frozenset((a, b)) for a, b, _ in pairs}
    assert frozenset(("antrean-ktp/1", "antrean-ktp/3")) in found
    assert frozenset(("obat-kosong/0", "obat-kosong/1")) in found
    assert frozenset(("sampah/0", "sampah/1")) in found
    scores = [score for _, _, score in pairs]
    assert scores == sorted(scores, reverse=True)
    assert index.duplicates(threshold=1.01) == []


def test_duplicate_groups_and_clusters(board: tuple[CardIndex[str], dict[str, str]]) -> None:
    index, group_of = board
    merge = index.clusters(DUPLICATE_THRESHOLD)
    for group in merge:
        assert len({group_of[card] for card in group}) == 1, group
    as_sets = [set(g) for g in merge]
    assert {"sampah/0", "sampah/1", "sampah/2"} in as_sets
    assert {f"obat-kosong/{n}" for n in range(3)} in as_sets
    # Related groups are looser: the two KTP problems may share one, but
    # nothing joins cards about medicine, rubbish or teachers.
    topic = {"antrean-ktp": "ktp", "pungli-ktp": "ktp"}
    clusters = index.clusters()
    assert clusters
    assert [len(c) for c in clusters] == sorted((len(c) for c in clusters), reverse=True)
    for cluster in clusters:
        assert len({topic.get(group_of[c], group_of[c]) for c in cluster}) == 1, cluster
    assert all("single/0" not in c and "single/1" not in c for c in clusters)
    assert index.clusters(threshold=0.0, min_size=1)[0] == index.ids()
    assert index.clusters(threshold=1.01) == []


# -- the synonyms file ------------------------------------------------------


def test_an_extended_synonyms_file_changes_matching(tmp_path: Path) -> None:
    cards = {"a": "balai latihan kerja jauh dari desa", "b": "obat habis di puskesmas"}
    plain = Matcher()
    assert plain.terms("BLK") != plain.terms("balai latihan kerja")
    assert plain.similarity("BLK", "balai latihan kerja") == 0.0
    index: CardIndex[str] = plain.index()
    index.add_many(cards.items())
    assert index.similar("BLK") == []

    extra = tmp_path / "more.txt"
    extra.write_text("# workshop extras\nblk, balai latihan kerja, BLKK\n", encoding="utf-8")
    extended = Matcher([DEFAULT_SYNONYMS_PATH, extra])
    assert extended.terms("BLK") == extended.terms("balai latihan kerja") == ("blk",)
    assert extended.similarity("BLKK", "balai latihan kerja") == pytest.approx(1.0)
    assert extended.terms("e-KTP") == extended.terms("KTP elektronik")  # the defaults stay
    index = extended.index()
    index.add_many(cards.items())
    assert [card for card, _ in index.similar("BLK")] == ["a"]
    lines = Matcher(extra_synonyms=["blk, balai latihan kerja"])
    assert lines.terms("BLK") == lines.terms("balai latihan kerja")


def test_a_synonyms_file_without_the_defaults(tmp_path: Path) -> None:
    own = tmp_path / "own.txt"
    own.write_text("antre, queue\n", encoding="utf-8")
    matcher = Matcher(own)
    assert matcher.terms("queue") == matcher.terms("antre")
    assert matcher.terms("e-KTP") != matcher.terms("KTP elektronik")
    assert Matcher(None).terms("pkm") == ("pkm",)


def test_the_shipped_file_covers_the_sectors() -> None:
    lines = [
        line
        for line in DEFAULT_SYNONYMS_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(lines) >= 40
    text = " ".join(lines).lower()
    for term in [
        "ktp-el",
        "dukcapil",
        "pungli",
        "puskesmas",
        "antre",
        "calo",
        "kartu keluarga",
        "akte",
        "siak",
        "umkm",
        "nib",
        "oss",
        "tpa",
        "tps",
        "ppdb",
        "kelurahan",
    ]:
        assert term in text, term


def test_bad_weight_is_refused() -> None:
    with pytest.raises(ValueError):
        Matcher(word_weight=1.5)


# -- threads -------------------------------------------------------------------


def test_threads_can_share_an_index(matcher: Matcher) -> None:
    index: CardIndex[str] = matcher.index()
    texts = [t for group in BOARD.values() for t in group]
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for n, text in enumerate(texts):
                index.add(f"{worker}-{n}", text)
                index.similar(text, k=3)
                if n % 4 == 0:
                    index.remove(f"{worker}-{n}")
            index.duplicates()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(index) == 4 * sum(1 for n in range(len(texts)) if n % 4)
