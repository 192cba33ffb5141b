"""A report of one held Pilkada coordination meeting, versus everything else."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pilkada.extract import Extractor

REGIONS_CSV = """code,name,level,province_code,alt_names
35,Jawa Timur,province,35,
35.07,Kabupaten Malang,regency,35,
"""


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor.from_regions(pd.read_csv(io.StringIO(REGIONS_CSV), dtype=str))


@pytest.mark.parametrize("title,body", [
    ("Polres Malang Gelar Rakor Pilkada 2024",
     "Polres Malang menggelar rapat koordinasi pengamanan Pilkada 2024, Kamis (21/11/2024)."),
    ("Bupati Malang Ikuti Vidcon Pilkada",
     "Bupati Malang mengikuti video conference Kemendagri tentang Pilkada 2020, Jumat (2/10)."),
    ("Coffee Morning Forkopimda Bahas Pilkada",
     "Forkopimda menggelar coffee morning jelang Pilkada 2024, Senin (14/10/2024)."),
    ("Bupati Malang Hadiri Koordinasi Nasional Netralitas ASN",
     "Bupati Malang hadiri Koordinasi Nasional Kesiapan Kepala Daerah pada Pilkada Serentak "
     "2024, di Jakarta, Selasa (17/9/2024)."),
    ("Pernyataan Dirjen",
     "Hal itu disampaikan Dirjen dalam acara Rakor persiapan Pilkada Serentak 2018, Rabu (24/5)."),
    # a page that tells what the rakor of its headline discussed, never that it was held
    ("Rakor Pilkada 2018, Kemendagri Paparkan Potensi Konflik",
     "Direktur mengatakan, rakor bertujuan menguatkan koordinasi jelang Pilkada 2018. Rakor "
     "tersebut juga membahas dukungan anggaran."),
])
def test_meeting_reports(ex, title, body):
    assert ex.extract(f"{title}\n\n{body}").is_meeting


@pytest.mark.parametrize("title,body", [
    ("Polres Malang Gelar Apel Gelar Pasukan Pilkada 2024",
     "Polres Malang menggelar apel gelar pasukan Pilkada 2024. Kapolres hadir memimpin apel."),
    ("Pekan Depan, Pemkab Malang Gelar Rakor Pilkada",
     "Pemkab Malang berencana menggelar rapat koordinasi Pilkada 2024 pada Kamis (14/11) pekan "
     "depan. Rakor tersebut akan dilaksanakan di Pendopo."),
    ("TPID Gelar Rakor Pengendalian Inflasi",
     "TPID menggelar rapat koordinasi pengendalian inflasi, Selasa (10/12/2024). Usai Pilkada "
     "27 November lalu, fokus kembali ke harga."),
    ("Polda Gelar Rakor Pemilu 2024",
     "Polda menggelar rapat koordinasi lintas sektoral pengamanan Pemilu 2024, Kamis "
     "(21/9/2023)."),
    # the headline's rakor is, in the body, one still to come
    ("Rakor Pilkada 2024 Bahas Netralitas",
     "Ketua KPU mengatakan rakor bertujuan menyamakan persepsi. Rakor tersebut akan digelar "
     "pekan depan."),
    ("KPU dan Bawaslu Sepakat Gelar Rakor",
     "KPU bersepakat menggelar rapat koordinasi jelang Pilkada 2024. Waktunya belum ditentukan."),
    ("Sidang Paripurna", "DPRD menggelar rapat paripurna membahas APBD, Senin (3/8/2020)."),
    ("Harga Cabai Naik", "Harga cabai rawit naik menjelang akhir tahun."),
])
def test_not_meeting_reports(ex, title, body):
    assert not ex.extract(f"{title}\n\n{body}").is_meeting
