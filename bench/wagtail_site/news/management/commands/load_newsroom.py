"""Load Newsroom's articles, JSON lines on standard input, as NewsPages under one NewsIndexPage,
unless the database holds them already, and index them for search unless they are indexed.

Wagtail's add_child saves one page at a time: 29 queries and 29 ms a page on the benchmark's
machine (its search indexing included), some 50 minutes for 100,000. The tree's columns are
built here instead, as treebeard would: each page's `path` is the index's path and its number
among the children in treebeard's encoding, its depth one more than the index's, no children of
its own. The rows go in one statement per batch, the Page rows first (multi-table inheritance)
and then the NewsPage rows under the ids they were given; the index's child count and each
page's url_path, which Page.save() keeps, are set here.
"""

import json
import sys
import time
from argparse import BooleanOptionalAction
from datetime import datetime
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.management import BaseCommand, call_command
from django.db import connection, transaction
from wagtail.models import Page, Site
from wagtail.search.models import IndexEntry

from news.models import HomePage, NewsIndexPage, NewsPage


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--search",
            action=BooleanOptionalAction,
            default=True,
            help="index the pages for Wagtail's search (update_index) after loading them",
        )

    def handle(self, *, batch_size, search, **options):
        """Print, as JSON, what was done and how long it took: pages loaded, pages indexed."""
        done = {}
        if not NewsIndexPage.objects.exists():
            started = time.monotonic()
            # One transaction: a load cut short leaves the database as migrations left it.
            with transaction.atomic():
                news_index = make_site()
                articles = (json.loads(line) for line in sys.stdin)
                count = load_news(news_index, articles, batch_size)
            done["loaded"] = {"pages": count, "seconds": round(time.monotonic() - started, 1)}
        count = NewsPage.objects.count()
        if search and indexed_count() < count:
            started = time.monotonic()
            call_command("update_index", chunk_size=batch_size, verbosity=0)
            done["indexed"] = {"pages": count, "seconds": round(time.monotonic() - started, 1)}
        if done:
            # As Newsroom's benchmark leaves its database: statistics gathered, visibility map
            # set (a bulk load leaves it unset).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(json.dumps(done))


def indexed_count():
    """How many news pages Wagtail's database search backend holds."""
    return IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(NewsPage)
    ).count()


def make_site():
    """A home page at the root of the default site, with the news index below it, in place of
    the welcome page that Wagtail's migrations make."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Beranda", slug="beranda"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "site_name": "Berita", "root_page": home},
    )
    for welcome_page in root.get_children().exclude(pk=home.pk):
        welcome_page.delete()
    # The same address as Newsroom's news finder.
    return home.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))


def load_news(news_index, articles, batch_size):
    """Insert the articles as live children of the index, numbered in the order they come."""
    content_type = ContentType.objects.get_for_model(NewsPage)
    depth = news_index.depth + 1
    count = 0
    while batch := list(islice(articles, batch_size)):
        pages = []
        for number, article in enumerate(batch, start=count + 1):
            published_at = datetime.fromisoformat(article["published_at"])
            pages.append(
                Page(
                    title=article["title"],
                    draft_title=article["title"],
                    slug=article["slug"],
                    # treebeard's own encoding of the number-th child's path
                    path=Page._get_path(news_index.path, depth, number),
                    depth=depth,
                    numchild=0,
                    url_path=f"{news_index.url_path}{article['slug']}/",
                    content_type=content_type,
                    locale_id=news_index.locale_id,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published_at,
                    last_published_at=published_at,
                )
            )
        Page.objects.bulk_create(pages)
        news = [
            NewsPage(
                page_ptr_id=page.pk,
                date=page.first_published_at,
                summary=article["summary"],
                body=article["body"],
                agency=article["agency"] or "",
            )
            for page, article in zip(pages, batch, strict=True)
        ]
        # bulk_create refuses a model with a parent table; this is the insert it would make
        # into the child table alone, as Model.save() makes it.
        NewsPage._base_manager._insert(news, fields=NewsPage._meta.local_concrete_fields)
        count += len(batch)
    Page.objects.filter(pk=news_index.pk).update(numchild=count)
    return count
