"""Choosers for the facts a page's box can be about: Wagtail admin modals, searched by name and by
every alias (the facts are not in Wagtail's search index)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet


class NameSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"), required=False, widget=forms.TextInput(attrs={"placeholder": _("Search")})
    )
    search_fields: tuple[str, ...] = ()

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        self.is_searching, self.search_query = True, query
        condition = Q()
        for name in self.search_fields:
            condition |= Q(**{f"{name}__icontains": query})
        return objects.filter(condition).distinct()


class SearchingChooserViewSet(ChooserViewSet):
    search_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        form = type("NameSearchForm", (NameSearchForm,), {"search_fields": self.search_fields})
        self.choose_view_class = type("ChooseView", (chooser_views.ChooseView,), {"filter_form_class": form})
        self.choose_results_view_class = type(
            "ChooseResultsView", (chooser_views.ChooseResultsView,), {"filter_form_class": form}
        )
        super().__init__(*args, **kwargs)


class PersonChooserViewSet(SearchingChooserViewSet):
    model = "compliance.Person"
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    edit_item_text = _("Edit this person")
    search_fields = ("name", "qid", "aliases__text")


class StateChooserViewSet(SearchingChooserViewSet):
    model = "compliance.State"
    icon = "globe"
    choose_one_text = _("Choose a state")
    choose_another_text = _("Choose another state")
    edit_item_text = _("Edit this state")
    search_fields = ("name", "iso3", "aliases__text")


class VisitChooserViewSet(SearchingChooserViewSet):
    model = "compliance.Visit"
    icon = "date"
    choose_one_text = _("Choose a visit")
    choose_another_text = _("Choose another visit")
    edit_item_text = _("Edit this visit")
    search_fields = ("key", "occasion", "person__name", "person__aliases__text", "state__name", "state__aliases__text")


person_chooser = PersonChooserViewSet("compliance_person_chooser")
state_chooser = StateChooserViewSet("compliance_state_chooser")
visit_chooser = VisitChooserViewSet("compliance_visit_chooser")
