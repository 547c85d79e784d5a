"""The three-way merge of a section saved from an older version: changes in
different places merge, changes that touch the same words are refused."""

from __future__ import annotations

import pytest

from workshop.proposals.merge import three_way

BASE = "Antrean KTP-el lama. Warga menunggu tiga jam. Blanko sering habis di kecamatan."


@pytest.mark.parametrize(
    ("yours", "current", "merged"),
    [
        # Different sentences.
        (
            BASE.replace("lama", "sangat lama"),
            BASE.replace("di kecamatan", "di kecamatan Bontoa"),
            "Antrean KTP-el sangat lama. Warga menunggu tiga jam. "
            "Blanko sering habis di kecamatan Bontoa.",
        ),
        # One adds a sentence at the end, the other deletes one in the middle.
        (
            BASE + " Petugas hanya dua orang.",
            BASE.replace(" Warga menunggu tiga jam.", ""),
            "Antrean KTP-el lama. Blanko sering habis di kecamatan. Petugas hanya dua orang.",
        ),
        # Both made the same change.
        (
            BASE.replace("tiga", "empat"),
            BASE.replace("tiga", "empat"),
            BASE.replace("tiga", "empat"),
        ),
        # The saver changed nothing since the base: the current text stands.
        (BASE, BASE.replace("tiga", "empat"), BASE.replace("tiga", "empat")),
    ],
)
def test_changes_in_different_places_merge(yours, current, merged):
    assert three_way(BASE, yours, current) == merged


@pytest.mark.parametrize(
    ("yours", "current"),
    [
        (BASE.replace("tiga jam", "empat jam"), BASE.replace("tiga jam", "lima jam")),
        # One rewrites a sentence the other deleted.
        (
            BASE.replace("Blanko sering habis", "Blanko kadang habis"),
            BASE.replace(" Blanko sering habis di kecamatan.", ""),
        ),
        # Both insert at the same place.
        (BASE.replace("jam.", "jam. Kadang empat."), BASE.replace("jam.", "jam. Sering lima.")),
        # One emptied the section, the other wrote in it.
        ("", BASE + " Tambahan."),
    ],
)
def test_changes_to_the_same_words_are_refused(yours, current):
    assert three_way(BASE, yours, current) is None


def test_a_long_section_merges_edits_far_apart_after_the_text_shifted():
    words = [f"kata{i}" for i in range(800)]
    base = " ".join(words)
    yours = base.replace("kata700 ", "KATA700 ")
    current = "Pembuka yang panjang sekali. " * 20 + base.replace("kata3 ", "KATA3 ")
    merged = three_way(base, yours, current)
    assert merged is not None and "KATA700" in merged and "KATA3" in merged
