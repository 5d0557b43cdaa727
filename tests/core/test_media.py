"""Uploaded media in the embedded default: served by Django only when NEWSROOM_SERVE_MEDIA is on."""

import pytest
from django.conf import settings

from tests.factories import ArticleFactory, image_file


@pytest.mark.django_db
@pytest.mark.skipif(
    not settings.NEWSROOM_SERVE_MEDIA,
    reason="media are served by Django only in the embedded default",
)
def test_the_embedded_default_serves_uploaded_images(client, media_root):
    article = ArticleFactory(lead_image=image_file(), lead_image_alt="Foto")
    response = client.get(article.lead_image.url)
    # Reading the whole stream closes the file.
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert client.get("/media/../config/settings.py").status_code in {400, 404}
