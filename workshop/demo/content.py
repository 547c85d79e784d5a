"""Realistic Bahasa Indonesia content for the demo workshop (`flask workshop demo`)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoBottleneck:
    text: str  # the bottleneck, one or two sentences, max 300 chars
    category: str | None  # one of U1..U9, X1..X4 codes from DOMAIN.md, or None
    service: str | None  # service name (jenis layanan), or None
    solutions: tuple[str, ...] = ()  # 0-3 alternative solutions, each max 300 chars


@dataclass(frozen=True)
class DemoParticipant:
    name: str  # realistic Indonesian name, with titles where natural
    agency: str  # OPD, free text
    position: str  # jabatan
    sector: str  # pendidikan, kesehatan, lingkungan, adminduk, koperasi, kelurahan


DEMO_WORKSHOP: dict[str, str] = {
    "title": "Sosialisasi dan Bimbingan Teknis Inovasi Pelayanan Publik",
    "place": "Ruang Pola Kantor Bupati Bontosalama",
    "organiser": "Bagian Organisasi Setda Kabupaten Bontosalama",
}

# Who signs the activity report (a made-up official), and where.
DEMO_SIGNATURE: dict[str, str] = {
    "place": "Bontosalama",
    "position": "Kepala Bagian Organisasi Setda Kabupaten Bontosalama",
    "name": "Andi Baso Mattalatta, S.STP., M.Si.",
    "nip": "19800101 200501 1 001",
}

DEMO_SPEAKERS: tuple[str, ...] = (
    "Dr. Andi Nurfaisah Mappaseling, M.Si., Biro Organisasi Setda Provinsi "
    "Sulawesi Selatan: Kebijakan Provinsi dalam Mendukung Inovasi Pelayanan Publik",
    "Ahmad Fauzi Ramli, S.Sos., M.AP., Pendamping Inovasi Pelayanan Publik: "
    "Memulai dan Mendokumentasikan Inovasi untuk KIPP",
)

DEMO_PARTICIPANTS: tuple[DemoParticipant, ...] = (
    # Pendidikan
    DemoParticipant(
        name="Drs. H. Muhammad Arsyad, M.Pd.",
        agency="Dinas Pendidikan",
        position="Sekretaris Dinas",
        sector="pendidikan",
    ),
    DemoParticipant(
        name="Sri Wahyuningsih, S.Pd., M.Si.",
        agency="Dinas Pendidikan",
        position="Kepala Bidang Pembinaan Sekolah Dasar",
        sector="pendidikan",
    ),
    DemoParticipant(
        name="Andi Rahmawati, S.Pd.",
        agency="UPT SD Negeri 27 Bulu Tellue",
        position="Kepala Sekolah",
        sector="pendidikan",
    ),
    DemoParticipant(
        name="Baharuddin, S.Pd., M.Pd.",
        agency="Dinas Pendidikan",
        position="Pengawas Sekolah Jenjang SMP",
        sector="pendidikan",
    ),
    # Kesehatan
    DemoParticipant(
        name="dr. Nurul Fadhilah Syam",
        agency="Puskesmas Bontoharu",
        position="Kepala Puskesmas",
        sector="kesehatan",
    ),
    DemoParticipant(
        name="Hasnawati, S.Kep., Ns.",
        agency="Dinas Kesehatan",
        position="Kepala Seksi Pelayanan Kesehatan Primer",
        sector="kesehatan",
    ),
    DemoParticipant(
        name="apt. Agus Santoso, S.Farm.",
        agency="UPT Instalasi Farmasi Dinas Kesehatan",
        position="Kepala UPT Instalasi Farmasi",
        sector="kesehatan",
    ),
    DemoParticipant(
        name="Sitti Aisyah, A.Md.Keb.",
        agency="Puskesmas Salomekko",
        position="Bidan Koordinator",
        sector="kesehatan",
    ),
    # Lingkungan Hidup
    DemoParticipant(
        name="Ir. Andi Mappasessu, M.T.",
        agency="Dinas Lingkungan Hidup",
        position="Kepala Dinas",
        sector="lingkungan",
    ),
    DemoParticipant(
        name="Rusdi Daeng Naba, S.T.",
        agency="Dinas Lingkungan Hidup",
        position="Kepala Bidang Pengelolaan Sampah dan Limbah B3",
        sector="lingkungan",
    ),
    DemoParticipant(
        name="Dewi Kartika Sari, S.Si.",
        agency="Dinas Lingkungan Hidup",
        position="Kasi Pengaduan dan Penegakan Hukum Lingkungan",
        sector="lingkungan",
    ),
    DemoParticipant(
        name="Syamsuddin Dg. Tompo",
        agency="UPTD Tempat Pemrosesan Akhir Sampah",
        position="Kepala UPTD",
        sector="lingkungan",
    ),
    # Administrasi Kependudukan
    DemoParticipant(
        name="H. Abdul Rahman Patiroi, S.Sos., M.Si.",
        agency="Disdukcapil",
        position="Kepala Dinas",
        sector="adminduk",
    ),
    DemoParticipant(
        name="Nurhayati Tahir, S.E.",
        agency="Disdukcapil",
        position="Kepala Bidang Pelayanan Pendaftaran Penduduk",
        sector="adminduk",
    ),
    DemoParticipant(
        name="Bambang Setiawan, S.Kom.",
        agency="Disdukcapil",
        position="Kasi Pengelolaan Informasi Administrasi Kependudukan",
        sector="adminduk",
    ),
    DemoParticipant(
        name="Sitti Hajar, S.IP.",
        agency="Kecamatan Pallantikang",
        position="Kasi Pemerintahan",
        sector="adminduk",
    ),
    # Koperasi & UKM
    DemoParticipant(
        name="Andi Tenri Ajeng, S.E., M.M.",
        agency="Dinas Koperasi dan UKM",
        position="Kepala Bidang Pemberdayaan Usaha Mikro",
        sector="koperasi",
    ),
    DemoParticipant(
        name="Muhammad Ilham Syahrir, S.H.",
        agency="Dinas Koperasi dan UKM",
        position="Kasi Kelembagaan dan Perizinan Koperasi",
        sector="koperasi",
    ),
    DemoParticipant(
        name="Rina Puspitasari, S.E.",
        agency="DPMPTSP",
        position="Kasi Pelayanan Perizinan Berusaha",
        sector="koperasi",
    ),
    DemoParticipant(
        name="Jumardi, S.Sos.",
        agency="Dinas Koperasi dan UKM",
        position="Penyuluh Koperasi Lapangan",
        sector="koperasi",
    ),
    # Kelurahan/Kecamatan
    DemoParticipant(
        name="Andi Baso Amir, S.STP., M.Si.",
        agency="Kecamatan Bulu Tellue",
        position="Camat",
        sector="kelurahan",
    ),
    DemoParticipant(
        name="Hj. Sitti Rahmah, S.Sos.",
        agency="Kelurahan Ballasaraja",
        position="Lurah",
        sector="kelurahan",
    ),
    DemoParticipant(
        name="Yusuf Rahman, S.IP.",
        agency="Kecamatan Bontoharu",
        position="Kasi Pelayanan Umum",
        sector="kelurahan",
    ),
    DemoParticipant(
        name="Eko Prasetyo, S.AP.",
        agency="Kelurahan Tamalanrea Jaya",
        position="Sekretaris Kelurahan",
        sector="kelurahan",
    ),
)

DEMO_BOARDS: dict[str, tuple[DemoBottleneck, ...]] = {
    "pendidikan": (
        DemoBottleneck(
            text="Kekurangan guru di SD dan SMP wilayah pegunungan dan pulau; "
            "satu guru terpaksa mengajar dua sampai tiga kelas sekaligus.",
            category="X2",
            service="Layanan pendidikan dasar di daerah terpencil",
            solutions=(
                'Program "Guru Kunjung" berbasis gugus sekolah: guru dari sekolah '
                "kota bergiliran mengajar di sekolah terpencil dua hari sepekan.",
                "Pembelajaran jarak jauh dengan modul luring dan tablet yang diisi "
                "materi dari server sekolah induk, tanpa perlu internet.",
            ),
        ),
        DemoBottleneck(
            text="Sekitar 40% orang tua belum memahami alur PPDB sistem zonasi; "
            "banyak yang datang ke sekolah membawa berkas padahal pendaftaran "
            "dilakukan daring.",
            category="X1",
            service="Penerimaan Peserta Didik Baru (PPDB)",
            solutions=(
                'Posko "Bantu Daftar PPDB" di kantor desa dengan operator sekolah '
                "sebagai pendamping.",
                "Video tutorial berbahasa Bugis dan Makassar yang disebarkan melalui "
                "grup WhatsApp orang tua dan RT/RW.",
            ),
        ),
        DemoBottleneck(
            text="Laporan pertanggungjawaban Dana BOS sering dikembalikan berulang "
            "kali karena format yang diminta berbeda-beda, sehingga pencairan "
            "tahap berikutnya terlambat.",
            category="U2",
            service="Pengelolaan Dana BOS",
            solutions=(
                "Klinik ARKAS keliling per kecamatan untuk memeriksa laporan sebelum "
                "diserahkan ke Dinas.",
                "Satu templat dan daftar periksa laporan BOS yang disepakati bersama Inspektorat.",
            ),
        ),
        DemoBottleneck(
            text="Legalisir ijazah dan surat keterangan pengganti ijazah yang hilang "
            "harus diurus langsung di kantor Dinas; warga dari pulau harus "
            "menginap di ibu kota kabupaten.",
            category="X1",
            service="Legalisir ijazah",
            solutions=(
                "Legalisir daring dengan tanda tangan elektronik dan kode QR "
                "verifikasi yang bisa dicek oleh instansi penerima.",
            ),
        ),
        DemoBottleneck(
            text="Banyak anak di desa nelayan berhenti sekolah karena ikut melaut pada musim ikan.",
            category=None,
            service=None,
            solutions=(
                "Kelas Paket A dan B bersama PKBM dengan jadwal yang mengikuti musim melaut.",
            ),
        ),
    ),
    "kesehatan": (
        DemoBottleneck(
            text="Antrean pendaftaran di Puskesmas dimulai pukul 06.00; pasien "
            "lansia menunggu 2-3 jam sebelum diperiksa dokter.",
            category="U3",
            service="Pelayanan rawat jalan Puskesmas",
            solutions=(
                'Nomor antrean lewat WhatsApp ("WA Antre") lengkap dengan perkiraan '
                "jam dipanggil, sehingga pasien bisa menunggu di rumah.",
                "Loket prioritas untuk lansia, ibu hamil & penyandang disabilitas.",
            ),
        ),
        DemoBottleneck(
            text="Stok obat esensial seperti amoksisilin dan obat hipertensi sering "
            "kosong menjelang akhir triwulan; pasien disuruh membeli sendiri "
            "di apotek luar.",
            category="U9",
            service="Pelayanan obat di Puskesmas",
            solutions=(
                "Dasbor stok obat bersama Instalasi Farmasi dan semua Puskesmas, "
                "dengan peringatan otomatis bila stok tinggal di bawah 20%.",
                "Mekanisme pinjam-meminjam obat antar-Puskesmas terdekat yang dicatat resmi.",
            ),
        ),
        DemoBottleneck(
            text="Rujukan pasien BPJS dari Puskesmas ke RSUD sering ditolak karena "
            "berkas kurang lengkap, sehingga pasien harus bolak-balik.",
            category="U1",
            service="Rujukan pasien BPJS Kesehatan",
            solutions=(
                "Daftar periksa rujukan yang disepakati Puskesmas, RSUD, dan BPJS "
                "Kesehatan, ditempel di setiap ruang periksa.",
                "Petugas penghubung rujukan di RSUD yang dapat dihubungi melalui "
                "grup WhatsApp koordinasi.",
            ),
        ),
        DemoBottleneck(
            text="Posyandu di dusun terpencil hanya didatangi bidan sebulan sekali, "
            "sehingga data balita stunting terlambat diperbarui.",
            category="X2",
            service="Pemantauan tumbuh kembang balita (Posyandu)",
            solutions=(
                "Kader Posyandu dilatih memakai aplikasi pencatatan sederhana yang "
                "tetap bisa dipakai tanpa sinyal dan disinkronkan di Puskesmas.",
            ),
        ),
        DemoBottleneck(
            text="Petugas loket kurang ramah dan jarang menjelaskan mengapa pasien "
            "harus menunggu lama.",
            category="U7",
            service=None,
            solutions=(
                "Pelatihan pelayanan prima untuk petugas loket dan survei kepuasan "
                "dengan tombol emoji di dekat pintu keluar.",
            ),
        ),
        DemoBottleneck(
            text="Kotak saran di Puskesmas jarang dibuka; keluhan warga justru "
            "ramai di Facebook dan tidak pernah dijawab.",
            category="U8",
            service="Penanganan pengaduan Puskesmas",
            solutions=(),
        ),
    ),
    "lingkungan": (
        DemoBottleneck(
            text="Truk sampah hanya mengangkut dua kali seminggu di ibu kota "
            "kecamatan; sampah menumpuk di TPS pasar & meluber ke saluran air.",
            category="U9",
            service="Pengangkutan sampah",
            solutions=(
                "Bank sampah di setiap kelurahan dengan tabungan yang bisa "
                "ditukar beras atau dipakai membayar iuran BPJS.",
                "Jadwal angkut diumumkan lewat WhatsApp dan warga dapat melaporkan "
                "TPS yang penuh dengan foto.",
            ),
        ),
        DemoBottleneck(
            text="Penerbitan SPPL dan persetujuan lingkungan untuk usaha kecil "
            "memakan waktu hingga 30 hari karena verifikasi lapangan menunggu "
            "jadwal tim teknis.",
            category="U3",
            service="Penerbitan SPPL/Persetujuan Lingkungan",
            solutions=(
                "Jadwal verifikasi lapangan tetap per kecamatan, sekali sepekan, "
                "yang diumumkan di awal bulan.",
            ),
        ),
        DemoBottleneck(
            text="Sebagian besar warga belum memilah sampah dari rumah; sekitar 70% "
            "sampah yang masuk TPA masih tercampur antara organik dan plastik.",
            category=None,
            service="Pengelolaan sampah rumah tangga",
            solutions=(
                'Gerakan "Sedekah Sampah" melalui masjid dan majelis taklim.',
                "Komposter komunal di setiap RW dan pelatihan pembuatan pupuk "
                "kompos bagi kelompok tani.",
            ),
        ),
        DemoBottleneck(
            text="Pengaduan pencemaran sungai oleh limbah usaha tahu dan peternakan "
            "tidak jelas ditangani oleh OPD mana.",
            category="X3",
            service="Penanganan pengaduan pencemaran lingkungan",
            solutions=(
                "Satu nomor pengaduan lingkungan terpadu dengan SOP rujukan "
                "antar-OPD dan target tanggapan paling lama 3 hari kerja.",
            ),
        ),
        DemoBottleneck(
            text="Retribusi sampah di pasar dan pertokoan kadang ditagih oleh orang "
            "yang tidak membawa karcis resmi.",
            category="U4",
            service="Retribusi pelayanan persampahan",
            solutions=(
                "Pembayaran retribusi non-tunai melalui QRIS dengan bukti bayar "
                "yang bisa dicek pedagang.",
            ),
        ),
    ),
    "adminduk": (
        DemoBottleneck(
            text='Masih ada pungutan Rp50.000 sampai Rp100.000 untuk "mempercepat" '
            "pencetakan KTP-el, padahal layanan ini gratis.",
            category="U4",
            service="Penerbitan KTP-el",
            solutions=(
                'Maklumat "KTP-el Gratis, Tolak Pungli" dipasang di setiap loket '
                "beserta nomor pengaduan yang langsung ke Kepala Dinas.",
                "Cek status KTP-el lewat WhatsApp agar warga tidak perlu perantara.",
            ),
        ),
        DemoBottleneck(
            text="Pengurusan akta kelahiran melewati terlalu banyak meja: RT, desa, "
            "kecamatan, lalu Disdukcapil, sehingga bisa memakan waktu dua minggu.",
            category="U2",
            service="Penerbitan akta kelahiran",
            solutions=(
                "Akta kelahiran langsung diterbitkan di Puskesmas atau rumah sakit "
                "tempat bersalin sebelum ibu dan bayi pulang.",
                'Layanan "3 in 1": akta kelahiran, KK baru, dan KIA dalam sekali pengurusan.',
            ),
        ),
        DemoBottleneck(
            text="Warga kepulauan dan desa pegunungan harus menempuh 3-4 jam "
            "perjalanan ke kantor Disdukcapil; ongkosnya jauh lebih mahal "
            "daripada layanan itu sendiri.",
            category="X1",
            service="Perekaman KTP-el",
            solutions=(
                "Layanan jemput bola KTP-el ke desa dengan mobil keliling sesuai jadwal bulanan.",
                "Perekaman KTP-el di sekolah bagi siswa yang genap berusia 17 tahun.",
            ),
        ),
        DemoBottleneck(
            text="Blangko KTP-el sering habis, sehingga warga hanya menerima surat "
            "keterangan yang kerap ditolak oleh bank.",
            category="U9",
            service="Pencetakan KTP-el",
            solutions=(
                "Percepatan aktivasi Identitas Kependudukan Digital (IKD) melalui "
                "petugas di kecamatan.",
            ),
        ),
        DemoBottleneck(
            text="Persyaratan surat pindah yang tertulis di papan informasi berbeda "
            "dengan yang diminta petugas di loket.",
            category="U1",
            service="Penerbitan Surat Keterangan Pindah",
            solutions=(),
        ),
        DemoBottleneck(
            text='Calo menawarkan "jalur cepat" di halaman kantor Disdukcapil dan '
            "kecamatan; warga yang antre sendiri merasa dirugikan.",
            category="U4",
            service=None,
            solutions=(
                "Antrean daring dengan kuota harian yang diumumkan terbuka, "
                "sehingga jasa calo tidak lagi dibutuhkan.",
                "Kamera CCTV di area layanan dan patroli bersama Satpol PP.",
            ),
        ),
    ),
    "koperasi": (
        DemoBottleneck(
            text="Pelaku UMKM kesulitan mengurus NIB dan SPP-IRT melalui OSS karena "
            "belum punya alamat email dan tidak memahami aplikasinya.",
            category="X1",
            service="Penerbitan NIB bagi UMKM melalui OSS",
            solutions=(
                "Klinik OSS keliling di pasar dan kantor desa, didampingi petugas "
                "DPMPTSP dan Dinas Koperasi.",
                "Mahasiswa KKN dilatih menjadi pendamping pendaftaran NIB di "
                "desa tempat mereka bertugas.",
            ),
        ),
        DemoBottleneck(
            text="Banyak koperasi yang sudah tidak aktif ('koperasi papan nama') "
            "masih tercatat aktif karena data tidak diperbarui sejak 2019.",
            category="U5",
            service="Pendataan dan pembinaan koperasi",
            solutions=(
                "Pemutakhiran data koperasi secara daring oleh penyuluh, disertai "
                "foto kegiatan dan laporan RAT.",
            ),
        ),
        DemoBottleneck(
            text="Pengesahan badan hukum koperasi baru lambat karena notaris pembuat "
            "akta koperasi hanya ada di Makassar.",
            category="X1",
            service="Pengesahan badan hukum koperasi",
            solutions=(
                "Kerja sama dengan notaris pembuat akta koperasi untuk hari layanan "
                "bulanan di kantor Dinas.",
            ),
        ),
        DemoBottleneck(
            text="Penyuluh koperasi hanya 3 orang untuk 146 koperasi yang tersebar "
            "di 11 kecamatan.",
            category="X2",
            service="Pembinaan koperasi",
            solutions=(
                "Kader pendamping koperasi di setiap kecamatan yang dilatih dan "
                "diberi insentif dari dana pembinaan.",
            ),
        ),
        DemoBottleneck(
            text="Akses KUR terhambat karena UMKM diminta agunan dan laporan "
            "keuangan yang tidak mereka miliki.",
            category=None,
            service="Fasilitasi akses pembiayaan UMKM",
            solutions=(
                "Pelatihan pembukuan sederhana lewat aplikasi di ponsel.",
                "Forum bulanan yang mempertemukan UMKM & bank penyalur KUR.",
            ),
        ),
    ),
    "kelurahan": (
        DemoBottleneck(
            text="Antrean 1-3 jam di kantor kecamatan untuk legalisasi surat, karena "
            "hanya satu pejabat yang berwenang memaraf dan menandatangani.",
            category="U3",
            service="Legalisasi surat keterangan di kecamatan",
            solutions=(
                "Pelimpahan wewenang paraf kepada Kasi dan penggunaan tanda tangan "
                "elektronik untuk Camat.",
                "Nomor antrean lewat WhatsApp dengan perkiraan jam layanan.",
            ),
        ),
        DemoBottleneck(
            text="SKTM dan surat keterangan usaha hanya bisa diurus ketika Lurah "
            "berada di kantor; warga sering datang dua sampai tiga kali.",
            category="U2",
            service="Penerbitan surat keterangan tidak mampu (SKTM)",
            solutions=(
                "Layanan surat kelurahan daring dengan tanda tangan elektronik "
                "Lurah dan pengambilan di RT.",
                "Layanan Sabtu pagi secara bergiliran di kantor kelurahan.",
            ),
        ),
        DemoBottleneck(
            text="Warga tidak mengetahui persyaratan surat-surat di kelurahan karena "
            "tidak ada papan standar pelayanan.",
            category="U1",
            service=None,
            solutions=(
                "Papan dan brosur standar pelayanan dengan kode QR menuju daftar "
                "persyaratan setiap jenis surat.",
            ),
        ),
        DemoBottleneck(
            text="Kantor kelurahan belum memiliki komputer dan printer yang layak, "
            "sehingga surat masih diketik ulang setiap kali warga datang.",
            category="U9",
            service="Surat pengantar kelurahan",
            solutions=(
                "Aplikasi cetak surat dengan templat baku yang terhubung ke data "
                "penduduk kelurahan.",
            ),
        ),
        DemoBottleneck(
            text="Pengaduan warga yang disampaikan kepada Lurah tidak dicatat dan "
            "jarang mendapat jawaban.",
            category="U8",
            service=None,
            solutions=(
                "Buku register pengaduan dan rekap bulanan yang dibahas dalam rapat "
                "koordinasi kecamatan.",
                "Integrasi dengan SP4N-LAPOR! agar setiap aduan punya nomor pelacakan.",
            ),
        ),
    ),
}


@dataclass(frozen=True)
class DemoCause:
    bone: str  # a key of the default fishbone: man, method, material, machine, money, environment
    text: str  # the cause, as a participant would type it
    root: bool = False  # marked by the facilitator as a root cause
    why: tuple["DemoCause", ...] = ()  # the causes of this cause ("why?")


# The causes of the first bottleneck of each board: a fishbone part-way built,
# with a "why?" or two and the root causes the room agreed on.
DEMO_CAUSES: dict[str, tuple[DemoCause, ...]] = {
    "adminduk": (
        DemoCause(
            "man",
            "Calo menawarkan jasa 'jalur cepat' di depan kantor Disdukcapil",
            why=(
                DemoCause(
                    "man",
                    "Warga tidak tahu bahwa pencetakan KTP-el gratis",
                    why=(DemoCause("man", "Tarif nol rupiah tidak dipasang di loket", root=True),),
                ),
            ),
        ),
        DemoCause(
            "material",
            "Blanko KTP-el sering habis, antrean cetak menumpuk berminggu-minggu",
            why=(
                DemoCause(
                    "method",
                    "Permintaan blanko ke Ditjen Dukcapil baru diajukan setelah stok habis",
                    root=True,
                ),
            ),
        ),
        DemoCause("machine", "Jaringan SIAK sering down saat jam sibuk"),
        DemoCause("method", "Tidak ada nomor antrean dan jadwal ambil yang pasti"),
        DemoCause("environment", "Kantor jauh dari desa; warga ingin sekali datang selesai"),
        DemoCause("money", "Tidak ada anggaran layanan jemput bola ke kecamatan"),
    ),
    "kesehatan": (
        DemoCause(
            "method",
            "Pendaftaran masih manual dengan kartu berobat kertas",
            why=(
                DemoCause(
                    "machine",
                    "Aplikasi antrean online belum terhubung dengan rekam medis Puskesmas",
                    root=True,
                ),
            ),
        ),
        DemoCause("man", "Hanya satu petugas loket pada jam 07.00-09.00"),
        DemoCause("environment", "Pasien datang subuh karena takut tidak kebagian nomor"),
        DemoCause("money", "Belum ada anggaran untuk mesin antrean"),
    ),
    "pendidikan": (
        DemoCause(
            "man",
            "Guru PNS yang ditempatkan di pulau mengajukan pindah setelah dua tahun",
            why=(
                DemoCause(
                    "money",
                    "Tunjangan daerah terpencil tidak sebanding dengan biaya hidup",
                    root=True,
                ),
            ),
        ),
        DemoCause("method", "Formasi guru dihitung per kabupaten, bukan per sekolah"),
        DemoCause("environment", "Transportasi laut hanya dua kali seminggu"),
    ),
    "lingkungan": (
        DemoCause("machine", "Hanya dua truk sampah yang laik jalan untuk satu kecamatan"),
        DemoCause(
            "method",
            "Jadwal angkut tidak disesuaikan dengan hari pasar",
            root=True,
        ),
        DemoCause("man", "Pedagang membuang sampah di luar jam angkut"),
    ),
    "koperasi": (
        DemoCause("man", "Pelaku UMKM belum terbiasa memakai email dan aplikasi"),
        DemoCause(
            "method",
            "Belum ada pendampingan OSS di kecamatan",
            root=True,
        ),
        DemoCause("machine", "Sinyal internet lemah di desa sentra produksi"),
    ),
    "kelurahan": (
        DemoCause(
            "method",
            "Semua legalisasi harus diparaf camat sendiri",
            why=(
                DemoCause("method", "Belum ada pelimpahan wewenang ke sekretaris camat", root=True),
            ),
        ),
        DemoCause("man", "Camat sering rapat di luar kantor"),
        DemoCause("material", "Formulir permohonan berbeda-beda antar kelurahan"),
    ),
}


# The IID profile the education group wrote for its proposal (the plan's top
# solution, "Guru Kunjung"); dates are days after the workshop.
DEMO_IID: dict[str, str] = {
    "nama": "Guru Kunjung Gugus Sekolah",
    "opd": "Dinas Pendidikan Kabupaten Bontosalama",
    "tahapan": "uji_coba",
    "inisiator": "opd",
    "jenis": "non_digital",
    "bentuk": "pelayanan_publik",
    "rancang_bangun": (
        "Sekolah dasar dan menengah pertama di wilayah pegunungan dan pulau kekurangan guru: "
        "satu guru mengajar dua sampai tiga kelas sekaligus, sehingga jam belajar efektif "
        "murid jauh di bawah standar nasional dan hasil asesmen nasional tertinggal.\n"
        "Akar masalahnya ditemukan dalam lokakarya: formasi guru tidak mengikuti sebaran "
        "murid, guru enggan ditempatkan di daerah terpencil karena biaya perjalanan tinggi "
        "dan tidak ada tunjangan, dan data kebutuhan guru per sekolah tidak diperbarui.\n"
        "Guru Kunjung Gugus Sekolah mengubah cara guru ditugaskan. Sekolah kota dan sekolah "
        "terpencil dihimpun dalam satu gugus. Guru mata pelajaran dari sekolah kota "
        "bergiliran mengajar di sekolah terpencil dua hari sepekan menurut jadwal yang "
        "disusun kepala sekolah gugus setiap awal semester. Jam mengajar di sekolah "
        "terpencil diakui sebagai jam tatap muka untuk tunjangan profesi, dan biaya "
        "perjalanan dibayar dari Dana BOS kinerja dan APBD melalui DPA Dinas Pendidikan.\n"
        "Tahapannya: pertama, Dinas Pendidikan memetakan kebutuhan guru per sekolah dengan "
        "data Dapodik terbaru; kedua, Bupati menetapkan gugus sekolah dan jadwal kunjungan "
        "dengan keputusan; ketiga, uji coba di dua gugus, satu di pegunungan dan satu di "
        "pulau, selama satu semester; keempat, evaluasi jam belajar efektif, kehadiran guru "
        "dan nilai asesmen murid; kelima, perluasan ke seluruh gugus yang membutuhkan.\n"
        "Pokok perubahannya: guru tidak lagi terikat pada satu sekolah, kepala sekolah gugus "
        "mengatur jadwal bersama, dan pengawas sekolah memantau kehadiran guru kunjung "
        "setiap pekan melalui laporan yang diisi di sekolah tujuan. Orang tua dan komite "
        "sekolah dilibatkan untuk menyediakan tempat singgah bagi guru yang datang dari "
        "jauh, sehingga biaya menginap dapat ditekan. Camat dan kepala desa membantu "
        "angkutan perahu dan ojek dengan tarif yang disepakati bersama.\n"
        "Dengan cara ini setiap kelas di sekolah terpencil mendapatkan guru mata pelajaran "
        "yang sesuai, tanpa menunggu formasi baru, dan murid belajar dengan jadwal yang "
        "pasti sepanjang tahun ajaran. Bila uji coba berhasil, pola yang sama dapat ditiru "
        "oleh kabupaten kepulauan lain yang menghadapi kekurangan guru serupa."
    ),
    "tujuan": (
        "Setiap kelas di SD dan SMP terpencil diajar oleh guru mata pelajaran yang sesuai, "
        "dengan jam belajar efektif sesuai standar."
    ),
    "manfaat": (
        "Murid di pegunungan dan pulau mendapat pelajaran yang sama dengan murid di kota; "
        "guru berbagi beban mengajar; pemerintah daerah menutup kekurangan guru tanpa "
        "menunggu formasi baru."
    ),
    "hasil": (
        "Sasaran uji coba: jam belajar efektif di dua gugus naik dari 60% menjadi 90% dan "
        "tidak ada lagi kelas rangkap tiga."
    ),
    "bukti": (
        "Notulen lokakarya dan matriks rencana aksi; rancangan keputusan Bupati tentang "
        "gugus sekolah; jadwal kunjungan semester genap."
    ),
}
DEMO_TRIAL_DAYS, DEMO_APPLIED_DAYS = 34, 216


# -- the whole Bimtek (issue 28): two days around the workshop hour -------------------
#
# Day 1: attendance, opening, an ice-breaking word cloud, the pre-test, the first
# speaker with questions, a poll, then the bottlenecks (identify, group, vote).
# Day 2: attendance, the second speaker with questions, root causes, solutions,
# priorities, the post-test, the evaluations, the closing.

DEMO_DAYS = 2


@dataclass(frozen=True)
class DemoSigner:
    name: str
    agency: str
    position: str


# The committee (panitia) sign both days' lists through their own link.
DEMO_COMMITTEE: tuple[DemoSigner, ...] = (
    DemoSigner("Nur Afni Rahman, S.E., M.Si.", "Bagian Organisasi Setda", "Ketua Panitia"),
    DemoSigner("Muh. Ikhsan Saputra, S.Kom.", "Bagian Organisasi Setda", "Sekretaris Panitia"),
    DemoSigner("Rahmatia, A.Md.", "Bagian Organisasi Setda", "Anggota Panitia (Administrasi)"),
)

# Heads of agencies who came on the first day only (DEMO_PARTICIPANTS' names).
DEMO_ABSENT_DAY_2: tuple[str, ...] = (
    "Ir. Andi Mappasessu, M.T.",
    "H. Abdul Rahman Patiroi, S.Sos., M.Si.",
)


@dataclass(frozen=True)
class DemoQuestion:
    text: str
    author: int  # index in DEMO_PARTICIPANTS
    votes: int = 0  # upvotes from other participants
    anonymous: bool = False
    note: str | None = None  # answered, with this note for the minutes; None: not answered
    highlight: bool = False  # the one shown large on the projector
    hide: bool = False  # off topic: the facilitator hides it


@dataclass(frozen=True)
class DemoSession:
    speaker: DemoSigner  # who also signs the day's list as a speaker (narasumber)
    topic: str
    day: int
    approval_required: bool
    questions: tuple[DemoQuestion, ...]


DEMO_SESSIONS: tuple[DemoSession, ...] = (
    DemoSession(
        speaker=DemoSigner(
            "Dr. Andi Nurfaisah Mappaseling, M.Si.",
            "Biro Organisasi Setda Provinsi Sulawesi Selatan",
            "Analis Kebijakan Ahli Madya",
        ),
        topic="Kebijakan Provinsi dalam Mendukung Inovasi Pelayanan Publik",
        day=1,
        approval_required=False,
        questions=(
            DemoQuestion(
                "Bagaimana jika inovasi berhenti setelah kepala OPD-nya dimutasi? Apakah ada "
                "aturan agar inovasi tetap berjalan?",
                author=9,
                votes=12,
                anonymous=True,
                note="Inovasi perlu dilembagakan: ditetapkan dengan keputusan atau peraturan "
                "bupati, dimasukkan ke SOP, dan dianggarkan dalam Renstra serta DPA OPD.",
                highlight=True,
            ),
            DemoQuestion(
                "Apakah ada dukungan anggaran dari provinsi untuk kabupaten yang inovasinya "
                "masuk Top 45 KIPP?",
                author=3,
                votes=9,
                note="Provinsi memberi pendampingan dan penghargaan; anggaran replikasi tetap "
                "melalui APBD kabupaten.",
            ),
            DemoQuestion(
                "Apakah inovasi yang sudah dilaporkan untuk Indeks Inovasi Daerah boleh "
                "diikutkan juga ke KIPP?",
                author=13,
                votes=6,
                note="Boleh. Penilainya berbeda, tetapi data dan bukti dukungnya harus sama.",
            ),
            DemoQuestion(
                "Berapa lama sebuah inovasi harus berjalan sebelum boleh diikutkan KIPP?",
                author=20,
                votes=4,
                anonymous=True,
                note="Syarat lama penerapan ada di pedoman KIPP tahun berjalan; yang dinilai "
                "adalah manfaat yang sudah terbukti.",
            ),
            DemoQuestion(
                "Apakah kecamatan bisa mengusulkan inovasi sendiri, atau harus lewat OPD induk?",
                author=21,
                votes=3,
            ),
        ),
    ),
    DemoSession(
        speaker=DemoSigner(
            "Ahmad Fauzi Ramli, S.Sos., M.AP.",
            "Tim Pendamping Inovasi Pelayanan Publik",
            "Pendamping Inovasi",
        ),
        topic="Memulai dan Mendokumentasikan Inovasi untuk KIPP",
        day=2,
        approval_required=True,
        questions=(
            DemoQuestion(
                "Bukti dukung apa yang paling sering kurang dalam proposal KIPP?",
                author=1,
                votes=10,
                note="Data sebelum dan sesudah inovasi, foto dan video kegiatan, dan dokumen "
                "kebijakan yang sah.",
                highlight=True,
            ),
            DemoQuestion(
                "Apakah ada contoh proposal KIPP pemenang yang bisa kami pelajari?",
                author=16,
                votes=8,
                anonymous=True,
                note="Panitia membagikan tautan contoh proposal Top 45 di grup WhatsApp peserta.",
            ),
            DemoQuestion(
                "Kalau inovasi kami masih uji coba, apakah sudah bisa didaftarkan?",
                author=5,
                votes=7,
                anonymous=True,
                note="Untuk Indeks Inovasi Daerah bisa, dengan tahapan uji coba; untuk KIPP "
                "tunggu hasil penerapannya.",
            ),
            DemoQuestion(
                "Bagaimana membuat video inovasi yang baik dengan anggaran terbatas?",
                author=10,
                votes=5,
                note="Cukup dengan ponsel: tunjukkan masalah, perubahan, dan kesaksian "
                "warga penerima layanan, paling lama lima menit.",
            ),
            DemoQuestion("Jam berapa makan siang hari ini?", author=18, anonymous=True, hide=True),
            DemoQuestion(
                "Siapa yang sebaiknya menjadi penanggung jawab dokumentasi inovasi di OPD?",
                author=14,
                votes=2,
            ),
        ),
    ),
)

# The multiple-choice poll after the first speaker: options and how many chose each.
DEMO_POLL: dict[str, object] = {
    "question": "Tahap mana yang paling sulit dalam membangun inovasi di OPD Anda?",
    "options": (
        ("Menemukan ide dan akar masalah", 5),
        ("Dukungan pimpinan dan anggaran", 9),
        ("Melibatkan OPD lain dan masyarakat", 4),
        ("Mendokumentasikan dan mengukur hasil", 6),
    ),
}

# The ice-breaking word cloud: the entries the room sent, each with how many phones sent it.
DEMO_WORDCLOUD_QUESTION = "Pelayanan publik yang ideal menurut Anda, dalam satu sampai tiga kata?"
DEMO_WORDCLOUD: tuple[tuple[str, int], ...] = (
    ("cepat", 11),
    ("mudah", 8),
    ("transparan", 7),
    ("ramah", 6),
    ("digital", 5),
    ("tanpa pungli", 5),
    ("berkepastian", 4),
    ("layanan terpadu", 4),
    ("tepat waktu", 3),
    ("murah", 3),
    ("jemput bola", 2),
    ("akuntabel", 2),
    ("inklusif", 1),
    ("melayani sepenuh hati", 1),
)


@dataclass(frozen=True)
class DemoTestQuestion:
    text: str
    choices: tuple[str, ...]
    answer: int  # index of the right choice
    explanation: str
    pre: float  # share of the room right before the speakers
    post: float  # ... and after


# The pre-test and post-test (the same ten questions), with how hard each was.
DEMO_TEST: tuple[DemoTestQuestion, ...] = (
    DemoTestQuestion(
        "Undang-undang yang menjadi dasar penyelenggaraan pelayanan publik adalah ...",
        (
            "UU Nomor 25 Tahun 2009",
            "UU Nomor 23 Tahun 2014",
            "UU Nomor 5 Tahun 2014",
            "UU Nomor 14 Tahun 2008",
        ),
        0,
        "UU 25/2009 tentang Pelayanan Publik.",
        0.75,
        0.95,
    ),
    DemoTestQuestion(
        "Peraturan Pemerintah yang mengatur inovasi daerah adalah ...",
        (
            "PP Nomor 12 Tahun 2017",
            "PP Nomor 38 Tahun 2017",
            "PP Nomor 96 Tahun 2012",
            "PP Nomor 18 Tahun 2016",
        ),
        1,
        "PP 38/2017 tentang Inovasi Daerah.",
        0.4,
        0.85,
    ),
    DemoTestQuestion(
        "Menurut PP 38/2017, bentuk inovasi daerah meliputi ...",
        (
            "Inovasi tata kelola pemerintahan daerah, inovasi pelayanan publik, dan inovasi "
            "daerah lainnya",
            "Inovasi teknologi saja",
            "Inovasi pelayanan publik saja",
            "Inovasi yang dibiayai APBN",
        ),
        0,
        "Pasal 3 PP 38/2017.",
        0.5,
        0.8,
    ),
    DemoTestQuestion(
        "Dalam analisis prioritas USG, huruf U, S dan G berarti ...",
        (
            "Utility, Scope, Goal",
            "Urgency, Scale, Gain",
            "Urgency, Seriousness, Growth",
            "Unit, Service, Government",
        ),
        2,
        "Urgensi, keseriusan, dan perkembangan masalah bila dibiarkan.",
        0.55,
        0.9,
    ),
    DemoTestQuestion(
        "Diagram tulang ikan (fishbone) dipakai untuk ...",
        (
            "Menyusun anggaran kegiatan",
            "Menemukan akar penyebab masalah",
            "Mengukur kepuasan masyarakat",
            "Menjadwalkan kegiatan",
        ),
        1,
        'Penyebab dikelompokkan per tulang, lalu ditanya "mengapa?" sampai ke akarnya.',
        0.65,
        0.95,
    ),
    DemoTestQuestion(
        'Teknik bertanya "mengapa?" berulang kali untuk menemukan akar masalah disebut ...',
        ("Analisis SWOT", "Siklus PDCA", "5 Mengapa (5 Whys)", "Balanced Scorecard"),
        2,
        "Biasanya akar masalah ditemukan setelah tiga sampai lima kali bertanya.",
        0.45,
        0.85,
    ),
    DemoTestQuestion(
        "Survei Kepuasan Masyarakat (SKM) unit pelayanan publik berpedoman pada ...",
        (
            "Permendagri Nomor 90 Tahun 2019",
            "PermenPANRB Nomor 14 Tahun 2017",
            "UU Nomor 25 Tahun 2009 saja",
            "Perpres Nomor 95 Tahun 2018",
        ),
        1,
        "PermenPANRB 14/2017 tentang Pedoman Penyusunan SKM.",
        0.3,
        0.7,
    ),
    DemoTestQuestion(
        "Kompetisi Inovasi Pelayanan Publik (KIPP) diselenggarakan oleh ...",
        ("Kementerian Dalam Negeri", "Bappenas", "Ombudsman RI", "Kementerian PANRB"),
        3,
        "KIPP diselenggarakan Kementerian PANRB setiap tahun.",
        0.6,
        0.9,
    ),
    DemoTestQuestion(
        "Indeks Inovasi Daerah (IID) dinilai oleh ...",
        ("Kementerian Dalam Negeri", "Kementerian PANRB", "Badan Pusat Statistik", "BPKP"),
        0,
        "Penilaiannya dilakukan Kementerian Dalam Negeri (BSKDN).",
        0.35,
        0.75,
    ),
    DemoTestQuestion(
        "Rencana aksi yang baik untuk sebuah solusi memuat ...",
        (
            "Anggarannya saja",
            "Nama kegiatan dan daftar peserta",
            "Langkah, indikator, penanggung jawab, waktu dan sumber daya",
            "Foto kegiatan",
        ),
        2,
        "Seperti kolom matriks rencana aksi lokakarya.",
        0.6,
        0.9,
    ),
)

# The evaluations on a 1-4 scale (Kurang, Cukup, Baik, Sangat baik: the scale of
# the forms most local governments print, with no neutral middle). Each target's
# usual score per item (forms vary around it) and the comments some phones wrote.
DEMO_EVALUATION_SCALE = 4
DEMO_EVALUATION_FORMS = 21  # of the 22 on the second day
DEMO_EVALUATION_LEAN: dict[str, float] = {  # the share of forms a point above the usual
    "speaker:0": 0.55,
    "speaker:1": 0.7,
    "organisation": 0.4,
}
DEMO_EVALUATION_USUAL: dict[str, dict[str, int]] = {
    "speaker:0": {
        "mastery": 3, "time": 3, "system": 3, "method": 2, "answers": 3,
        "language": 3, "motivation": 3, "attitude": 3,
    },
    "speaker:1": {
        "mastery": 3, "time": 3, "system": 3, "method": 3, "answers": 3,
        "language": 3, "motivation": 3, "attitude": 3,
    },
    "organisation": {
        "facilities": 3, "schedule": 2, "materials": 3, "service": 3,
        "administration": 3, "room": 2, "meals": 3,
    },
}  # fmt: skip
DEMO_EVALUATION_COMMENTS: dict[str, tuple[str, ...]] = {
    "speaker:0": (
        "Materi kebijakan provinsi sangat jelas dan relevan.",
        "Waktu tanya jawab terlalu singkat, banyak pertanyaan belum terjawab.",
        "Mohon bahan tayang dibagikan kepada peserta.",
    ),
    "speaker:1": (
        "Contoh proposal KIPP sangat membantu.",
        "Praktik menyusun proposal sebaiknya diberi waktu lebih lama.",
    ),
    "organisation": (
        "Daftar hadir dan evaluasi di ponsel memudahkan, tidak perlu antre.",
        "Jadwal hari kedua molor sekitar 30 menit.",
        "Ruangan terlalu dingin pada sore hari.",
    ),
}
