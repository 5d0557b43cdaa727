import pytest

from newsroom.agencies.recognition import (
    AgencyDirectory,
    AgencyEntry,
    unrecognised_agency_names,
)

ENTRIES = [
    AgencyEntry("kemendagri", "Kementerian Dalam Negeri", "Kemendagri"),
    AgencyEntry(
        "ditjen-polpum", "Direktorat Jenderal Politik dan Pemerintahan Umum", "Ditjen Polpum",
        parent="kemendagri",
    ),
    AgencyEntry("kpu", "Komisi Pemilihan Umum", "KPU", aliases=("KPU RI",)),
    AgencyEntry(
        "kpu-jabar", "Komisi Pemilihan Umum Provinsi Jawa Barat", "KPU Jabar", parent="kpu"
    ),
    AgencyEntry("bawaslu", "Badan Pengawas Pemilihan Umum", "Bawaslu"),
    AgencyEntry(
        "pemkab-indramayu", "Pemerintah Kabupaten Indramayu", "Pemkab Indramayu",
        kind="regional_government",
    ),
    AgencyEntry(
        "setda-indramayu", "Sekretariat Daerah Kabupaten Indramayu", "Setda Indramayu",
        parent="pemkab-indramayu",
    ),
    AgencyEntry(
        "tapem", "Bagian Tata Pemerintahan Sekretariat Daerah Kabupaten Indramayu",
        aliases=("Bagian Tata Pemerintahan Setda Indramayu",), parent="setda-indramayu",
    ),
    AgencyEntry(
        "bkd-indramayu", "Badan Keuangan Daerah Kabupaten Indramayu", "BKD Indramayu",
        parent="pemkab-indramayu",
    ),
    AgencyEntry(
        "pemkot-mataram", "Pemerintah Kota Mataram", "Pemkot Mataram", kind="regional_government"
    ),
]  # fmt: skip


@pytest.fixture(scope="module")
def directory():
    return AgencyDirectory.from_entries(ENTRIES)


@pytest.mark.parametrize(
    "text, region, slugs",
    [
        # Names, short names, aliases; any case for words, whole words only.
        ("Kementerian Dalam Negeri menggelar", None, ["kemendagri"]),
        ("dukungan kita kementerian dalam negeri", None, ["kemendagri"]),
        ("Kemendagri RI dan KPU RI", None, ["kemendagri", "kpu"]),
        # Acronyms in their case and as whole words only.
        ("KPUD dan PKPU serta kpu lama", None, []),
        ("laman kpu.go.id dan bawaslu.go.id", None, []),
        ("Perbawaslu tentang pengawasan", None, []),
        ("KPU-nya siap", None, ["kpu"]),
        # Officials' titles name their agency.
        ("Dirjen Politik dan Pemerintahan Umum Bahtiar", None, ["ditjen-polpum"]),
        ("Direktur Jenderal Politik dan Pemerintahan Umum", None, ["ditjen-polpum"]),
        ("Mendagri Tito Karnavian", None, ["kemendagri"]),
        ("Menteri Dalam Negeri", None, ["kemendagri"]),
        ("Bupati Indramayu Nina Agustina", None, ["pemkab-indramayu"]),
        ("Wali Kota Mataram dan Walikota Mataram", None, ["pemkot-mataram", "pemkot-mataram"]),
        ("Sekda Indramayu", None, ["setda-indramayu"]),
        # The longest name wins where names overlap.
        ("Kepala Bagian Tata Pemerintahan Setda Indramayu", None, ["tapem"]),
        # An acronym in brackets inside a name.
        ("Komisi Pemilihan Umum (KPU) Provinsi Jawa Barat", None, ["kpu-jabar"]),
        # A regional office named without its place counts in its own region only.
        ("Sekretaris Badan Keuangan Daerah Amrullah", "Indramayu", ["bkd-indramayu"]),
        ("Sekretaris Badan Keuangan Daerah Amrullah", "Mataram", []),
        ("Sekretaris Badan Keuangan Daerah Amrullah", None, []),
        ("Kepala BKD hadir", "Indramayu", ["bkd-indramayu"]),
        # A regional government is never meant by "Pemerintah Kabupaten" alone.
        ("Pemerintah Kabupaten menyiapkan", "Indramayu", []),
    ],
)
def test_recognition(directory, text, region, slugs):
    assert [m.slug for m in directory.recognise(text, region=region)] == slugs


def test_the_directory_knows_an_outlet_and_its_region(directory):
    assert directory.lookup("PEMKOT  MATARAM").slug == "pemkot-mataram"
    assert directory.lookup("Dinas Entah") is None
    assert directory.region("tapem") == "Indramayu"
    assert directory.region("kpu-jabar") is None
    assert directory.ancestors("tapem") == ["setda-indramayu", "pemkab-indramayu"]


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "Kepala Dinas Pendidikan Kabupaten Cirebon Ahmad Fauzi hadir.",
            ["Dinas Pendidikan Kabupaten Cirebon"],
        ),
        ("bersama DPRD Indramayu dan BPBD Kota Mataram", ["DPRD Indramayu", "BPBD Kota Mataram"]),
        (
            "Dinas Pekerjaan Umum dan Penataan Ruang Budi Santoso",
            ["Dinas Pekerjaan Umum dan Penataan Ruang"],
        ),
        (
            "perwakilan Kementerian Kesehatan dan Badan Pengawas Pemilihan Umum",
            ["Kementerian Kesehatan"],
        ),
        ("Pemerintah Kota Bogor", ["Pemerintah Kota Bogor"]),
        (
            "Kepala Badan Perencanaan Pembangunan Daerah (Bappeda) Kabupaten Cirebon",
            ["Badan Perencanaan Pembangunan Daerah (Bappeda) Kabupaten Cirebon"],
        ),
        # A known body's office in a region the directory lacks.
        (
            "Badan Pengawas Pemilihan Umum Kabupaten Cirebon menggelar",
            ["Badan Pengawas Pemilihan Umum Kabupaten Cirebon"],
        ),
        # Generic words and buildings are not agencies.
        ("pemerintah pusat dan Pemerintah Daerah serta Dinas terkait", []),
        ("di Balai Kota Makassar", []),
    ],
)
def test_names_that_look_like_agencies_the_directory_lacks(directory, text, names):
    mentions = directory.recognise(text)
    assert unrecognised_agency_names(text, mentions) == names
