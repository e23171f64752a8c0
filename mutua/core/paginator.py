"""Pages of long lists."""

from django.core.paginator import Page
from django.core.paginator import Paginator


class KeysFirstPaginator(Paginator):
    """Finds a page's primary keys first, then reads only those rows whole.

    Sorting a long list to find one page otherwise makes the database carry
    every column of every matching row through the sort; the keys alone sort
    from an index. The second read repeats the filters, so a row that stopped
    matching in between is left out rather than shown. A `count` the caller
    already knows (remembered counts) spares the COUNT query.
    """

    def __init__(self, object_list, per_page, *, count: int | None = None):
        super().__init__(object_list, per_page)
        if count is not None:
            self.count = count  # in place of Paginator's cached COUNT

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(
            self.object_list.values_list("pk", flat=True)[
                bottom : bottom + self.per_page
            ]
        )
        return self._get_page(self.object_list.filter(pk__in=keys), number, self)
