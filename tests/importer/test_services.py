from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newsroom.agencies.models import Person, Role
from newsroom.articles.models import Article
from newsroom.core.models import Status, Transition
from newsroom.events.models import Event
from newsroom.importer.models import ImportedDocument
from newsroom.importer.services import Outcome, document_import
from newsroom.importer.sources import source_from_path
from tests.importer.conftest import INDRAMAYU, LABELLED, OPTIKA, text_source

WIB = ZoneInfo("Asia/Jakarta")
pytestmark = pytest.mark.usefixtures("curated_directory")


def counts():
    return [model.objects.count() for model in (Article, Event, Person, ImportedDocument)]


def test_a_document_becomes_a_linked_draft(admin_user):
    report = document_import(source=source_from_path(OPTIKA), by=admin_user)
    assert report.outcome == Outcome.CREATED
    article = report.article
    assert article.status == Status.DRAFT
    assert article.title == "Kemendagri Sosialisasi Indeks Kerawanan Pemilu 2024"
    assert article.published_at == datetime(2022, 12, 27, 14, 8, tzinfo=WIB)
    assert (article.byline, article.editor_name, article.source_outlet) == (
        "Uswatun Hasanah", "Pahlevi", "Optika.id",
    )  # fmt: skip
    assert article.lead_agency.slug == "ditjen-polpum"
    assert {a.slug for a in article.agencies.all()} == {
        "ditjen-polpum", "kemendagri", "bawaslu", "kpu", "dkpp",
    }  # fmt: skip
    assert set(article.topics.values_list("slug", flat=True)) == {
        "pemilu-2024", "indeks-kerawanan-pemilu",
    }  # fmt: skip
    assert article.body.startswith("<p>Dirjen Politik dan Pemerintahan Umum Kementerian")
    [event] = article.events.all()
    assert (event.kind, event.attendance_mode, event.all_day) == ("webinar", "online", True)
    assert event.status == Status.DRAFT
    assert [agency.slug for agency in event.organisers] == ["ditjen-polpum"]
    bahtiar = Person.objects.get(name="Bahtiar")
    assert list(event.speakers.all()) == [bahtiar]
    assert Role.objects.get(person=bahtiar).agency.slug == "ditjen-polpum"
    record = ImportedDocument.objects.get()
    assert (record.article, record.imported_by) == (article, admin_user)
    assert record.extraction["headline"] == article.title


def test_the_same_document_twice_gives_one_article():
    first = document_import(source=source_from_path(INDRAMAYU), by=None)
    before = counts()
    again = document_import(source=source_from_path(INDRAMAYU), by=None, update=True)
    assert again.outcome == Outcome.UNCHANGED
    assert again.article == first.article
    assert counts() == before == [1, 1, 9, 1]


def test_a_changed_document_is_reported_and_updated_only_on_request():
    original = INDRAMAYU.read_text(encoding="utf-8")
    document_import(source=text_source(original, INDRAMAYU.name), by=None)
    changed = text_source(
        original + "\nKalimat tambahan tentang pemilu di Indramayu.", INDRAMAYU.name
    )

    reported = document_import(source=changed, by=None)
    assert reported.outcome == Outcome.CHANGED
    article = Article.objects.get()
    assert "Kalimat tambahan" not in article.body

    updated = document_import(source=changed, by=None, update=True)
    assert updated.outcome == Outcome.UPDATED
    assert updated.article.pk == article.pk
    assert "Kalimat tambahan" in Article.objects.get().body
    assert ImportedDocument.objects.get().content_hash == changed.content_hash
    assert Event.objects.count() == 1


def test_a_dry_run_keeps_nothing():
    report = document_import(source=source_from_path(INDRAMAYU), by=None, dry_run=True)
    assert report.outcome == Outcome.CREATED
    assert report.extraction.events
    assert counts() == [0, 0, 0, 0]


def test_publishing_publishes_the_article_and_its_new_events():
    article = document_import(source=source_from_path(OPTIKA), by=None, publish=True).article
    assert Article.objects.published().get() == article
    event = Event.objects.published().get()
    assert event.published_at == article.published_at


def test_what_an_import_publishes_is_in_the_audit_trail(admin_user):
    article = document_import(source=source_from_path(OPTIKA), by=admin_user, publish=True).article
    steps = Transition.objects.filter(action=Transition.Action.PUBLISH)
    assert {(step.item, step.by, step.to_status) for step in steps} == {
        (article, admin_user, Status.PUBLISHED),
        (Event.objects.get(), admin_user, Status.PUBLISHED),
    }
    assert all(OPTIKA.name in step.note for step in steps)
    # Imported again: nothing new was published, so nothing new is recorded.
    document_import(source=source_from_path(OPTIKA), by=admin_user, publish=True)
    assert steps.count() == 2


def test_the_same_event_in_two_documents_is_one_event():
    first = document_import(source=source_from_path(OPTIKA), by=None).article
    second = document_import(
        source=source_from_path(LABELLED / "nusantara_webinar_ikp.txt"), by=None
    ).article
    assert Event.objects.count() == 1
    assert list(first.events.all()) == list(second.events.all())
    assert Person.objects.filter(name="Bahtiar").count() == 1


def test_an_editors_corrections_replace_what_was_read():
    report = document_import(
        source=source_from_path(INDRAMAYU),
        by=None,
        corrections={"headline": "Judul dari Redaktur", "lead_agency": "kemendagri",
                     "agencies": ["kpu"], "events": []},
    )  # fmt: skip
    article = report.article
    assert article.title == "Judul dari Redaktur"
    assert article.slug == "judul-dari-redaktur"
    assert article.lead_agency.slug == "kemendagri"
    assert {a.slug for a in article.agencies.all()} == {"kemendagri", "kpu"}
    assert not article.events.exists()
    assert not report.extraction.headline_proposed


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Tidak ditemukan teks berita"),
        ("ADVERTISEMENT\nBaca Juga: Berita Lain", "Tidak ditemukan teks berita"),
    ],
)
def test_a_document_without_a_story_fails_and_leaves_nothing(text, message):
    report = document_import(source=text_source(text), by=None)
    assert report.outcome == Outcome.FAILED
    assert message in report.message
    assert counts() == [0, 0, 0, 0]


def test_an_invalid_article_fails_whole_with_its_message():
    report = document_import(
        source=source_from_path(OPTIKA), by=None, corrections={"headline": "x" * 300}
    )
    assert report.outcome == Outcome.FAILED
    assert "title" in report.message
    assert counts() == [0, 0, 0, 0]


def test_slugs_stay_unique():
    first = document_import(
        source=text_source("Judul Sama Sekali\n" + "Isi berita panjang. " * 5, "a.txt"), by=None
    )
    second = document_import(
        source=text_source("Judul Sama Sekali\n" + "Isi berita lain. " * 5, "b.txt"), by=None
    )
    assert (first.article.slug, second.article.slug) == ("judul-sama-sekali", "judul-sama-sekali-2")


@pytest.mark.parametrize(
    "corrections",
    [{"lead_agency": "tidak-ada"}, {"agencies": ["kpu", "tidak-ada"]}],
)
def test_corrections_naming_an_unknown_agency_fail_whole(corrections):
    report = document_import(source=source_from_path(OPTIKA), by=None, corrections=corrections)
    assert report.outcome == Outcome.FAILED
    assert "tidak-ada" in report.message
    assert counts() == [0, 0, 0, 0]


def test_corrections_keep_only_events_that_were_read():
    report = document_import(
        source=source_from_path(OPTIKA), by=None, corrections={"events": [0, 7]}
    )
    assert report.article.events.count() == 1
