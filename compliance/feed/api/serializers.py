from django.utils import timezone
from rest_framework import serializers

from ...facts.models import (
    Charge,
    Finding,
    Office,
    Person,
    Source,
    State,
    TreatyEvent,
    Visit,
    Warrant,
    WarrantStatus,
)


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["key", "url", "title", "publisher", "published", "accessed", "archive_url"]


class CitedSerializer(serializers.ModelSerializer):
    sources = serializers.SerializerMethodField()

    def get_sources(self, obj) -> list[str]:
        keys = getattr(obj, "source_keys", None)  # set in one query by the list views that can
        return keys if keys is not None else sorted(c.source.key for c in obj.citations.all())


class AliasSerializer(serializers.Serializer):
    language = serializers.CharField()
    text = serializers.CharField()
    kind = serializers.CharField()


class OfficeSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True, allow_null=True)

    class Meta:
        model = Office
        fields = ["title", "state", "start", "end"]


class PersonSerializer(CitedSerializer):
    aliases = AliasSerializer(many=True, read_only=True)
    offices = OfficeSerializer(many=True, read_only=True)
    warrants = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["id", "qid", "name", "aliases", "offices", "warrants", "note", "sources", "verified_at", "updated_at"]


class ChargeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Charge
        fields = ["crime", "article", "summary"]


class WarrantStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = WarrantStatus
        fields = ["status", "date", "note"]


class WarrantSerializer(CitedSerializer):
    person = serializers.SerializerMethodField()
    court = serializers.SlugRelatedField(slug_field="code", read_only=True)
    situation_state = serializers.SlugRelatedField(slug_field="iso3", read_only=True, allow_null=True)
    charges = ChargeSerializer(many=True, read_only=True)
    status_history = WarrantStatusSerializer(many=True, read_only=True)

    class Meta:
        model = Warrant
        fields = [
            "key",
            "person",
            "court",
            "case_name",
            "case_number",
            "situation",
            "situation_state",
            "issued",
            "made_public",
            "charges",
            "status_history",
            "note",
            "sources",
            "verified_at",
            "updated_at",
        ]

    def get_person(self, obj) -> dict:
        return {"id": obj.person_id, "name": obj.person.name, "qid": obj.person.qid}


class TreatyEventSerializer(CitedSerializer):
    class Meta:
        model = TreatyEvent
        fields = ["kind", "date", "instrument", "effective", "period_start", "period_end", "note", "sources"]


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    article = serializers.CharField()
    params = serializers.DictField()


class MembershipSerializer(serializers.Serializer):
    date = serializers.DateField()
    is_party = serializers.BooleanField()
    status = serializers.CharField()
    reason = serializers.CharField()
    reasons = ReasonSerializer(many=True)
    entry_into_force = serializers.DateField(allow_null=True)
    withdrawal_notified = serializers.DateField(allow_null=True)
    withdrawal_effective = serializers.DateField(allow_null=True)
    discrepancies = ReasonSerializer(many=True)


def membership_data(state: State, on) -> dict:
    m = state.membership_on(on)
    return {
        "date": on,
        "is_party": m.state_party,
        "status": m.status,
        "reason": m.reason,
        "reasons": [r.as_dict() for r in m.reasons],
        "entry_into_force": m.entry_into_force,
        "withdrawal_notified": m.withdrawal_notified,
        "withdrawal_effective": m.withdrawal_effective,
        "discrepancies": [r.as_dict() for r in m.discrepancies],
    }


class StateSerializer(CitedSerializer):
    aliases = AliasSerializer(many=True, read_only=True)
    treaty_events = TreatyEventSerializer(many=True, read_only=True)
    membership = serializers.SerializerMethodField()

    class Meta:
        model = State
        fields = [
            "iso3",
            "iso2",
            "qid",
            "name",
            "un_status",
            "aliases",
            "treaty_events",
            "membership",
            "note",
            "sources",
            "verified_at",
            "updated_at",
        ]

    def get_membership(self, obj) -> MembershipSerializer:
        return MembershipSerializer(membership_data(obj, self.context["as_of"])).data


class UnconfirmedSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text="visit, state, treaty_event, security_council_obligation, warrant or finding."
    )
    key = serializers.CharField(help_text="The record's key in this feed (a treaty event: ISO3:kind:date).")


class VerdictSerializer(serializers.Serializer):
    """A visit's verdict, stated only from records that meet the sourcing rule (one primary source,
    or two independent reputable secondary ones)."""

    status = serializers.CharField(help_text="announced, ongoing, completed or cancelled, as of the date asked.")
    confirmed = serializers.BooleanField(
        help_text="False when the visit, or a record the verdict rests on (the host state's treaty events, "
        "the deciding warrant, a Security Council resolution or declaration), is below the sourcing "
        "rule. Then obliged and failed_to_arrest are null and reasons is empty: the verdict is not "
        "stated. Do not present it as fact."
    )
    obliged = serializers.BooleanField(
        allow_null=True, help_text="Whether the host state had to arrest the person; null when not confirmed."
    )
    failed_to_arrest = serializers.BooleanField(allow_null=True, help_text="Null when not confirmed.")
    reasons = ReasonSerializer(
        many=True,
        help_text="Empty when not confirmed. A Court finding below the sourcing "
        "rule is left out (and listed in unconfirmed).",
    )
    unconfirmed = UnconfirmedSerializer(
        many=True,
        help_text="The records below the sourcing rule that the verdict rests on or leaves out; "
        "empty when everything it states is confirmed.",
    )


class VisitSerializer(CitedSerializer):
    """Expects `verdict_data` and `source_keys` on each visit (`stored.build` sets both)."""

    person = serializers.SerializerMethodField()
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    verdict = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
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
            "verdict",
            "note",
            "sources",
            "verified_at",
            "updated_at",
        ]

    def get_person(self, obj) -> dict:
        return {"id": obj.person_id, "name": obj.person.name, "qid": obj.person.qid}

    def get_verdict(self, obj) -> VerdictSerializer:
        return obj.verdict_data

    def to_representation(self, obj) -> dict:
        """The same dict as the fields above would build (a test holds them equal), in a tenth of the
        time: the feed stores thousands of these."""
        return {
            "key": obj.key,
            "person": self.get_person(obj),
            "state": obj.state.iso3,
            "planned_start": _date(obj.planned_start),
            "planned_end": _date(obj.planned_end),
            "start": _date(obj.start),
            "end": _date(obj.end),
            "present_on": _date(obj.present_on),
            "occasion": obj.occasion,
            "status": obj.status,
            "outcome": obj.outcome,
            "verdict": obj.verdict_data,
            "note": obj.note,
            "sources": self.get_sources(obj),
            "verified_at": _datetime(obj.verified_at),
            "updated_at": _datetime(obj.updated_at),
        }


def _date(value):
    return value.isoformat() if value is not None else None


def _datetime(value):
    """As DRF's DateTimeField writes it (ISO 8601, in the current time zone, UTC as Z)."""
    if value is None:
        return None
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class FindingSerializer(CitedSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    court = serializers.SlugRelatedField(slug_field="code", read_only=True)
    visits = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)

    class Meta:
        model = Finding
        fields = [
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
            "sources",
            "verified_at",
            "updated_at",
        ]
