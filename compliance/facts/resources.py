"""CSV/XLSX import and export for the admin, keyed by natural keys (ISO codes, QIDs, case keys)."""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from .models import Court, Finding, Person, Source, State, TreatyEvent, Visit, Warrant


class SourceResource(resources.ModelResource):
    class Meta:
        model = Source
        import_id_fields = ("key",)
        fields = ("key", "url", "title", "publisher", "published", "accessed", "archive_url", "note")
        skip_unchanged = True
        report_skipped = True


class StateResource(resources.ModelResource):
    class Meta:
        model = State
        import_id_fields = ("iso3",)
        fields = ("iso2", "iso3", "name", "qid", "un_status", "note")
        skip_unchanged = True


class PersonResource(resources.ModelResource):
    class Meta:
        model = Person
        import_id_fields = ("qid",)
        fields = ("qid", "name", "note")
        skip_unchanged = True


def _state_field(name="state"):
    return fields.Field(attribute=name, column_name=name, widget=ForeignKeyWidget(State, field="iso3"))


class TreatyEventResource(resources.ModelResource):
    state = _state_field()

    class Meta:
        model = TreatyEvent
        import_id_fields = ("state", "kind", "date")
        fields = ("state", "kind", "date", "instrument", "effective", "period_start", "period_end", "note")
        skip_unchanged = True


class WarrantResource(resources.ModelResource):
    person = fields.Field(attribute="person", column_name="person", widget=ForeignKeyWidget(Person, field="qid"))
    court = fields.Field(attribute="court", column_name="court", widget=ForeignKeyWidget(Court, field="code"))
    situation_state = _state_field("situation_state")

    class Meta:
        model = Warrant
        import_id_fields = ("key",)
        fields = ("key", "person", "court", "case_name", "case_number", "situation", "situation_state", "issued",
                  "made_public", "note")
        skip_unchanged = True


class VisitResource(resources.ModelResource):
    person = fields.Field(attribute="person", column_name="person", widget=ForeignKeyWidget(Person, field="qid"))
    state = _state_field()

    class Meta:
        model = Visit
        import_id_fields = ("key",)
        fields = ("key", "person", "state", "planned_start", "planned_end", "start", "end", "occasion", "status",
                  "outcome", "note")
        skip_unchanged = True


class FindingResource(resources.ModelResource):
    court = fields.Field(attribute="court", column_name="court", widget=ForeignKeyWidget(Court, field="code"))
    state = _state_field()
    visits = fields.Field(attribute="visits", column_name="visits", widget=ManyToManyWidget(Visit, field="key"))

    class Meta:
        model = Finding
        import_id_fields = ("key",)
        fields = ("key", "court", "state", "visits", "date", "reference", "chamber", "title", "result", "referral",
                  "appeal_status", "appeal_date", "appeal_reference", "appeal_summary", "note")
        skip_unchanged = True
