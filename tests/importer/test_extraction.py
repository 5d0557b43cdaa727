"""Extraction, rule by rule, on short documents written for each rule."""

import pytest

from newsroom.importer.extraction import Flag, extract
from newsroom.importer.sources import source_from_path
from tests.importer.conftest import INDRAMAYU, OPTIKA, text_source

STORY = (
    "Pemerintah Kabupaten Indramayu menggelar rapat koordinasi penanganan banjir bersama "
    "seluruh camat di Pendopo Indramayu, Senin (6/3/2023)."
)


def read(text, directory, **kwargs):
    return extract(text_source(text), directory=directory, **kwargs)


@pytest.mark.parametrize(
    "junk",
    [
        "Baca Juga: Gagal Maju Pilgub Jadi Hal Untung bagi Anies, Kok Bisa?",
        "baca juga Pemkot Gelar Rapat",
        "ADVERTISEMENT",
        "SCROLL TO RESUME CONTENT",
        "Simak breaking news dan berita pilihan kami langsung di ponselmu.",
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.",
        "Tags: Pemilu 2024, KPU",
        "Copyright © ANTARA 2023",
        "Bagikan: Facebook Twitter WhatsApp",
        "- Pewarta",
        "Artikel ini telah tayang di Tribun-Timur.com dengan judul Rapat.",
    ],
)
def test_page_junk_is_not_the_story(directory, junk):
    found = read(f"Judul Berita Hari Ini\n\n{STORY}\n\n{junk}\n\n{STORY}", directory)
    assert found.paragraphs == [STORY, STORY]


@pytest.mark.parametrize(
    "after",
    [
        "BERITA TERBARU\nBupati Resmikan Jembatan Baru di Lohbener",
        "Berita Terkait\nBupati Resmikan Jembatan Baru di Lohbener",
        "Tentang Kementerian Komunikasi dan Informatika\nKementerian yang membidangi komunikasi.",
        "Untuk informasi lebih lanjut hubungi: Biro Humas",
    ],
)
def test_the_story_ends_where_the_page_or_release_goes_on_about_other_things(directory, after):
    assert read(f"{STORY}\n{after}", directory).paragraphs == [STORY]


@pytest.mark.parametrize(
    "credits, byline, editor",
    [
        ("author Uswatun Hasanah\n- Pewarta", "Uswatun Hasanah", ""),
        ("Penulis: Dwi Rahmawati | Editor: Andi Saputra", "Dwi Rahmawati", "Andi Saputra"),
        ("Pewarta: Ricky Prayoga\nEditor: Budi Suyanto", "Ricky Prayoga", "Budi Suyanto"),
        ("Rahel Narda Chaterine - detikNews", "Rahel Narda Chaterine", ""),
        ("Laporan Wartawan Tribun-Timur.com, Siti Aminah", "Siti Aminah", ""),
        ("Reporter : Nurul Fitri\nRedaktur : Asep", "Nurul Fitri", "Asep"),
    ],
)
def test_bylines_and_editors(directory, credits, byline, editor):
    found = read(f"Judul Berita Hari Ini\n{credits}\n{STORY}", directory)
    assert (found.byline, found.editor) == (byline, editor)
    assert found.paragraphs == [STORY]


def test_a_sentence_that_opens_with_oleh_is_not_a_byline(directory):
    sentence = "Oleh karena itu, pemerintah daerah diminta menyiapkan anggaran penanganan banjir."
    assert read(f"{STORY}\n{sentence}", directory).paragraphs == [STORY, sentence]


@pytest.mark.parametrize(
    "prefix, outlet, place",
    [
        ("DISKOMINFO INDRAMAYU –", "Diskominfo Indramayu", "Indramayu"),
        ("Optika.id -", "Optika.id", ""),
        ("JAKARTA, KOMPAS.com -", "KOMPAS.com", "Jakarta"),
        ("Bandung (ANTARA) -", "Antara", "Bandung"),
        ("TRIBUN-TIMUR.COM, MAKASSAR -", "tribun-timur.com", "Makassar"),
        ("MATARAM –", "", "Mataram"),
        ("Jakarta -", "", "Jakarta"),
        ("HUMAS PEMKOT MATARAM –", "Humas Pemkot Mataram", ""),
    ],
)
def test_the_dateline_prefix_gives_outlet_and_place(directory, prefix, outlet, place):
    found = read(f"{prefix} {STORY}", directory)
    assert (found.outlet, found.place) == (outlet, place or found.place)
    assert found.paragraphs == [STORY]


def test_a_dash_inside_a_sentence_is_no_prefix(directory):
    text = "Menurut Bupati, hal itu - yang sudah lama dinanti warga - akan selesai pada 2023 ini."
    assert read(text, directory).paragraphs == [text]


def test_a_press_release_dateline_gives_the_day_at_noon(directory):
    found = read(f"Indramayu, 3 Maret 2023 – {STORY}", directory)
    assert found.published_at.isoformat() == "2023-03-03T12:00:00+07:00"
    assert found.place == "Indramayu"
    assert Flag.PUBLISHED_FROM_STORY not in found.flags


@pytest.mark.parametrize(
    "text, published, from_story",
    [
        # The dateline, not the day of the event the story reports.
        (f"Judul Berita Hari Ini\nSelasa, 7 Mar 2023 09:10 WIB\n{STORY}",
         "2023-03-07T09:10:00+07:00", False),
        # No dateline: the first day the story names, at noon, flagged.
        (STORY, "2023-03-06T12:00:00+07:00", True),
        # Noon in the document's own zone.
        (STORY.replace("Senin (6/3/2023)", "Senin (6/3/2023) pukul 09.00 WITA"),
         "2023-03-06T12:00:00+08:00", True),
    ],
)  # fmt: skip
def test_the_publication_time_is_told_apart_from_the_event(directory, text, published, from_story):
    found = read(text, directory)
    assert found.published_at.isoformat() == published
    assert (Flag.PUBLISHED_FROM_STORY in found.flags) == from_story
    assert [event.day.isoformat() for event in found.events] == ["2023-03-06"]


def test_an_event_announced_for_later_is_not_the_publication_day(directory):
    text = (
        "Bawaslu akan menggelar sosialisasi pada Kamis, 16 Maret 2023 pukul 09.00 WIB.\n"
        "Kami ingin pemilih pemula ikut mengawasi, kata Nurhadi, Senin (13/3/2023)."
    )
    found = read(text, directory)
    assert found.published_at.isoformat() == "2023-03-13T12:00:00+07:00"
    assert [event.day.isoformat() for event in found.events] == ["2023-03-16"]


def test_no_date_at_all_is_flagged(directory):
    found = read(
        "Pemerintah Kabupaten Indramayu mengimbau warga waspada banjir musim ini.", directory
    )
    assert found.published_at is None
    assert Flag.NO_PUBLICATION_TIME in found.flags


def test_a_repeated_headline_is_taken_once(directory):
    found = extract(source_from_path(OPTIKA), directory=directory)
    assert found.headline == "Kemendagri Sosialisasi Indeks Kerawanan Pemilu 2024"
    assert not found.headline_proposed
    assert found.headline not in found.paragraphs


def test_a_document_without_headline_gets_a_proposed_one(directory):
    found = extract(source_from_path(INDRAMAYU), directory=directory)
    assert found.headline_proposed
    assert Flag.HEADLINE_PROPOSED in found.flags
    assert found.headline.startswith("Ditjen Polpum Menggelar Webinar")
    assert "(" not in found.headline
    assert len(found.headline) <= 110


@pytest.mark.parametrize(
    "sentence, people",
    [
        ("Bupati Indramayu Nina Agustina membuka acara.", [("Nina Agustina", "Bupati Indramayu")]),
        (
            "Kepala Dinas Kesehatan Kota Mataram dr. H. Emirald Isfihan mengatakan hal itu.",
            [("Emirald Isfihan", "Kepala Dinas Kesehatan Kota Mataram")],
        ),
        (
            "Sekretaris Badan Kesatuan Bangsa dan Politik, Budi Setiawan, hadir.",
            [("Budi Setiawan", "Sekretaris Badan Kesatuan Bangsa dan Politik")],
        ),
        (
            "Penjabat Sekretaris Daerah Papua Ridwan Rumasukun memimpin upacara.",
            [("Ridwan Rumasukun", "Penjabat Sekretaris Daerah Papua")],
        ),
        ("Camat Jatibarang Didi Wahyudi turut hadir.", [("Didi Wahyudi", "Camat Jatibarang")]),
        ("Ketua KPU Hasyim Asy'ari menyebut.", [("Hasyim Asy'ari", "Ketua KPU")]),
        ("Menkominfo Johnny G. Plate hadir.", [("Johnny G. Plate", "Menkominfo")]),
        # A word the vocabulary lacks inside a title does not become the name.
        (
            "Direktur Jenderal Aplikasi Informatika Kementerian Kominfo Semuel Pangerapan hadir.",
            [("Semuel Pangerapan", "Direktur Jenderal Aplikasi Informatika Kementerian Kominfo")],
        ),
        # The president named twice is one person.
        (
            "Presiden RI Joko Widodo memberi arahan. Arahan Presiden Jokowi jelas.",
            [("Joko Widodo", "Presiden RI")],
        ),
        # A title followed by no name names no one.
        ("Jokowi memerintahkan sejumlah Menteri untuk mendukung KPU.", []),
        ("Kepala Dinas Kependudukan Selasa (3/1/2023) hadir.", []),
    ],
)
def test_people_with_their_titles(directory, sentence, people):
    found = read(f"Pemerintah Kabupaten Indramayu menggelar acara. {sentence}", directory)
    assert [(p["name"], p["title"]) for p in found.people] == people


def test_an_official_title_links_the_person_to_the_agency(directory):
    found = extract(source_from_path(INDRAMAYU), directory=directory)
    agencies = {p["name"]: p["agency"] for p in found.people}
    assert agencies["Bahtiar"] == "ditjen-polpum"
    assert agencies["Nina Agustina"] == "pemkab-indramayu"
    assert agencies["Moh. Iskak Iskandar"] == "disdukcapil-indramayu"


@pytest.mark.parametrize(
    "sentence, kind, attendance",
    [
        ("menggelar webinar bertajuk Literasi Digital", "webinar", "online"),
        ("menggelar rapat koordinasi secara daring", "meeting", "online"),
        ("menggelar rapat kerja secara virtual", "meeting", "online"),
        ("menggelar sosialisasi secara tatap muka", "socialisation", "in_person"),
        ("menggelar sosialisasi bertempat di Aula Setda", "socialisation", "in_person"),
        ("menggelar rapat secara luring dan daring", "meeting", "hybrid"),
        ("menggelar rapat secara hybrid", "meeting", "hybrid"),
        ("menggelar konferensi pers di Aula Pendopo", "press_conference", "in_person"),
        ("menggelar upacara Hari Jadi", "ceremony", "in_person"),
        ("menggelar bimbingan teknis", "other", "in_person"),
    ],
)  # fmt: skip
def test_event_kinds_and_attendance(directory, sentence, kind, attendance):
    found = read(f"Pemerintah Kabupaten Indramayu {sentence}, Senin (6/3/2023).", directory)
    assert [(e.kind, e.attendance, e.day.isoformat()) for e in found.events] == [
        (kind, attendance, "2023-03-06")
    ]
    assert found.events[0].organiser == "pemkab-indramayu"


@pytest.mark.parametrize(
    "text",
    [
        # Background: an event no sentence dates.
        "Pemerintah Kabupaten Indramayu mengingatkan hasil rapat konsolidasi yang dilakukan "
        "KPU beberapa waktu yang lalu.",
        # "rapat-rapat" are meetings in general, not one.
        "Pemerintah Kabupaten Indramayu meminta rapat-rapat rutin dilakukan, Senin (6/3/2023).",
        # A policy story.
        "Kementerian Dalam Negeri meminta pemerintah daerah menggunakan data terbaru.",
    ],
)
def test_no_event_where_none_is_described(directory, text):
    assert read(text, directory).events == []


def test_an_event_named_twice_is_one_event_with_its_theme_and_time(directory):
    text = (
        "Dinas Komunikasi dan Informatika Provinsi Papua menggelar webinar, Kamis (16/2/2023).\n"
        'Webinar bertajuk "Cakap Digital, ASN Melayani" itu berlangsung secara virtual melalui '
        "Zoom Meeting pukul 09.00–12.00 WIT di https://zoom.us/j/123456."
    )
    [event] = read(text, directory).events
    assert event.title == "Webinar Cakap Digital, ASN Melayani"
    assert (f"{event.start_time:%H:%M}", f"{event.end_time:%H:%M}", event.zone) == (
        "09:00", "12:00", "WIT",
    )  # fmt: skip
    assert event.online_url == "https://zoom.us/j/123456"
    assert event.organiser == "diskominfo-papua"


def test_the_venue_of_an_online_event_is_where_officials_followed_it(directory):
    [event] = extract(source_from_path(INDRAMAYU), directory=directory).events
    assert event.attendance == "online"
    assert event.venue == "Indramayu Command Center (ICC), Indramayu"
    assert "kpu" not in event.participants
    assert event.speakers == ["Bahtiar"]


def test_topics_are_recognised_by_name(directory):
    found = read(STORY + " Persiapan Pemilu 2024 dibahas.", directory, topics={"Pemilu 2024": "p"})
    assert found.topics == ["p"]
    assert read(STORY, directory, topics={"Pemilu 2024": "p"}).topics == []


def test_unknown_agencies_are_reported_for_the_editor(directory):
    found = read(STORY + " Hadir pula Kepala DPRD Indramayu Budi.", directory)
    assert found.unknown_agencies == ["DPRD Indramayu"]
    assert Flag.UNKNOWN_AGENCIES in found.flags


@pytest.mark.parametrize(
    "prefix, outlet, place",
    [
        ("Jakarta, CNN Indonesia --", "CNN Indonesia", "Jakarta"),
        ("TEMPO.CO, Jakarta -", "tempo.co", "Jakarta"),
    ],
)
def test_more_dateline_prefixes(directory, prefix, outlet, place):
    found = read(f"{prefix} {STORY}", directory)
    assert (found.outlet, found.place, found.paragraphs) == (outlet, place, [STORY])


def test_a_closing_credit_in_brackets_is_not_a_paragraph(directory):
    assert read(f"{STORY}\n(Puspen Kemendagri)", directory).paragraphs == [STORY]
