from django.core.paginator import InvalidPage
from rest_framework.exceptions import NotFound, ValidationError
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

    def page_slice(self, queryset, request):
        """As `paginate_queryset`, but the page is left an unevaluated slice of `queryset`, to use as a
        subquery. (The count and the links work as usual.)"""
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as error:
            raise NotFound(self.invalid_page_message.format(page_number=page_number, message=str(error))) from None
        return self.page.object_list
