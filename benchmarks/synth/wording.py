"""What speakers say: topics by speaker kind, quotes, paraphrases, agenda items, fillers."""

from __future__ import annotations

# Topics each kind of speaker talks about.
AFFINITY = {
    "Pemda": (
        "asn_neutrality",
        "coordination",
        "budget",
        "health_protocol",
        "security",
        "voter_participation",
        "logistics",
    ),
    "Polri": ("security", "hoax_black_campaign", "money_politics", "coordination"),
    "TNI": ("security", "coordination", "hoax_black_campaign"),
    "Kejaksaan": ("regulation", "money_politics"),
    "BIN": ("security", "hoax_black_campaign"),
    "KPU": (
        "logistics",
        "voter_participation",
        "regulation",
        "campaign_materials",
        "health_protocol",
    ),
    "Bawaslu": (
        "money_politics",
        "campaign_materials",
        "asn_neutrality",
        "regulation",
        "hoax_black_campaign",
    ),
    "DPRD": ("budget", "coordination"),
    "Tokoh Masyarakat": ("hoax_black_campaign", "coordination"),
    "Satgas Covid-19": ("health_protocol",),
    "Kemendagri": ("asn_neutrality", "budget", "coordination", "health_protocol", "regulation"),
    "Kemenko Polhukam": ("security", "coordination", "hoax_black_campaign"),
    "DKPP": ("regulation",),
    "Pengadilan": ("regulation",),
}

# Direct quotes (no institution named inside a quote) and indirect paraphrases, per topic.
QUOTES = {
    "asn_neutrality": (
        "ASN harus netral. Tidak boleh ada aparatur yang ikut berkampanye, baik secara langsung "
        "maupun lewat media sosial",
        "Saya ingatkan, ASN dilarang berpose dengan simbol pasangan calon, memberi like, atau "
        "membagikan konten kampanye. Sanksinya tegas",
        "Netralitas ASN itu harga mati. Kalau ada laporan, akan kami proses sesuai aturan",
        "Kepala desa dan perangkatnya juga wajib netral, jangan sampai terseret dukung-mendukung "
        "calon",
        "Aparatur harus memberi contoh. Jangan ada yang memfasilitasi kegiatan kampanye salah "
        "satu pasangan calon",
    ),
    "health_protocol": (
        "Protokol kesehatan harus diterapkan di setiap tahapan. Peserta kampanye wajib memakai "
        "masker dan menjaga jarak",
        "Kita tidak ingin pilkada justru memunculkan klaster baru Covid-19. Kerumunan massa "
        "harus dicegah",
        "Setiap TPS wajib menyediakan tempat cuci tangan, dan petugas wajib menjalani rapid test",
        "Kampanye tatap muka dibatasi maksimal 50 orang. Kalau lebih, akan dibubarkan",
    ),
    "security": (
        "Kami sudah memetakan titik-titik rawan dan menyiapkan personel gabungan. Patroli akan "
        "ditingkatkan selama tahapan berlangsung",
        "Situasi kamtibmas harus tetap kondusif. Potensi gesekan antarpendukung harus dideteksi "
        "sejak dini",
        "Sebanyak {k} personel gabungan disiagakan untuk mengamankan seluruh tahapan pemilihan",
        "TPS yang masuk kategori rawan akan mendapat pengamanan tambahan sampai rekapitulasi "
        "selesai",
    ),
    "hoax_black_campaign": (
        "Patroli siber terus dilakukan. Penyebar hoaks dan kampanye hitam akan ditindak tegas",
        "Masyarakat jangan mudah termakan berita bohong. Saring dulu sebelum sharing",
        "Isu SARA dan ujaran kebencian di media sosial sangat berbahaya bagi persatuan. Jangan "
        "dibiarkan",
    ),
    "voter_participation": (
        "Kami menargetkan partisipasi pemilih di atas {p} persen. Sosialisasi akan digencarkan "
        "sampai ke tingkat desa",
        "Pemilih pemula dan kaum milenial harus diajak datang ke TPS. Jangan sampai golput",
        "Kami butuh dukungan semua pihak agar warga datang ke TPS pada hari pemungutan suara",
    ),
    "logistics": (
        "Logistik harus sampai di TPS paling lambat H-1. Jalur distribusi cadangan juga harus "
        "disiapkan",
        "Pelipatan dan penyortiran surat suara ditargetkan selesai pekan depan, lalu "
        "didistribusikan ke {kec} kecamatan",
        "Gudang logistik wajib dijaga 24 jam sampai seluruh kotak suara terdistribusi",
    ),
    "campaign_materials": (
        "APK hanya boleh dipasang di lokasi yang telah ditetapkan. Di luar itu akan ditertibkan",
        "Alat peraga kampanye dilarang dipasang di sekolah, tempat ibadah, dan fasilitas "
        "pemerintah",
        "Baliho dan spanduk pasangan calon yang melanggar aturan akan segera diturunkan",
    ),
    "money_politics": (
        "Politik uang adalah musuh bersama. Pemberi dan penerima sama-sama bisa dipidana",
        "Menjelang masa tenang biasanya marak serangan fajar. Kami minta masyarakat berani melapor",
        "Kami juga memantau praktik perjudian yang menjadikan pasangan calon sebagai taruhan",
    ),
    "coordination": (
        "Pilkada yang aman hanya bisa terwujud kalau kita kompak. Sinergi antarinstansi harus "
        "terus diperkuat",
        "Saya minta Forkopimda rutin bertemu dan saling berbagi informasi sebagai langkah deteksi "
        "dini",
        "Tidak boleh ada ego sektoral. Semua instansi harus bergerak bersama",
    ),
    "regulation": (
        "Semua pihak wajib mematuhi PKPU dan Perbawaslu. Aturan main sudah jelas, tinggal "
        "dijalankan",
        "Pasangan calon dan tim kampanye harus memahami aturan agar tidak terjerat pelanggaran",
        "Setiap pelanggaran akan ditindak sesuai Undang-Undang Nomor 10 Tahun 2016",
    ),
    "budget": (
        "Dana hibah pilkada untuk penyelenggara dan pengamanan sudah dicairkan sesuai NPHD",
        "Anggaran tidak boleh menjadi alasan tahapan tersendat. Pemda sudah mengalokasikan "
        "Rp{x} miliar",
        "Penggunaan dana hibah harus dipertanggungjawabkan secara transparan dan akuntabel",
    ),
}
INDIRECT = {
    "asn_neutrality": (
        "meminta seluruh aparatur sipil negara (ASN) menjaga netralitas selama tahapan pilkada",
        "mengingatkan ASN agar tidak terlibat politik praktis, termasuk di media sosial",
    ),
    "health_protocol": (
        "meminta penyelenggara dan peserta pilkada disiplin menerapkan protokol kesehatan",
        "menekankan pencegahan penularan Covid-19 di setiap tahapan pemilihan",
    ),
    "security": (
        "memaparkan hasil pemetaan kerawanan dan rencana pengamanan di setiap tahapan",
        "meminta seluruh jajaran meningkatkan kewaspadaan terhadap potensi konflik",
    ),
    "hoax_black_campaign": (
        "mengajak semua pihak mewaspadai penyebaran hoaks, ujaran kebencian, dan isu SARA",
        "meminta masyarakat tidak ikut menyebarkan kampanye hitam di media sosial",
    ),
    "voter_participation": (
        "mengajak semua unsur membantu sosialisasi agar partisipasi pemilih meningkat",
        "berharap warga menggunakan hak pilihnya dan tidak golput",
    ),
    "logistics": (
        "menjelaskan kesiapan distribusi logistik pemilihan hingga ke TPS di wilayah terpencil",
        "memaparkan jadwal pengadaan dan pendistribusian surat suara",
    ),
    "campaign_materials": (
        "meminta penertiban alat peraga kampanye (APK) yang dipasang tidak sesuai ketentuan",
        "mengingatkan aturan pemasangan alat peraga kampanye",
    ),
    "money_politics": (
        "mengajak semua unsur mencegah praktik politik uang dan serangan fajar",
        "mengingatkan ancaman pidana bagi pelaku politik uang",
    ),
    "coordination": (
        "menekankan pentingnya sinergi dan koordinasi lintas sektor selama tahapan pemilihan",
        "meminta seluruh unsur memperkuat deteksi dini dan saling berbagi informasi",
    ),
    "regulation": (
        "meminta seluruh pihak memahami dan mematuhi regulasi tahapan pilkada",
        "menjelaskan aturan yang harus dipatuhi pasangan calon dan tim kampanye",
    ),
    "budget": (
        "melaporkan pencairan dana hibah pilkada sesuai naskah perjanjian hibah daerah",
        "menyampaikan kesiapan anggaran untuk seluruh tahapan pemilihan",
    ),
}
# Agenda items: "Rakor membahas ..." (a discussed topic counts, DESIGN.md).
AGENDA = {
    "security": "strategi pengamanan",
    "logistics": "kesiapan logistik pemilihan",
    "asn_neutrality": "netralitas ASN",
    "campaign_materials": "penertiban alat peraga kampanye",
    "money_politics": "pencegahan politik uang",
    "voter_participation": "upaya meningkatkan partisipasi pemilih",
    "health_protocol": "penerapan protokol kesehatan",
    "hoax_black_campaign": "penanganan hoaks di media sosial",
    "budget": "pencairan dana hibah pilkada",
    "coordination": "penguatan sinergi antarinstansi",
    "regulation": "pemahaman regulasi tahapan",
}
# Meeting themes: (words in the meeting's name, the topic the name itself states, if any).
THEMES = (
    ("kesiapan", None),
    ("kesiapan", None),
    ("persiapan", None),
    ("pengamanan", "security"),
    ("evaluasi tahapan", None),
    ("kesiapsiagaan", None),
    ("desk", None),
)
FGD_THEMES = (
    ("pencegahan politik uang", "money_politics"),
    ("netralitas ASN", "asn_neutrality"),
    ("pengawasan partisipatif", None),
    ("penanganan hoaks pilkada", "hoax_black_campaign"),
)
STAGES = ("Masa Kampanye", "Pemungutan Suara", "Masa Tenang", "Pilkada")
SAY = ("kata", "ujar", "ucap", "tutur")
SAY_SELF = ("tegasnya", "jelasnya", "katanya", "ujarnya", "pungkasnya", "imbuhnya")
INTRO = (
    "Sementara itu, ",
    "Di tempat yang sama, ",
    "Dalam kesempatan itu, ",
    "Senada, ",
    "Adapun ",
    "",
)

NEUTRAL_FILLERS = (
    "{Short} berlangsung sekitar {h} jam dan diakhiri dengan sesi tanya jawab antara peserta dan "
    "narasumber.",
    "Pilkada Serentak {Y} di {full} akan memilih {head} dan wakilnya untuk masa jabatan lima "
    "tahun ke depan. Tahapan pencalonan hingga penetapan hasil diatur dalam jadwal yang telah "
    "ditetapkan penyelenggara.",
    "Berdasarkan data penyelenggara, jumlah pemilih dalam daftar pemilih tetap (DPT) di {full} "
    "mencapai {dpt} orang yang tersebar di {tps} tempat pemungutan suara.",
    "{Short} tersebut merupakan tindak lanjut dari pertemuan sebelumnya yang digelar beberapa "
    "waktu lalu. Sejumlah catatan dari pertemuan itu kembali dibahas untuk memastikan tidak ada "
    "pekerjaan rumah yang tertinggal.",
    "Dalam sesi diskusi, sejumlah peserta menyampaikan kendala yang dihadapi di lapangan beserta "
    "usulan pemecahannya. Seluruh masukan akan dirangkum menjadi rekomendasi bersama.",
    "{Short} tersebut berlangsung dalam suasana akrab dan penuh kekeluargaan. Sejumlah wartawan "
    "dari media cetak, elektronik, dan daring turut meliput jalannya kegiatan.",
    "Selain pimpinan instansi, kegiatan juga diikuti jajaran staf teknis dari masing-masing "
    "lembaga yang nantinya akan menindaklanjuti hasil pertemuan di tingkat lapangan.",
    "Sesuai jadwal, pemungutan suara Pilkada Serentak {Y} digelar pada {eday}.",
    "Usai rapat, para peserta melanjutkan kegiatan dengan foto bersama di halaman gedung.",
    "Kegiatan tersebut merupakan agenda rutin yang digelar menjelang setiap tahapan penting "
    "pemilihan.",
    "Pilkada Serentak {Y} di {full} diikuti {k} pasangan calon yang telah ditetapkan.",
    "{Short} yang dimulai pukul {hh}.00 WIB itu berlangsung tertib hingga selesai.",
    "Para peserta tampak antusias mengikuti jalannya rapat dan menyampaikan sejumlah masukan.",
    "Hasil rapat akan dituangkan dalam rencana kerja yang dibahas kembali pada pertemuan "
    "berikutnya.",
)
BG_FILLERS = (
    "Sebelumnya, rapat serupa juga digelar di {other}.",
    "Pada pemilihan sebelumnya, tingkat partisipasi pemilih di daerah itu tercatat {p} persen.",
)
OFF_TITLES = (
    "Harga Cabai di Pasar {o} Mulai Turun",
    "Ribuan Warga Padati Festival Kuliner {o}",
    "Jalan Rusak di {o} Mulai Diperbaiki",
    "Petani {o} Panen Raya Padi",
    "Tim Sepak Bola {o} Lolos ke Final",
    "Dinkes {o} Gelar Vaksinasi Massal",
    "Banjir Rendam Ratusan Rumah di {o}",
    "UMKM {o} Ikuti Pameran Produk Unggulan",
)


HEADLINE = {
    "asn_neutrality": "Netralitas ASN",
    "health_protocol": "Protokol Kesehatan",
    "security": "Titik Rawan",
    "hoax_black_campaign": "Hoaks dan Kampanye Hitam",
    "voter_participation": "Partisipasi Pemilih",
    "logistics": "Distribusi Logistik",
    "campaign_materials": "Penertiban APK",
    "money_politics": "Politik Uang",
    "coordination": "Sinergi Antarinstansi",
    "regulation": "Kepatuhan Aturan",
    "budget": "Dana Hibah Pilkada",
}
