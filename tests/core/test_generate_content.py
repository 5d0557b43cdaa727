from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from newsroom.agencies.models import Agency
from newsroom.articles.models import Article
from newsroom.core.models import Status
from newsroom.events.models import Event
from tests.factories import ArticleFactory


def generate(**options):
    call_command("generate_content", stdout=StringIO(), **options)


@pytest.mark.django_db
def test_generated_content_is_realistic_and_mostly_public():
    generate(articles=400, events=20, batch_size=150)
    assert Article.objects.count() == 400
    assert Event.objects.count() == 20
    public = Article.objects.published().count()
    assert 340 < public < 400
    assert set(Article.objects.values_list("status", flat=True)) >= {
        Status.PUBLISHED,
        Status.DRAFT,
    }
    assert Article.objects.filter(status=Status.PUBLISHED).count() > public  # some scheduled
    assert Agency.objects.filter(parent__isnull=False).exists()
    assert not Article.objects.exclude(article_agencies__role="lead").exists()
    assert Article.objects.filter(topics__isnull=True).count() == 0
    # The rows were written around the ORM; the next article made the usual way still fits.
    assert ArticleFactory().pk > max(
        Article.objects.filter(slug__startswith="gen-").values_list("pk", flat=True)
    )


def titles_generated(seed):
    with transaction.atomic():
        generate(articles=30, seed=seed)
        titles = list(Article.objects.order_by("slug").values_list("title", flat=True))
        transaction.set_rollback(True)
    return titles


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_content():
    assert titles_generated(7) == titles_generated(7)
    assert titles_generated(7) != titles_generated(8)


@pytest.mark.django_db
def test_generating_twice_into_one_database_is_refused():
    generate(articles=5)
    with pytest.raises(CommandError, match="generated content already"):
        generate(articles=5)
