import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.core.models import Status
from tests.importer.conftest import INDRAMAYU, OPTIKA

UPLOAD = "/admin/importer/importeddocument/upload/"
pytestmark = pytest.mark.usefixtures("curated_directory")


def uploaded(path):
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def review_data(response):
    """The review page's forms sent back as they were filled in."""
    formset = response.context["formset"]
    data = {f"form-{key}": value for key, value in formset.management_form.initial.items()}
    data["review"] = "1"
    for form in formset.forms:
        for name in form.fields:
            value, key = form[name].value(), form.add_prefix(name)
            if name == "published_at":
                local = timezone.localtime(value)
                data[f"{key}_0"], data[f"{key}_1"] = f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}"
            elif value not in (None, False):
                data[key] = value
    return data


@pytest.fixture
def editor(admin_client):
    return admin_client


def test_the_list_offers_the_import(editor):
    response = editor.get("/admin/importer/importeddocument/")
    assert UPLOAD in response.text


def test_upload_review_correct_and_save_as_drafts(editor):
    response = editor.post(UPLOAD, {"documents": [uploaded(INDRAMAYU), uploaded(OPTIKA)]})
    assert response.status_code == 200
    assert "Kemendagri Sosialisasi Indeks Kerawanan Pemilu 2024" in response.text
    assert "Ditjen Polpum Menggelar Webinar" in response.text
    # The proposed headline is flagged, in the editor's language.
    assert "tidak memiliki judul" in response.text
    data = review_data(response)
    assert data["form-TOTAL_FORMS"] == 2
    data["form-0-headline"] = "Judul Pilihan Redaktur"
    response = editor.post(UPLOAD, data)
    assert response.status_code == 302
    titles = set(Article.objects.values_list("title", flat=True))
    assert titles == {
        "Judul Pilihan Redaktur",
        "Kemendagri Sosialisasi Indeks Kerawanan Pemilu 2024",
    }
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}
    indramayu = Article.objects.get(title="Judul Pilihan Redaktur")
    assert indramayu.events.count() == 1


def test_a_document_imported_before_is_said_so(editor):
    response = editor.post(UPLOAD, {"documents": [uploaded(OPTIKA)]})
    editor.post(UPLOAD, review_data(response))
    response = editor.post(UPLOAD, {"documents": [uploaded(OPTIKA)]})
    assert response.status_code == 200
    assert "form-TOTAL_FORMS" not in response.text
    assert Article.objects.get().title in response.text


@pytest.mark.parametrize(
    "name, content",
    [("catatan.pdf", b"%PDF-1.4"), ("kosong.txt", b"\x00\x00"), ("halaman.html", b"<html></html>")],
)
def test_unreadable_uploads_get_a_message_not_an_error(editor, name, content):
    response = editor.post(UPLOAD, {"documents": [SimpleUploadedFile(name, content)]})
    assert response.status_code == 200
    assert name in response.text
    assert not Article.objects.exists()


def test_an_upload_kept_too_long_asks_for_it_again(editor):
    data = review_data(editor.post(UPLOAD, {"documents": [uploaded(OPTIKA)]}))
    cache.clear()
    response = editor.post(UPLOAD, data, follow=True)
    assert OPTIKA.name in response.text
    assert not Article.objects.exists()


def test_a_tampered_review_is_refused_without_saving(editor):
    data = review_data(editor.post(UPLOAD, {"documents": [uploaded(OPTIKA)]}))
    data.update({"form-0-headline": "", "form-0-lead_agency": "tidak-ada"})
    response = editor.post(UPLOAD, data)
    assert response.status_code == 400
    assert not Article.objects.exists()


def test_staff_without_the_permission_cannot_import(client):
    user = get_user_model().objects.create_user("penulis", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 403


def test_sending_no_document_says_so(editor):
    response = editor.post(UPLOAD, {"something": "else"})
    assert response.status_code == 200
    assert 'class="errorlist' in response.text
