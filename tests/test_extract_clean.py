"""Boilerplate lines are masked with spaces, so offsets never move."""

from __future__ import annotations

from pilkada.extract.clean import BoilerplateMasker

TEXT = """Judul Rakor

Isi pertama rakor.
Baca Juga: Kota Malang Gelar Festival
(Baca Juga : Pasar Malam Hadirkan 60 Pelapak)
BACA JUGA:Kuasa Hukum Datangi KPK
Isi kedua.

Berita Terkait
Bupati Sleman Tinjau Sekolah
Dinkes Sleman Tambah Lokasi Tes

Copyright © 2024 Contoh.example
All Rights Reserved
Komentar
Share
Isi ketiga yang panjang dan berakhir titik."""


def test_masking_keeps_length_and_lines():
    masked = BoilerplateMasker().mask(TEXT)
    assert len(masked) == len(TEXT)
    assert [len(x) for x in masked.split("\n")] == [len(x) for x in TEXT.split("\n")]


def test_boilerplate_is_blank_and_content_stays():
    masked = BoilerplateMasker().mask(TEXT)
    for gone in ("Baca Juga", "Pasar Malam", "KPK", "Berita Terkait", "Bupati Sleman",
                 "Dinkes", "Copyright", "Rights", "Komentar", "Share"):
        assert gone not in masked, gone
    for kept in ("Judul Rakor", "Isi pertama rakor.", "Isi kedua.", "Isi ketiga"):
        assert masked.index(kept) == TEXT.index(kept)


def test_a_content_line_after_a_link_list_is_kept():
    text = "Berita Terkait :Judul satu\nJudul dua tanpa titik\nNantinya KPU menggelar rakor."
    masked = BoilerplateMasker().mask(text)
    assert "Judul" not in masked and "Nantinya KPU menggelar rakor." in masked
