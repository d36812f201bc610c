"""CSV/XLSX import and export for the admin, keyed by natural keys (ISO codes, QIDs, case keys).

Import writes facts, so it is guarded as writing is: it takes its own permission
(`compliance.import_fact`, which only Editors hold, see `compliance.ops.roles`), and every imported
row goes through the model's own validation (`full_clean`: choices, constraints, http(s)-only
links), exactly as a row saved through the form does. Export needs the view permission."""

from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from .models import Court, Finding, Person, Source, State, TreatyEvent, Visit, Warrant

IMPORT_PERMISSION = "compliance.import_fact"


class ValidatedResource(resources.ModelResource):
    """A resource whose rows are validated as the admin form validates them."""

    class Meta:
        clean_model_instances = True


class GuardedImportExportAdmin(ImportExportModelAdmin):
    """Import only with `compliance.import_fact`; export only with the view permission; every
    resource validated (a model without a resource of its own gets a validated default)."""

    def has_import_permission(self, request):
        return (
            request.user.is_active
            and request.user.has_perm(IMPORT_PERMISSION)
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_resource_classes(self, request):
        if not self.resource_classes and not getattr(self, "resource_class", None):
            return [resources.modelresource_factory(self.model, resource_class=ValidatedResource)]
        return super().get_resource_classes(request)


class SourceResource(ValidatedResource):
    class Meta:
        model = Source
        import_id_fields = ("key",)
        fields = ("key", "url", "title", "publisher", "published", "accessed", "archive_url", "note")
        skip_unchanged = True
        clean_model_instances = True
        report_skipped = True


class _OptionalCode(widgets.CharWidget):
    """A code that may be missing: an empty cell is no value (NULL), as the form saves it, not ""."""

    def clean(self, value, row=None, **kwargs):
        return (super().clean(value, row, **kwargs) or "").strip() or None


def _optional_code(name: str):
    return fields.Field(attribute=name, column_name=name, widget=_OptionalCode())


class StateResource(ValidatedResource):
    qid = _optional_code("qid")

    class Meta:
        model = State
        import_id_fields = ("iso3",)
        fields = ("iso2", "iso3", "name", "qid", "un_status", "note")
        skip_unchanged = True
        clean_model_instances = True


class PersonResource(ValidatedResource):
    class Meta:
        model = Person
        import_id_fields = ("qid",)
        fields = ("qid", "name", "note")
        skip_unchanged = True
        clean_model_instances = True


def _state_field(name="state"):
    return fields.Field(attribute=name, column_name=name, widget=ForeignKeyWidget(State, field="iso3"))


class TreatyEventResource(ValidatedResource):
    state = _state_field()

    class Meta:
        model = TreatyEvent
        import_id_fields = ("state", "kind", "date")
        fields = ("state", "kind", "date", "instrument", "effective", "period_start", "period_end", "note")
        skip_unchanged = True
        clean_model_instances = True


class WarrantResource(ValidatedResource):
    person = fields.Field(attribute="person", column_name="person", widget=ForeignKeyWidget(Person, field="qid"))
    court = fields.Field(attribute="court", column_name="court", widget=ForeignKeyWidget(Court, field="code"))
    situation_state = _state_field("situation_state")

    class Meta:
        model = Warrant
        import_id_fields = ("key",)
        fields = (
            "key",
            "person",
            "court",
            "case_name",
            "case_number",
            "situation",
            "situation_state",
            "issued",
            "made_public",
            "note",
        )
        skip_unchanged = True
        clean_model_instances = True


class VisitResource(ValidatedResource):
    person = fields.Field(attribute="person", column_name="person", widget=ForeignKeyWidget(Person, field="qid"))
    state = _state_field()

    class Meta:
        model = Visit
        import_id_fields = ("key",)
        fields = (
            "key",
            "person",
            "state",
            "planned_start",
            "planned_end",
            "start",
            "end",
            "present_on",
            "occasion",
            "status",
            "outcome",
            "note",
        )
        skip_unchanged = True
        clean_model_instances = True


class FindingResource(ValidatedResource):
    court = fields.Field(attribute="court", column_name="court", widget=ForeignKeyWidget(Court, field="code"))
    state = _state_field()
    visits = fields.Field(attribute="visits", column_name="visits", widget=ManyToManyWidget(Visit, field="key"))

    class Meta:
        model = Finding
        import_id_fields = ("key",)
        fields = (
            "key",
            "court",
            "state",
            "visits",
            "date",
            "reference",
            "chamber",
            "title",
            "result",
            "referral",
            "appeal_status",
            "appeal_date",
            "appeal_reference",
            "appeal_summary",
            "note",
        )
        skip_unchanged = True
        clean_model_instances = True
