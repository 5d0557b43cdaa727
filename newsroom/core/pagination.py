from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

# From this many rows in, a page finds its rows' ids first and then reads those rows only: an
# OFFSET over whole rows reads every row it skips from the table (8 ms at page 400 of a million
# articles), one over the ids reads the index alone (1 ms).
DEFERRED_OFFSET = 200


def count_up_to(result, limit: int) -> int:
    """How many rows the result has, counted no further than limit + 1: enough to know whether
    it has more than `limit`. A result that is not a QuerySet counts the ids it reads (see
    CappedPaginator)."""
    if not isinstance(result, QuerySet):
        return len(result.ids_up_to(limit))
    # Order does not change a count, and without it the database may take a cheaper path.
    return result.order_by()[: limit + 1].count()


def page_rows(result, bottom: int, top: int):
    """The rows of the result from bottom to top, in its order. A result that is not a
    QuerySet reads them itself (see CappedPaginator)."""
    if not isinstance(result, QuerySet):
        return result.rows(bottom, top)
    if bottom < DEFERRED_OFFSET:
        return result[bottom:top]
    return result.filter(pk__in=result.values("pk")[bottom:top])


def rows_in_order(queryset, ids: list[int]) -> list:
    """The rows of the queryset with these ids, in the ids' order, in one query; an id whose
    row it no longer holds (withdrawn since the ids were read) is left out."""
    found = queryset.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


class CappedPaginator(Paginator):
    """Counts no further than COUNT_LIMIT, and pages no deeper than DEPTH_LIMIT.

    A count reads every row it counts, and a filtered count reads many more: to count 10,000
    of an agency's articles among a million, PostgreSQL reads some 160,000 entries of the
    listing index (150 ms), while counting 1,000 reads a tenth of that. So readers see "more
    than 1,000" and can still page through the first 10,000; past that, narrowing the filters
    helps more than page 40,000, and an OFFSET that deep would be slow to serve. A page of a
    result too long to count reads one row more than it shows, to know whether a next page
    exists.

    The result is a QuerySet, or an object that reads its ids and its rows itself, with
    `ids_up_to(limit)` (the ids of its first limit + 1 rows, in its order, which count it),
    `rows(bottom, top)` and `db` (the database it reads, as a QuerySet's): a search by
    relevance (RankedFirst), an agency's news read from its listing (AgencyNews).
    """

    COUNT_LIMIT = 1_000
    DEPTH_LIMIT = 10_000

    @cached_property
    def count(self):
        return count_up_to(self.object_list, self.COUNT_LIMIT)

    @property
    def is_capped(self) -> bool:
        return self.count > self.COUNT_LIMIT

    @cached_property
    def num_pages(self):
        """The number of pages, or when the result is too long to count, how deep it pages."""
        if self.is_capped:
            return max(self.DEPTH_LIMIT // self.per_page, 1)
        return super().num_pages

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if not self.is_capped:
            top = bottom + self.per_page
            if top + self.orphans >= self.count:
                top = self.count
            return self._get_page(page_rows(self.object_list, bottom, top), number, self)
        rows = list(page_rows(self.object_list, bottom, bottom + self.per_page + 1))
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        followed = len(rows) > self.per_page and number < self.num_pages
        return UncountedPage(rows[: self.per_page], number, self, followed=followed)


class UncountedPage(Page):
    """A page of a result too long to count: whether another follows is known by looking."""

    def __init__(self, object_list, number, paginator, *, followed: bool):
        super().__init__(object_list, number, paginator)
        self.followed = followed

    def has_next(self):
        return self.followed

    def end_index(self):
        return self.start_index() + len(self.object_list) - 1
