"""Check with Django's test client that Wagtail serves the loaded news, before measuring it."""

from django.core.management import BaseCommand, CommandError
from django.test import Client
from django.utils.html import escape

from news.models import NEWS_PER_PAGE, NewsIndexPage, NewsPage


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("addresses", nargs="*", help="more addresses that must answer 200")
        parser.add_argument("--search-word", help="a word the news index's search must find")

    def handle(self, *, addresses, search_word, **options):
        client = Client()
        problems = []

        def fetch(address, *expected):
            response = client.get(address)
            if response.status_code != 200:
                problems.append(f"{address} answered {response.status_code}")
                return
            content = response.content.decode()
            problems.extend(
                f"{address} does not show {text!r}" for text in expected if text not in content
            )

        news_index = NewsIndexPage.objects.get()
        children = news_index.get_children().count()
        if news_index.numchild != children or not children:
            problems.append(f"the index counts {news_index.numchild} children of {children}")
        by_date = NewsPage.objects.live().order_by("-date")
        newest, oldest = by_date.first(), by_date.last()
        middle = by_date[by_date.count() // 2]
        last_page = -(-by_date.count() // NEWS_PER_PAGE)

        fetch("/", escape(newest.title))
        # Page 1 lists the newest, linked to the address that serves it.
        fetch(news_index.url, escape(newest.title), f'href="{newest.url}"')
        fetch(f"{news_index.url}?page={last_page}", escape(oldest.title))
        for news in (newest, middle, oldest):
            fetch(news.url, escape(news.title), escape(news.agency))
        if search_word:
            # Each news item of a list is an <article>: the search found some.
            fetch(f"{news_index.url}?q={search_word}", "<article>")
        for address in addresses:
            fetch(address)
        if problems:
            raise CommandError("Wagtail does not serve the news as loaded:\n" + "\n".join(problems))
        self.stdout.write(f"Wagtail serves the {news_index.numchild:,} news pages.")
