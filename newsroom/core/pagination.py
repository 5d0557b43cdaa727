from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts no further than COUNT_LIMIT, so a million matches cost no more than ten thousand.

    Readers see "more than 10,000" and can page through the first 10,000; past that, narrowing
    the filters helps more than page 40,000, and an OFFSET that deep would be slow to serve.
    """

    COUNT_LIMIT = 10_000

    @cached_property
    def count(self):
        # Order does not change a count, and without it the database may take a cheaper path.
        return self.object_list.order_by()[: self.COUNT_LIMIT + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.COUNT_LIMIT

    @cached_property
    def num_pages(self):
        if self.is_capped:
            return self.COUNT_LIMIT // self.per_page
        return super().num_pages
