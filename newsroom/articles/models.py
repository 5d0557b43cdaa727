import reversion
from django.db import connections, models
from django.db.models import FilteredRelation, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from newsroom.agencies.models import Agency, Person
from newsroom.articles.search import search_backend
from newsroom.core.fields import RichTextField, URLField
from newsroom.core.models import Illustrated, Publishable, PublishableQuerySet, public
from newsroom.core.pagination import page_rows, rows_in_order
from newsroom.core.urls import slug_url


class TopicQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Topic(models.Model):
    """A theme across agencies, such as “Pemilu 2024”."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("topic", self.slug)

    def natural_key(self):
        return (self.slug,)


class ArticleQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def search(self, text: str):
        """Articles whose title, summary or body match the words, in the database's full-text
        engine (newsroom/articles/search.py)."""
        return self.filter(search_backend(text, using=self.db).matches())

    def oldest_first(self):
        return self.order_by("published_at", "id")

    def by_relevance(self, text: str, *, ranked: int) -> "RankedFirst":
        """These articles (matches of the words) with the best matches first: ranking reads
        every match it ranks, so only the `ranked` newest are ranked, however many match; the
        older follow, newest first. The newest are read with their ranks (search.newest_ranks)."""
        newest = self.order_by("-published_at", "-id")
        search = search_backend(text, using=self.db)
        return RankedFirst(
            newest,
            lambda count: search.newest_ranks(newest, count),
            ranked=ranked,
            articles=self.model.objects.all(),
        )

    def related_to(self, article, *, candidates: int = 40):
        """Other articles on one of its topics or from its lead agency, the latest written first.

        The candidates are the latest links of each topic and of the lead agency, read
        backwards from an index (migration 0006), and the articles are read backwards by id
        too, so the cost stays the same however much news a topic gathers.
        """
        topic_links = Article.topics.through.objects
        latest = [
            topic_links.filter(topic=topic).order_by("-article_id").values("article_id")
            for topic in article.topics.all()
        ]
        if lead := article.lead_agency:
            latest.append(
                ArticleAgency.objects.filter(agency=lead, role=ArticleAgency.Role.LEAD)
                .order_by("-article_id")
                .values("article_id")
            )
        if not latest:
            return self.none()
        found = models.Q()
        for links in latest:
            found |= models.Q(pk__in=links[:candidates])
        return self.exclude(pk=article.pk).filter(found).order_by("-id")

    def for_listing(self):
        """What a list of article cards shows, in the same query: each article's lead agency,
        joined (see Article.lead_agency). Every agency of each is with_agencies()."""
        lead = FilteredRelation(
            "article_agencies", condition=Q(article_agencies__role=ArticleAgency.Role.LEAD)
        )
        # The mark is a constant: a column of the join would keep the join in the counts.
        return self.annotate(lead_link=lead, lead_joined=models.Value(True)).select_related(
            "lead_link__agency"
        )

    def with_agencies(self):
        """Every agency of each article, lead first (Article.agency_links), in one more query."""
        return self.prefetch_related(
            models.Prefetch(
                "article_agencies",
                queryset=ArticleAgency.objects.select_related("agency"),
            )
        )

    def for_detail(self):
        """What an article's page shows, in a fixed number of queries."""
        from newsroom.events.models import Event

        return self.with_agencies().prefetch_related(
            "topics", models.Prefetch("events", queryset=Event.objects.published())
        )


class RankedFirst:
    """A search's result in order of relevance, for the paginator: its newest `ranked` matches
    ranked by relevance, then the older ones newest first.

    `newest` is the matches newest first (a QuerySet, or AgencyNews), and `newest_ranks(count)`
    reads the ids and ranks of its first `count` rows, in that order. Those of the newest
    `ranked` are read once: they count the result (up to `ranked`), and sorted by rank they
    order the ranked pages, whose rows are then read by id. The older matches are the rows of
    `newest` from row `ranked` on: a page past the ranked ones reads them there.
    """

    def __init__(self, newest, newest_ranks, *, ranked: int, articles):
        self.newest, self.newest_ranks, self.ranked = newest, newest_ranks, ranked
        self.articles = articles  # where a ranked page's rows are read

    @property
    def db(self) -> str:
        return self.articles.db

    def for_listing(self) -> "RankedFirst":
        return RankedFirst(
            self.newest.for_listing(),
            self.newest_ranks,
            ranked=self.ranked,
            articles=self.articles.for_listing(),
        )

    @cached_property
    def ranked_newest(self) -> list[tuple[int, float]]:
        return self.newest_ranks(self.ranked)

    @cached_property
    def best_first(self) -> list[int]:
        """The ranked ids, the best match first; equal ranks stay newest first (a stable
        sort), as the database would order them."""
        return [pk for pk, _ in sorted(self.ranked_newest, key=lambda pair: -pair[1])]

    def ids_up_to(self, limit: int) -> list[int]:
        """The ids of the newest limit + 1 matches: the result counted, and when it is no
        longer than `limit`, all of it (the finder's counts)."""
        newest = self.ranked_newest if limit < self.ranked else self.newest_ranks(limit + 1)
        return [pk for pk, _ in newest[: limit + 1]]

    def rows(self, bottom: int, top: int) -> list:
        found = []
        if bottom < self.ranked:
            found = rows_in_order(self.articles, self.best_first[bottom : min(top, self.ranked)])
        if top > self.ranked:
            found += page_rows(self.newest, max(bottom, self.ranked), top)
        return found


class AgencyListingQuerySet(models.QuerySet):
    def search(self, text: str):
        """The entries of articles whose title, summary or body match the words, each with
        its article's search_rank."""
        return search_backend(text, using=self.db).listed_matches(self)


class AgencyNews:
    """The public news of an agency and the agencies below it, for the paginator, read from
    AgencyListing: counting and paging read the listing's index alone (and, for a search,
    each entry's article until enough match), then a page reads its articles by id.

    `entries` are the agency's AgencyListing rows, narrowed as the finder's filters narrow
    articles (its date filters and its search apply, the fields having the same names).
    """

    def __init__(self, entries, *, ascending: bool = False, articles=None):
        self.entries, self.ascending = entries, ascending
        # Read again through published(): an article withdrawn since the listing was read
        # is left out, as the links would have left it.
        self.articles = Article.objects.published() if articles is None else articles
        # The articles' own listing order, newest first with the id breaking ties.
        order = ("published_at", "article_id") if ascending else ("-published_at", "-article_id")
        self.listed = entries.filter(public()).order_by(*order)
        self.counted = {}

    @property
    def db(self) -> str:
        return self.articles.db

    def for_listing(self) -> "AgencyNews":
        return AgencyNews(
            self.entries, ascending=self.ascending, articles=self.articles.for_listing()
        )

    def oldest_first(self) -> "AgencyNews":
        return AgencyNews(self.entries, ascending=True, articles=self.articles)

    def by_relevance(self, text: str, *, ranked: int) -> RankedFirst:
        """The agency's matches ranked as the articles' are. The entries are those of a search
        for these words (ArticleFilter.agency_news): each comes with its article's rank."""
        newest = AgencyNews(self.entries, articles=self.articles)
        ranks = newest.listed.values_list("article_id", "search_rank")
        return RankedFirst(
            newest, lambda count: list(ranks[:count]), ranked=ranked, articles=self.articles
        )

    def ids_up_to(self, limit: int) -> list[int]:
        """The ids of the first limit + 1 articles, read once: the result counted, and when it
        is no longer than `limit`, all of it (the finder's counts)."""
        if limit not in self.counted:
            self.counted[limit] = list(
                self.listed.values_list("article_id", flat=True)[: limit + 1]
            )
        return self.counted[limit]

    def ids(self, bottom: int, top: int) -> list[int]:
        """The ids from row bottom to row top, from those counted when they reach that far
        (a first page, a short result), else from the listing."""
        for limit, counted in self.counted.items():
            if top <= len(counted) or len(counted) <= limit:
                return counted[bottom:top]
        return list(self.listed.values_list("article_id", flat=True)[bottom:top])

    def rows(self, bottom: int, top: int) -> list:
        return rows_in_order(self.articles, self.ids(bottom, top))


@reversion.register(follow=["article_agencies"])
class Article(Publishable, Illustrated):
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists and feeds.")
    )
    body = RichTextField(_("body"), blank=True)
    byline = models.CharField(_("byline"), max_length=200, blank=True, help_text=_("The writer."))
    editor_name = models.CharField(
        _("editor"), max_length=200, blank=True, help_text=_("The editor the outlet credits.")
    )
    source_outlet = models.CharField(
        _("source outlet"),
        max_length=200,
        blank=True,
        help_text=_("The outlet that first published this story, when it is republished."),
    )
    source_url = URLField(_("source address"), max_length=500, blank=True)
    dateline_place = models.CharField(_("dateline place"), max_length=100, blank=True)
    agencies = models.ManyToManyField(
        Agency,
        through="ArticleAgency",
        verbose_name=_("agencies"),
        related_name="articles",
        blank=True,
    )
    people = models.ManyToManyField(
        Person, verbose_name=_("people mentioned"), related_name="articles", blank=True
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events covered"), related_name="articles", blank=True
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="articles", blank=True
    )

    objects = ArticleQuerySet.as_manager()

    OWNER_ROLE = "lead"
    OWNER_MISSING = _("It needs a lead agency.")

    class Meta(Publishable.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        permissions = [
            ("publish_article", _("Can publish, schedule, unpublish and withdraw articles")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("articles:detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def agency_links(self):
        """The article's agencies, lead first; uses the prefetch of with_agencies() when present."""
        return sorted(self.article_agencies.all(), key=lambda link: (not link.is_lead, link.pk))

    @property
    def lead_agency(self):
        if getattr(self, "lead_joined", False):  # for_listing(): no lead_link when no lead
            link = getattr(self, "lead_link", None)
            return link and link.agency
        return next((link.agency for link in self.agency_links if link.is_lead), None)


@reversion.register()
class ArticleAgency(models.Model):
    """An agency an article speaks of: the one whose news it is, or one only mentioned."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        MENTIONED = "mentioned", _("Mentioned")

    article = models.ForeignKey(Article, related_name="article_agencies", on_delete=models.CASCADE)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), related_name="article_links", on_delete=models.PROTECT
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MENTIONED)

    class Meta:
        verbose_name = _("agency in the article")
        verbose_name_plural = _("agencies in the article")
        # In the order they were linked: pages list them the same way every time.
        ordering = ["id"]
        indexes = [
            # The latest news of an agency in a role, read backwards (related news).
            models.Index(fields=["agency", "role", "article"], name="articles_agency_role_article"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "agency"],
                name="articles_agency_once_per_article",
                violation_error_message=_("This agency is already linked to the article."),
            ),
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(role="lead"),
                name="articles_one_lead_agency",
                violation_error_message=_("An article has one lead agency."),
            ),
        ]

    def __str__(self):
        return f"{self.agency} ({self.get_role_display()})"

    @property
    def is_lead(self):
        return self.role == self.Role.LEAD


class AgencyListing(models.Model):
    """Each article under each agency it is linked to and under every agency above that one,
    with its status and publication time: an agency's news, its sub-agencies' included, in
    the order lists show it, in one index (AgencyNews reads it).

    Counting Kemendagri's first 1,001 articles among a million through the links hashes every
    link of its five agencies (64,500, 20 ms), and more as its news grows; here it reads 1,001
    index entries, however large the agency. PostgreSQL keeps the table itself, by triggers
    (migration 0008), whatever writes articles, their links or the hierarchy: the admin, the
    importer, a restore, the generator, a script. SQLite leaves it empty: the embedded default
    serves a regency's thousands of articles without it (AgencyListing.is_kept).
    """

    agency = models.ForeignKey(Agency, related_name="+", on_delete=models.CASCADE, db_index=False)
    article = models.ForeignKey(Article, related_name="+", on_delete=models.CASCADE, db_index=False)
    status = models.CharField(max_length=16)
    published_at = models.DateTimeField(null=True)

    objects = AgencyListingQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["agency", "status", "-published_at", "-article"],
                name="articles_agency_listing",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "agency"], name="articles_listed_once_per_agency"
            ),
        ]

    def __str__(self):
        return f"{self.article_id} under {self.agency_id}"

    @staticmethod
    def is_kept(using: str = "default") -> bool:
        """Whether the database keeps the table (the one place that says so)."""
        return connections[using].vendor == "postgresql"
