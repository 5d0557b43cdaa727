"""The desk's upload forms fed with malformed files, and a media storage that fails: always a
clear answer, never a server error, and never a record half made."""

import io

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from newsroom.articles.models import Article
from newsroom.core.models import Status
from tests.admin_forms import change_form_data
from tests.factories import AgencyFactory, ArticleFactory, UserFactory, image_file
from tests.importer.conftest import INDRAMAYU, OPTIKA, curated_directory  # noqa: F401 (a fixture)

UPLOAD = "/admin/importer/importeddocument/upload/"
FUZZ = hypothesis_settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


def valid_image(image_format):
    output = io.BytesIO()
    Image.new("RGB", (48, 32), (20, 120, 200)).save(output, format=image_format)
    return output.getvalue()


@st.composite
def damaged(draw, originals):
    """A real file cut short, with bytes changed, or with something before or after it."""
    data = bytearray(draw(st.sampled_from(originals)))
    damage = draw(st.sampled_from(["cut", "flip", "prefix", "suffix", "random"]))
    if damage == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "flip":
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    elif damage == "prefix":
        data = draw(st.binary(max_size=64)) + data
    elif damage == "suffix":
        data += draw(st.binary(max_size=256))
    else:
        data = draw(st.binary(max_size=2048))
    return bytes(data)


FILE_NAMES = st.sampled_from(
    [
        "foto.jpg",
        "foto.png",
        "../../etc/passwd",
        "gambar tanpa ekstensi",
        "skrip.php.jpg",
        "\uff46\uff4f\uff54\uff4f.JPG",  # full-width letters
        "a" * 300 + ".png",
        ".htaccess",
        "berita.txt",
        "halaman.html",
    ]
)


@pytest.fixture
def editor_client(client, roles):
    client.force_login(UserFactory(role="Editor"))
    return client


@pytest.mark.django_db
@given(
    content=damaged([valid_image("JPEG"), valid_image("PNG"), valid_image("WEBP")]),
    name=FILE_NAMES,
)
@FUZZ
def test_damaged_lead_images(editor_client, media_root, content, name):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, lead_agency=AgencyFactory())
    url = f"/admin/articles/article/{article.pk}/change/"
    data = change_form_data(
        editor_client.get(url),
        lead_image=SimpleUploadedFile(name, content),
        lead_image_alt="Foto kegiatan",
        title="Judul baru",
    )
    response = editor_client.post(url, data)
    article.refresh_from_db()
    if response.status_code == 302:
        # Accepted: then it is a whole image of an accepted kind, and the rest was saved with it.
        assert article.title == "Judul baru"
        with article.lead_image.open("rb") as stored, Image.open(stored) as image:
            image.load()
            assert image.format in {"JPEG", "PNG", "WEBP"}
    else:
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["lead_image"]
        assert article.title != "Judul baru"
        assert not article.lead_image


def texts():
    real = [INDRAMAYU.read_bytes(), OPTIKA.read_bytes()]
    encoded = st.text(max_size=500).flatmap(
        lambda text: st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]).map(
            lambda encoding: text.encode(encoding, errors="replace")
        )
    )
    return st.one_of(damaged(real), encoded, st.binary(max_size=4096))


@pytest.mark.django_db
@pytest.mark.usefixtures("curated_directory")
@given(content=texts(), name=FILE_NAMES)
@FUZZ
def test_damaged_documents_to_import(admin_client, content, name):
    response = admin_client.post(UPLOAD, {"documents": [SimpleUploadedFile(name, content)]})
    assert response.status_code == 200
    assert b"Traceback" not in response.content
    # Reading a document saves nothing: the editor saves after reviewing it.
    assert not Article.objects.exists()


class FailingStorage(FileSystemStorage):
    def _save(self, name, content):
        raise OSError("The media storage does not answer")


@pytest.fixture
def failing_storage(monkeypatch, media_root):
    monkeypatch.setattr(FileSystemStorage, "_save", FailingStorage._save)


@pytest.mark.django_db
def test_a_failing_storage_leaves_an_article_as_it_was(editor_client, failing_storage):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, lead_agency=AgencyFactory())
    url = f"/admin/articles/article/{article.pk}/change/"
    data = change_form_data(
        editor_client.get(url),
        lead_image=image_file("foto.jpg"),
        lead_image_alt="Foto kegiatan",
        title="Judul baru",
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["lead_image"]
    assert "tidak dapat disimpan" in " ".join(errors)
    # What was typed is still in the form; nothing of it was saved.
    assert 'value="Judul baru"' in response.text
    article.refresh_from_db()
    assert article.title != "Judul baru"
    assert not article.lead_image


@pytest.mark.django_db
def test_a_failing_storage_creates_no_article(editor_client, failing_storage):
    agency = AgencyFactory()
    url = "/admin/articles/article/add/"
    data = change_form_data(
        editor_client.get(url),
        title="Berita baru",
        slug="berita-baru",
        summary="Ringkasan.",
        body="<p>Isi.</p>",
        lead_image=image_file("foto.jpg"),
        lead_image_alt="Foto kegiatan",
        **{"article_agencies-0-agency": agency.pk, "article_agencies-0-role": "lead"},
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert "tidak dapat disimpan" in response.text
