"""Near misses: apel, press statements, campaigns, future meetings, Pilkades, other rakor."""

from __future__ import annotations

import datetime as dt
import random

from benchmarks.synth.dates import (
    ALL_YEARS,
    CYCLE_WEIGHTS,
    CYCLES,
    ELECTION_DAY,
    WINDOW,
    d_short,
    date_phrase,
    day_in,
)
from benchmarks.synth.draws import pick, rand_int
from benchmarks.synth.names import WORDS, kecamatan_name, person_name
from benchmarks.synth.officials import local_officials
from benchmarks.synth.places import Gazetteer
from benchmarks.synth.wording import SAY


def near_miss_text(
    rng: random.Random, sub: str, gz: Gazetteer, outlet: str
) -> tuple[str, list[str], dt.date]:
    p = pick(rng, gz.locals)
    cycle = rng.choices(CYCLES, CYCLE_WEIGHTS)[0]
    lo, hi = WINDOW[cycle]
    d = day_in(rng, lo, hi)
    people = local_officials(rng, p, cycle, d)
    head, sekda, kapolres, dandim, _kajari, kpu, bawaslu, kesbang = people[:8]
    w = pick(rng, WORDS)
    dl = p.dateline or outlet.upper()
    when = date_phrase(rng, d, yearless_ok=d.year == cycle)
    y = cycle
    if sub == "apel":
        title = pick(
            rng,
            (
                f"Polres {p.short} Gelar Apel Gelar Pasukan Pengamanan Pilkada {y}",
                f"Ratusan Personel Ikuti Apel Kesiapan Pengamanan Pilkada {y} di {p.short}",
            ),
        )
        paras = [
            f"{dl} - Polres {p.short} menggelar apel gelar pasukan Operasi Mantap Praja dalam "
            f"rangka pengamanan Pilkada Serentak {y} di halaman Mapolres {p.short}, {when}. Apel "
            f"dipimpin {kapolres.full()} dan diikuti {rand_int(rng, 3, 9)}00 personel gabungan.",
            f"Turut hadir dalam apel tersebut {head.full()}, {dandim.full()}, serta {kpu.full()}.",
            f'"Apel ini untuk mengecek kesiapan personel dan sarana prasarana pengamanan. Seluruh '
            f'personel harus siap siaga," {pick(rng, SAY)} {kapolres.first}.',
            "Usai apel, dilakukan pemeriksaan kelengkapan personel dan kendaraan dinas yang akan "
            "digunakan selama pengamanan tahapan.",
            f"{kapolres.first} menambahkan, personel akan ditempatkan di titik-titik yang dinilai "
            "rawan dan di sekitar kantor penyelenggara.",
        ]
    elif sub == "press":
        n = rand_int(rng, 40, 600)
        title = pick(
            rng,
            (
                f"Bawaslu {p.short} Temukan {n} APK Langgar Aturan",
                f"Bawaslu {p.short} Ingatkan Paslon Soal Pemasangan APK",
            ),
        )
        paras = [
            f"{dl} - Badan Pengawas Pemilu (Bawaslu) {p.short} menemukan {n} alat peraga kampanye "
            "(APK) yang dipasang tidak sesuai ketentuan selama pekan pertama masa kampanye "
            f"Pilkada Serentak {y}.",
            f"Hal itu disampaikan {bawaslu.full()} kepada wartawan di kantornya, {when}.",
            f'"Sebagian besar dipasang di pohon, tiang listrik, dan fasilitas umum. Kami sudah '
            f'menyurati tim kampanye untuk menurunkannya sendiri," {pick(rng, SAY)} '
            f"{bawaslu.first}.",
            f"Menurut {bawaslu.first}, jika dalam waktu tiga hari APK tersebut belum diturunkan, "
            "pihaknya akan merekomendasikan penertiban.",
            "Ia juga meminta masyarakat ikut melapor jika menemukan pelanggaran kampanye di "
            "lingkungannya.",
        ]
    elif sub == "campaign":
        k = rand_int(rng, 1, 4)
        cand, cf = person_name(rng)
        kec = kecamatan_name(rng, gz)
        title = pick(
            rng,
            (
                f"Paslon Nomor Urut {k} Kampanye Dialogis di {kec}",
                f"Kampanye di {kec}, {cf} Janjikan Perbaikan Jalan Desa",
            ),
        )
        paras = [
            f"{dl} - Pasangan calon nomor urut {k} dalam Pilkada {p.full} {y}, {cand}, menggelar "
            f"kampanye dialogis di Balai Desa {kec}, {when}.",
            f"Di hadapan ratusan warga, {cf} memaparkan program unggulannya di bidang "
            "infrastruktur, pertanian, dan pelayanan kesehatan.",
            f'"Kalau kami diberi amanah, jalan desa yang rusak akan kami perbaiki dalam dua tahun '
            f'pertama," {pick(rng, SAY)} {cf}.',
            "Sejumlah warga menyampaikan keluhan soal harga pupuk dan air bersih yang masih sulit "
            "di musim kemarau.",
            "Kampanye berlangsung tertib dengan pengawasan dari panitia pengawas kecamatan.",
        ]
    elif sub == "future":
        fut = d + dt.timedelta(days=rand_int(rng, 4, 9))
        title = pick(
            rng,
            (
                f"Pekan Depan, {p.gov} Gelar Rakor Kesiapan Pilkada {y}",
                f"{p.gov} Akan Gelar Rakor Pengamanan Pilkada {y}",
            ),
        )
        paras = [
            f"{dl} - {p.gov} berencana menggelar rapat koordinasi kesiapan Pilkada Serentak {y} "
            f"pada {d_short(fut)} mendatang di Pendopo {p.full}.",
            f"Hal itu disampaikan {kesbang.full()} saat ditemui di kantornya, {when}. Menurut "
            f"{kesbang.first}, undangan sudah dikirimkan kepada seluruh peserta.",
            f'"Rencananya rakor akan dipimpin langsung oleh {p.head}. Kami mengundang Forkopimda, '
            f'penyelenggara, dan para camat," {pick(rng, SAY)} {kesbang.first}.',
            "Sejumlah hal akan dibahas dalam pertemuan tersebut, di antaranya kesiapan distribusi "
            "logistik, pengamanan TPS, dan antisipasi cuaca ekstrem.",
            f"{kesbang.first} berharap seluruh undangan dapat hadir secara langsung agar "
            "persoalan teknis bisa dituntaskan sebelum hari pemungutan suara.",
        ]
    elif sub == "pilkades":
        yy = pick(rng, (2016, 2017, 2019, 2021, 2022, 2023))
        d = day_in(rng, dt.date(yy, 2, 1), dt.date(yy, 11, 30))
        when = date_phrase(rng, d, yearless_ok=False)
        title = f"{p.gov} Gelar Rakor Persiapan Pilkades Serentak {yy}"
        paras = [
            f"{dl} - {p.gov} menggelar rapat koordinasi persiapan pemilihan kepala desa "
            f"(Pilkades) serentak {yy} di Ruang Rapat {w} Setda {p.short}, {when}.",
            f"Rakor dipimpin {sekda.full()} dan dihadiri para camat serta panitia pemilihan "
            "tingkat kabupaten.",
            f"Sebanyak {rand_int(rng, 20, 150)} desa akan menggelar pilkades serentak tahun ini. "
            f'"Panitia desa harus bekerja profesional dan netral," {pick(rng, SAY)} '
            f"{sekda.first}.",
            "Rakor juga membahas jadwal pendaftaran bakal calon kepala desa dan pengadaan kotak "
            "suara.",
            "Panitia kabupaten akan memantau langsung pelaksanaan pemungutan suara di setiap desa.",
        ]
    elif sub == "inflation":
        yy = pick(rng, (2021, 2022, 2023, 2024))
        d = day_in(rng, dt.date(yy, 1, 10), dt.date(yy, 12, 20))
        when = date_phrase(rng, d, yearless_ok=False)
        title = f"TPID {p.short} Gelar Rakor Pengendalian Inflasi"
        paras = [
            f"{dl} - Tim Pengendalian Inflasi Daerah (TPID) {p.full} menggelar rapat koordinasi "
            f"pengendalian inflasi di Ruang Rapat {w} Setda {p.short}, {when}.",
            f"Rakor dipimpin {sekda.full()} selaku ketua harian TPID.",
            f'"Usai tahapan pilkada, fokus kita kembali ke pengendalian harga. Jangan sampai '
            f'permintaan yang tinggi membuat harga tidak terkendali," {pick(rng, SAY)} '
            f"{sekda.first}.",
            "Komoditas yang perlu diwaspadai antara lain beras, cabai rawit, bawang merah, dan "
            "telur ayam ras.",
            "Rakor juga membahas rencana operasi pasar di sejumlah pasar tradisional.",
        ]
    elif sub == "stunting":
        d = day_in(rng, *ALL_YEARS)
        when = date_phrase(rng, d, yearless_ok=False)
        title = f"{p.gov} Gelar Rakor Percepatan Penurunan Stunting"
        paras = [
            f"{dl} - {p.gov} menggelar rapat koordinasi percepatan penurunan stunting di Ruang "
            f"Rapat {w} Setda {p.short}, {when}.",
            f"Rakor dipimpin {head.full()} dan diikuti kepala dinas serta para camat.",
            f'"Angka stunting harus turun. Semua perangkat daerah harus bergerak bersama," '
            f"{pick(rng, SAY)} {head.first}.",
            f"Prevalensi stunting di {p.full} saat ini tercatat {rand_int(rng, 12, 30)} persen.",
            "Rakor juga membahas pemberian makanan tambahan bagi balita di posyandu.",
        ]
    elif sub == "pemilu":
        yy = pick(rng, (2019, 2023, 2024))
        d = day_in(
            rng,
            dt.date(yy - 1, 10, 1) if yy == 2019 else dt.date(2023, 6, 1),
            dt.date(2019, 4, 16) if yy == 2019 else dt.date(2024, 2, 13),
        )
        when = date_phrase(rng, d, yearless_ok=False)
        py = 2019 if d <= dt.date(2019, 4, 17) else 2024
        title = f"Polres {p.short} Gelar Rakor Lintas Sektoral Pengamanan Pemilu {py}"
        paras = [
            f"{dl} - Polres {p.short} menggelar rapat koordinasi lintas sektoral pengamanan "
            f"Pemilu {py} di Aula Mapolres {p.short}, {when}.",
            f"Rakor dipimpin {kapolres.full()} dan dihadiri {dandim.full()}, {kpu.full()}, serta "
            f"{bawaslu.full()}.",
            f'"Pemilu legislatif dan pemilihan presiden harus berjalan aman dan damai," '
            f"{pick(rng, SAY)} {kapolres.first}.",
            "Rakor membahas pemetaan TPS rawan dan pengamanan distribusi logistik pemilu.",
            "Personel gabungan akan disiagakan hingga rekapitulasi suara tingkat kabupaten.",
        ]
    elif sub == "count":
        d = ELECTION_DAY[cycle] + dt.timedelta(days=rand_int(rng, 4, 10))
        when = date_phrase(rng, d, yearless_ok=d.year == cycle)
        title = f"KPU {p.short} Tetapkan Hasil Rekapitulasi Pilkada {y}"
        paras = [
            f"{dl} - KPU {p.short} menggelar rapat pleno terbuka rekapitulasi hasil penghitungan "
            f"suara Pilkada Serentak {y} di Aula Kantor KPU {p.short}, {when}.",
            f"Pleno dipimpin {kpu.full()} dan disaksikan saksi pasangan calon serta "
            f"{bawaslu.full()}.",
            f"Pasangan nomor urut {rand_int(rng, 1, 3)} meraih {rand_int(rng, 40, 70)} persen "
            "suara sah.",
            f'"Seluruh keberatan saksi sudah ditindaklanjuti di tingkat kecamatan," '
            f"{pick(rng, SAY)} {kpu.first}.",
            "Hasil rekapitulasi selanjutnya akan ditetapkan dalam keputusan KPU.",
        ]
    else:  # launch
        title = f"KPU {p.short} Luncurkan Maskot dan Jingle Pilkada {y}"
        paras = [
            f"{dl} - KPU {p.short} meluncurkan maskot dan jingle Pilkada Serentak {y} di alun-alun "
            f"{p.full}, {when}.",
            f"Peluncuran dihadiri {head.full()} dan ribuan warga yang memadati lokasi acara.",
            f'"Maskot ini diharapkan membuat masyarakat makin mengenal tahapan pilkada," '
            f"{pick(rng, SAY)} {kpu.first}.",
            "Acara dimeriahkan penampilan kesenian daerah dan pembagian doorprize.",
            "Jingle pilkada akan diputar di radio dan media sosial hingga hari pemungutan suara.",
        ]
    return title, paras, d
