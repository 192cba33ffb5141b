"""Off-topic news, and the rendering of near misses and off-topic articles with gold."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from benchmarks.synth.article import Article, baca_juga, footer, pad
from benchmarks.synth.dates import ALL_YEARS, date_phrase, day_in, pub_header
from benchmarks.synth.draws import pick, rand_int, word_list
from benchmarks.synth.names import kecamatan_name, person_name
from benchmarks.synth.near_misses import near_miss_text
from benchmarks.synth.places import Gazetteer


def _off_topic(
    rng: random.Random, sub: str, gz: Gazetteer, outlet: str
) -> tuple[str, list[str], dt.date]:
    p = pick(rng, gz.locals)
    d = day_in(rng, *ALL_YEARS)
    when = date_phrase(rng, d, yearless_ok=False)
    dl = p.dateline or outlet.upper()
    a, af = person_name(rng)
    b, bf = person_name(rng)
    kec = kecamatan_name(rng, gz)
    n = rand_int(rng, 3, 900)
    if sub == "sport":
        title = f"{kec} Juara Turnamen Sepak Bola Antarkecamatan {p.short}"
        paras = [
            f"{dl} - Tim sepak bola {kec} keluar sebagai juara turnamen antarkecamatan {p.full} "
            f"setelah menang adu penalti pada laga final, {when}.",
            "Laga final disaksikan ribuan penonton yang memadati pinggir lapangan sejak sore.",
            f"Gol penyeimbang dicetak {a} pada menit ke-{rand_int(rng, 50, 88)} lewat tendangan "
            "bebas.",
            f'"Anak-anak bermain dengan hati. Gelar ini untuk seluruh warga," kata pelatih {b}.',
            "Panitia berencana menggelar turnamen serupa tahun depan dengan peserta lebih banyak.",
        ]
    elif sub == "farm":
        title = f"Petani {kec} Panen Raya, Harga Gabah Stabil"
        paras = [
            f"{dl} - Petani di {kec}, {p.full}, memulai panen raya padi, {when}. Luas lahan yang "
            f"dipanen mencapai {n} hektare.",
            f"Ketua kelompok tani {a} mengatakan hasil panen tahun ini lebih baik karena pasokan "
            "air cukup.",
            f'"Produktivitas naik sekitar satu ton per hektare dibanding musim lalu," ujar {af}.',
            "Harga gabah kering panen di tingkat petani relatif stabil.",
            "Dinas pertanian setempat menyiapkan alat mesin pertanian untuk mempercepat panen.",
        ]
    elif sub == "road":
        title = f"Perbaikan Jalan di {kec} Ditargetkan Rampung Akhir Bulan"
        paras = [
            f"{dl} - Perbaikan ruas jalan sepanjang {n} meter di {kec}, {p.full}, mulai "
            f"dikerjakan, {when}.",
            "Jalan tersebut rusak parah akibat dilintasi kendaraan bermuatan berat.",
            f'"Kami targetkan pekerjaan selesai akhir bulan ini," kata kepala bidang bina marga '
            f"{a}.",
            "Warga berharap perbaikan dilakukan dengan kualitas yang baik agar tidak cepat rusak.",
            "Selama pengerjaan, arus lalu lintas diberlakukan sistem buka tutup.",
        ]
    elif sub == "health":
        title = f"Ratusan Balita di {kec} Ikuti Imunisasi Serentak"
        paras = [
            f"{dl} - Sebanyak {n} balita di {kec}, {p.full}, mengikuti imunisasi serentak di "
            f"posyandu, {when}.",
            f"Kepala puskesmas setempat {a} mengatakan cakupan imunisasi terus meningkat.",
            f'"Orang tua tidak perlu khawatir, vaksin yang diberikan aman," ujar {af}.',
            "Petugas juga melakukan penimbangan dan pengukuran tinggi badan balita.",
            "Kegiatan serupa akan digelar di seluruh desa hingga akhir bulan.",
        ]
    elif sub == "disaster":
        title = f"Banjir Rendam {n} Rumah di {kec}"
        paras = [
            f"{dl} - Banjir merendam {n} rumah warga di {kec}, {p.full}, setelah hujan deras "
            f"mengguyur sejak dini hari, {when}.",
            f"Kepala pelaksana BPBD setempat {a} mengatakan ketinggian air mencapai satu meter.",
            f'"Tidak ada korban jiwa. Warga sudah kami evakuasi ke tempat yang lebih aman," '
            f"ujar {af}.",
            "Petugas gabungan mendirikan dapur umum untuk memenuhi kebutuhan warga terdampak.",
            "Warga diimbau tetap waspada karena curah hujan diperkirakan masih tinggi.",
        ]
    elif sub == "tourism":
        title = f"Festival Budaya {kec} Tarik Ribuan Wisatawan"
        paras = [
            f"{dl} - Festival budaya tahunan di {kec}, {p.full}, menarik ribuan wisatawan, {when}.",
            "Festival menampilkan kirab budaya, pertunjukan tari, dan bazar kuliner khas daerah.",
            f'"Kami ingin festival ini menjadi agenda wisata unggulan," kata ketua panitia {a}.',
            "Pelaku usaha kecil mengaku omzet meningkat selama festival berlangsung.",
            "Panitia menyiapkan kantong parkir tambahan untuk mengurai kepadatan kendaraan.",
        ]
    elif sub == "school":
        title = (
            f"Pendaftaran Sekolah di {p.short} Dibuka, Kuota Zonasi {rand_int(rng, 50, 70)} Persen"
        )
        paras = [
            f"{dl} - Dinas pendidikan {p.full} membuka pendaftaran peserta didik baru, {when}.",
            f"Kepala dinas pendidikan {a} mengatakan pendaftaran dilakukan secara daring.",
            f'"Orang tua bisa mendaftar dari rumah tanpa perlu antre," ujar {af}.',
            f"Tahun ini tersedia {n} kursi untuk jenjang sekolah menengah pertama negeri.",
            "Posko pengaduan disiapkan bagi orang tua yang mengalami kendala saat mendaftar.",
        ]
    else:  # crime
        title = f"Polisi Tangkap Pelaku Pencurian Sepeda Motor di {kec}"
        paras = [
            f"{dl} - Polisi menangkap dua pelaku pencurian sepeda motor di {kec}, {p.full}, "
            f"{when}.",
            f"Kasat Reskrim setempat AKP {a} mengatakan pelaku sudah beraksi di "
            f"{rand_int(rng, 3, 12)} lokasi.",
            f'"Barang bukti berupa kunci leter T dan tiga unit sepeda motor kami amankan," '
            f"ujar {af}.",
            "Kedua pelaku dijerat pasal pencurian dengan pemberatan.",
            "Polisi mengimbau warga memasang kunci ganda pada kendaraannya.",
        ]
    return title, paras, d


EXTRAS = {
    "apel": (
        "Dalam amanatnya, kapolres menyampaikan bahwa pengamanan akan dilakukan secara terbuka "
        "maupun tertutup. Personel juga diminta menjaga sikap dan tidak terpancing provokasi di "
        "lapangan.",
        "Operasi Mantap Praja digelar untuk mengamankan seluruh rangkaian tahapan, mulai dari "
        "kampanye, masa tenang, pemungutan dan penghitungan suara, hingga penetapan pasangan "
        "calon terpilih.",
        "Selain personel kepolisian, apel juga diikuti anggota Satpol PP, Dinas Perhubungan, dan "
        "petugas pemadam kebakaran yang akan dilibatkan dalam pengamanan.",
    ),
    "press": (
        "Bawaslu juga mencatat sejumlah dugaan pelanggaran lain, seperti kampanye di luar jadwal "
        "dan pelibatan anak-anak dalam kegiatan kampanye. Seluruh temuan sedang dikaji.",
        "Ia menyebut jajaran pengawas kecamatan dan desa telah diminta melakukan patroli "
        "pengawasan setiap hari selama masa kampanye.",
        "Berdasarkan aturan, APK yang difasilitasi penyelenggara dipasang di lokasi yang telah "
        "ditentukan, sementara bahan kampanye tambahan harus mengikuti ketentuan ukuran dan "
        "jumlah.",
    ),
    "campaign": (
        "Dalam sesi dialog, seorang petani meminta perhatian terhadap saluran irigasi yang rusak. "
        "Pasangan calon berjanji memasukkan perbaikan irigasi dalam program prioritas.",
        "Tim pemenangan menyebut kampanye dialogis dipilih agar calon bisa mendengar langsung "
        "aspirasi warga.",
        "Usai berdialog, pasangan calon menyempatkan diri mengunjungi pasar tradisional dan "
        "menyapa para pedagang.",
    ),
    "future": (
        "Ia menambahkan, rakor juga akan membahas pembagian tugas antarinstansi menjelang hari "
        "pemungutan suara, termasuk skema pengamanan di wilayah perbatasan.",
        "Menurutnya, rakor tersebut merupakan agenda rutin yang biasa digelar menjelang tahapan "
        "penting pemilihan.",
        "Pemerintah daerah juga berencana mengundang tokoh agama dan tokoh masyarakat untuk ikut "
        "hadir dalam pertemuan tersebut.",
    ),
    "pilkades": (
        "Menurutnya, pilkades serentak tahun ini akan menggunakan pemungutan suara manual di "
        "setiap dusun.",
        "Calon kepala desa diminta menjaga kondusivitas dan tidak melakukan praktik politik uang "
        "selama tahapan berlangsung.",
        "Anggaran pilkades bersumber dari APBD dan dana desa sesuai peraturan bupati yang berlaku.",
    ),
    "inflation": (
        "Perwakilan Bank Indonesia memaparkan bahwa inflasi tahunan masih berada dalam rentang "
        "sasaran, namun sejumlah komoditas pangan perlu diwaspadai.",
        "Satgas pangan diminta rutin memantau stok dan harga di pasar tradisional serta "
        "distributor.",
        "TPID juga mendorong kerja sama antardaerah untuk menjaga pasokan dari sentra produksi.",
    ),
    "stunting": (
        "Menurut data dinas kesehatan, kasus stunting paling banyak ditemukan di desa-desa dengan "
        "akses air bersih terbatas.",
        "Pemerintah desa diminta mengalokasikan dana desa untuk program pencegahan stunting.",
        "Rakor juga menyepakati pendampingan keluarga berisiko stunting oleh kader posyandu.",
    ),
    "pemilu": (
        "Pemilu tersebut akan memilih presiden dan wakil presiden serta anggota legislatif di "
        "semua tingkatan.",
        "Personel juga akan disiagakan di gudang logistik hingga distribusi ke TPS selesai.",
        "Kapolres meminta seluruh personel menjaga netralitas dan profesionalisme selama tahapan "
        "pemilu.",
    ),
    "count": (
        "Rapat pleno berlangsung sejak pagi hingga sore hari dengan pengamanan ketat dari aparat "
        "kepolisian.",
        "Saksi dari salah satu pasangan calon sempat menyampaikan keberatan atas selisih suara di "
        "dua kecamatan.",
        "Selanjutnya, KPU akan menetapkan pasangan calon terpilih setelah tidak ada permohonan "
        "sengketa hasil.",
    ),
    "launch": (
        "Maskot berbentuk hewan khas daerah itu dipilih melalui sayembara yang diikuti puluhan "
        "peserta.",
        "Peluncuran maskot menandai dimulainya sosialisasi tahapan pilkada kepada masyarakat luas.",
        "KPU berharap maskot dan jingle dapat mendorong warga datang ke TPS.",
    ),
    "sport": (
        "Sepanjang turnamen, panitia mencatat puluhan pertandingan digelar dengan jumlah penonton "
        "yang terus meningkat.",
        "Ketua panitia menyebut turnamen ini menjadi ajang pencarian bibit pemain muda berbakat.",
        "Juara mendapat trofi, uang pembinaan, dan hak mewakili daerah di turnamen tingkat "
        "provinsi.",
    ),
    "farm": (
        "Sebagian hasil panen akan diserap Bulog untuk menjaga cadangan beras daerah.",
        "Petani berharap pemerintah menjaga ketersediaan pupuk bersubsidi menjelang musim tanam "
        "berikutnya.",
        "Panen raya juga dihadiri penyuluh pertanian yang memberikan pendampingan sejak masa "
        "tanam.",
    ),
    "road": (
        "Anggaran perbaikan bersumber dari dana alokasi khusus tahun berjalan.",
        "Pengguna jalan diminta berhati-hati dan mematuhi rambu selama pekerjaan berlangsung.",
        "Dinas terkait juga menjadwalkan perbaikan drainase di sepanjang ruas jalan tersebut.",
    ),
    "health": (
        "Petugas kesehatan juga memberikan edukasi tentang gizi seimbang kepada para orang tua.",
        "Balita yang belum mendapat imunisasi lengkap akan didatangi petugas dari rumah ke rumah.",
        "Kegiatan ini didukung kader posyandu di setiap dusun.",
    ),
    "disaster": (
        "Sejumlah ruas jalan desa tidak bisa dilalui kendaraan roda dua akibat genangan air.",
        "Bantuan berupa makanan siap saji, selimut, dan obat-obatan telah didistribusikan kepada "
        "warga.",
        "Warga berharap normalisasi sungai segera dilakukan agar banjir tidak terulang.",
    ),
    "tourism": (
        "Pengunjung datang tidak hanya dari dalam daerah, tetapi juga dari kabupaten tetangga.",
        "Festival ditutup dengan pertunjukan kembang api dan musik tradisional.",
        "Dinas pariwisata menyebut tingkat hunian hotel naik selama festival berlangsung.",
    ),
    "school": (
        "Jalur pendaftaran meliputi zonasi, afirmasi, perpindahan tugas orang tua, dan prestasi.",
        "Pengumuman hasil seleksi dijadwalkan dua pekan setelah pendaftaran ditutup.",
        "Sekolah diminta tidak memungut biaya apa pun selama proses pendaftaran.",
    ),
    "crime": (
        "Pelaku mengaku menjual sepeda motor hasil curian ke luar daerah dengan harga murah.",
        "Polisi masih memburu satu pelaku lain yang diduga berperan sebagai penadah.",
        "Warga yang merasa kehilangan sepeda motor dipersilakan datang ke mapolres untuk mengecek "
        "barang bukti.",
    ),
}
NEAR_MISS_KINDS = word_list(
    "apel press campaign future pilkades inflation stunting pemilu count launch"
)
OFF_TOPIC_KINDS = ("sport", "farm", "road", "health", "disaster", "tourism", "school", "crime")


def render_other(
    rng: random.Random, kind: str, sub: str, gz: Gazetteer, stem: str, outlet: str
) -> Article:
    maker: Callable = near_miss_text if kind == "near_miss" else _off_topic
    title, paras, d = maker(rng, sub, gz, outlet)
    published = d + dt.timedelta(days=pick(rng, (0, 0, 1)))
    paras.insert(min(len(paras), rand_int(rng, 2, 3)), baca_juga(rng, gz))
    extra = list(EXTRAS[sub]) + [
        "Kegiatan tersebut mendapat sambutan positif dari masyarakat setempat.",
        "Pemerintah daerah berkomitmen mendukung kegiatan serupa di masa mendatang.",
        "Sejumlah warga berharap kegiatan seperti ini dapat terus dilaksanakan.",
        "Informasi lebih lanjut dapat diperoleh melalui kanal resmi pemerintah daerah.",
        "Hingga berita ini diturunkan, kegiatan masih berlangsung dengan lancar.",
        "Kegiatan serupa rutin digelar setiap tahun dan selalu mendapat perhatian dari warga "
        "sekitar. Panitia berharap partisipasi masyarakat terus meningkat dari tahun ke tahun.",
        "Sejumlah warga yang ditemui di lokasi mengaku senang dengan adanya kegiatan tersebut. "
        "Mereka berharap pemerintah daerah terus memberi perhatian pada kebutuhan masyarakat di "
        "tingkat desa dan kelurahan.",
    ]
    paras.extend(pad(rng, paras, rng.sample(extra, len(extra)), low=1500))
    if rng.random() < 0.3:
        paras.insert(0, pub_header(rng, published))
    paras.extend(footer(rng, gz, outlet, published.year))
    gold = {
        "article": f"{stem}.txt",
        "is_meeting": False,
        "meeting_date": None,
        "cluster": f"solo-{stem}",
        "mode": None,
        "region_codes": [],
        "institution_kinds": [],
        "topics": [],
        "kind": f"{kind}:{sub}",
    }
    return Article(title, paras, gold, outlet, published)
