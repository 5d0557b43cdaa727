"""Lead images: checked by content, size and pixels; location removed; responsive renditions."""

import re
import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from newsroom.core.models import Status
from tests.admin_forms import change_form_data
from tests.factories import AgencyFactory, ArticleFactory, EventFactory, UserFactory, image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, roles):
    client.force_login(UserFactory(role="Editor"))
    return client


def png_claiming(width, height):
    """A tiny PNG whose header claims a huge size: a decompression bomb's first bytes."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def hundred_megapixel_png():
    output = BytesIO()
    Image.new("1", (10_000, 10_000)).save(output, format="PNG")
    return output.getvalue()


def jpeg_with_location():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Kamera Dinas"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (6.0, 20.0, 0.0),
    }
    return image_file("lokasi.jpg", exif=exif.tobytes())


def upload(editor_client, article, file, alt="Foto kegiatan"):
    url = f"/admin/articles/article/{article.pk}/change/"
    data = change_form_data(editor_client.get(url), lead_image=file, lead_image_alt=alt)
    return editor_client.post(url, data)


@pytest.fixture
def article(db):
    return ArticleFactory(status=Status.DRAFT, published_at=None, lead_agency=AgencyFactory())


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bom.png", png_claiming(50_000, 50_000), "megapiksel"),
        ("besar.png", hundred_megapixel_png(), "10000 × 10000"),
        ("bukan-gambar.jpg", b"<?php echo 'bukan gambar'; ?>", "JPEG, PNG, atau WebP"),
        ("animasi.gif", image_file("a.gif", image_format="GIF").read(), "JPEG, PNG, atau WebP"),
        (
            "skrip.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "JPEG, PNG, atau WebP",
        ),
    ],
)
def test_uploads_that_are_not_acceptable_images_are_refused_with_a_message(
    editor_client, article, media_root, name, content, message
):
    response = upload(editor_client, article, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["lead_image"])
    assert message in errors
    article.refresh_from_db()
    assert not article.lead_image


def test_a_file_over_the_size_limit_is_refused(editor_client, article, media_root, settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 100
    response = upload(editor_client, article, image_file())
    assert "paling besar" in " ".join(response.context["adminform"].form.errors["lead_image"])


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted_whatever_their_name(
    editor_client, article, media_root, image_format
):
    response = upload(editor_client, article, image_file("foto.bin", image_format=image_format))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.lead_image_width, article.lead_image_height) == (64, 48)


def test_an_image_needs_alt_text(editor_client, article, media_root):
    response = upload(editor_client, article, image_file(), alt="")
    assert response.status_code == 200
    assert "lead_image_alt" in response.context["adminform"].form.errors


def test_the_location_is_removed_from_the_exif_data(editor_client, article, media_root):
    assert upload(editor_client, article, jpeg_with_location()).status_code == 302
    article.refresh_from_db()
    with Image.open(article.lead_image.path) as saved:
        exif = saved.getexif()
    assert ExifTags.IFD.GPSInfo not in exif
    assert exif[ExifTags.Base.Make] == "Kamera Dinas"


@pytest.mark.parametrize("factory", [ArticleFactory, EventFactory])
def test_public_pages_offer_webp_renditions_with_srcset_sizes_and_lazy_loading(
    client, media_root, factory
):
    item = factory(lead_image=image_file(size=(1600, 900)), lead_image_alt="Peserta rapat")
    detail = client.get(item.get_absolute_url()).text
    listing = client.get("/berita/" if factory is ArticleFactory else "/agenda/").text

    srcset = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)">', detail)
    widths = [int(width) for width in re.findall(r"\.webp (\d+)w", srcset[1])]
    assert widths == [480, 800, 1200]
    assert 'alt="Peserta rapat" width="1600" height="900"' in detail
    assert 'fetchpriority="high"' in detail
    assert 'loading="lazy"' in listing
    assert "image/webp" in listing
    rendition = re.search(r'srcset="(\S+\.webp) 480w', detail)[1]
    with Image.open(media_root / rendition.removeprefix("/media/")) as image:
        assert (image.format, image.width) == ("WEBP", 480)


def test_a_small_image_is_not_enlarged(client, media_root):
    article = ArticleFactory(lead_image=image_file(size=(600, 400)), lead_image_alt="Kecil")
    detail = client.get(article.get_absolute_url()).text
    assert re.findall(r"\.webp (\d+)w", detail) == ["480", "600"]


def test_a_missing_image_file_does_not_break_the_page(client, media_root):
    article = ArticleFactory(lead_image=image_file(), lead_image_alt="Hilang")
    (media_root / article.lead_image.name).unlink()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert 'alt="Hilang"' in response.text
