import django_filters as filters
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from ...facts.models import Finding, Person, State, Visit, Warrant


class CodeList(filters.BaseInFilter, filters.CharFilter):
    """Several values at once: ?state=MNG,TJK. Unknown codes are an error, not an empty result."""

    def __init__(self, *args, model=None, code_field="iso3", **kwargs):
        self.code_model, self.code_field = model, code_field
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        codes = [v.strip().upper() if self.code_field == "iso3" else v.strip() for v in value if v.strip()]
        known = set(
            self.code_model.objects.filter(**{f"{self.code_field}__in": codes}).values_list(self.code_field, flat=True)
        )
        unknown = sorted(set(codes) - known)
        if unknown:
            raise ValidationError({self.field_name: f"Unknown {self.code_field}: {', '.join(unknown)}."})
        return qs.filter(**{f"{self.field_name}__in": codes}).distinct()


class UpdatedSince(filters.FilterSet):
    updated_since = filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text="Only records changed at or after this time (ISO 8601)."
    )


class PersonFilter(UpdatedSince):
    qid = filters.BaseInFilter(field_name="qid", help_text="Wikidata QIDs, comma-separated.")
    status = filters.CharFilter(method="by_status", help_text="A warrant status today: at_large, in_custody, ...")

    class Meta:
        model = Person
        fields = ["qid", "status", "updated_since"]

    def by_status(self, qs, name, value):
        today = timezone.localdate()
        keep = [
            p.pk
            for p in qs.prefetch_related("warrants__status_history")
            if any(w.issued and w.status_on(today) == value for w in p.warrants.all())
        ]
        return qs.filter(pk__in=keep)


class WarrantFilter(UpdatedSince):
    person = CodeList(field_name="person__qid", model=Person, code_field="qid", help_text="Wikidata QIDs.")
    court = filters.CharFilter(field_name="court__code")
    issued_after = filters.DateFilter(field_name="issued", lookup_expr="gte")
    issued_before = filters.DateFilter(field_name="issued", lookup_expr="lte")
    situation = filters.CharFilter(field_name="situation", lookup_expr="icontains")

    class Meta:
        model = Warrant
        fields = ["person", "court", "issued_after", "issued_before", "situation", "updated_since"]


class StateFilter(UpdatedSince):
    iso3 = CodeList(field_name="iso3", model=State, help_text="ISO alpha-3 codes, comma-separated.")
    party_on = filters.DateFilter(method="by_party_on", help_text="Only states that were parties on this date.")
    un_status = filters.ChoiceFilter(choices=State.UNStatus.choices)

    class Meta:
        model = State
        fields = ["iso3", "party_on", "un_status", "updated_since"]

    def by_party_on(self, qs, name, value):
        keep = [s.pk for s in qs.prefetch_related("treaty_events") if s.membership_on(value).state_party]
        return qs.filter(pk__in=keep)


class VisitFilter(UpdatedSince):
    state = CodeList(field_name="state__iso3", model=State, help_text="ISO alpha-3 codes, comma-separated.")
    person = CodeList(field_name="person__qid", model=Person, code_field="qid", help_text="Wikidata QIDs.")
    status = filters.MultipleChoiceFilter(choices=Visit.Status.choices)
    outcome = filters.MultipleChoiceFilter(choices=Visit.Outcome.choices)
    start_after = filters.DateFilter(field_name="start", lookup_expr="gte")
    start_before = filters.DateFilter(field_name="start", lookup_expr="lte")

    class Meta:
        model = Visit
        fields = ["state", "person", "status", "outcome", "start_after", "start_before", "updated_since"]


class FindingFilter(UpdatedSince):
    state = CodeList(field_name="state__iso3", model=State, help_text="ISO alpha-3 codes, comma-separated.")
    referral = filters.MultipleChoiceFilter(choices=Finding.Referral.choices)
    result = filters.MultipleChoiceFilter(choices=Finding.Result.choices)
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Finding
        fields = ["state", "referral", "result", "date_after", "date_before", "updated_since"]
