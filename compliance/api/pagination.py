from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`?page=N&page_size=M`; a page size over the maximum is an error, not silently capped."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError({"page_size": f"{raw!r} is not a whole number."}) from None
        if not 1 <= size <= self.max_page_size:
            raise ValidationError({"page_size": f"Use a page size from 1 to {self.max_page_size}."})
        return size
