"""Where a wanted person could be arrested on a date: every state's answer, for a map and its text.

The answers come from `verdicts.verdict`, the same code as the boxes, `explain` and the API. They are
cached under the feed's data version, so a map is computed once per person, date and change of data.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from .. import geo
from ..editorial import wording
from ..facts import verdicts
from ..facts.models import Person, State

OBLIGED = "obliged"
WITHDRAWING = "withdrawing"  # obliged, but its withdrawal is notified and not yet effective
NOT_OBLIGED = "not-obliged"
CATEGORIES = (OBLIGED, WITHDRAWING, NOT_OBLIGED)


@dataclass
class ArrestMap:
    person: dict
    on: date
    language: str
    highlight: str | None
    states: dict[str, list[dict]] = field(default_factory=dict)  # category -> [{"iso3", "name"}], by name

    @property
    def categories(self) -> dict[str, str]:
        return {s["iso3"]: category for category, states in self.states.items() for s in states}

    @property
    def counts(self) -> dict[str, int]:
        """By category, with "-" written "_" (for templates)."""
        return {category.replace("-", "_"): len(self.states.get(category, [])) for category in CATEGORIES}

    @property
    def title(self) -> str:
        with translation.override(self.language):
            return _("Where %(person)s could be arrested on %(date)s") % {
                "person": self.person["name"], "date": wording.long_date(self.on)}

    @property
    def description(self) -> str:
        with translation.override(self.language):
            text = _("%(obliged)d states were obliged to make the arrest (shaded); %(withdrawing)d of them had "
                     "notified their withdrawal from the Rome Statute, not yet effective (hatched); "
                     "%(other)d were not obliged.") % {
                "obliged": self.counts[OBLIGED] + self.counts[WITHDRAWING], "withdrawing": self.counts[WITHDRAWING],
                "other": self.counts["not_obliged"]}
            if self.highlight:
                host = next((s["name"] for states in self.states.values() for s in states
                             if s["iso3"] == self.highlight), self.highlight)
                text += " " + _("Outlined: %(state)s.") % {"state": host}
            return text

    def svg(self, id_prefix: str = "cmap") -> str:
        return geo.render_map(self.categories, highlight=[self.highlight] if self.highlight else [],
                              title=self.title, description=self.description, id_prefix=id_prefix)


def arrest_map(person: Person, on: date, *, language: str = "en", highlight: str | None = None,
               version: str = "") -> ArrestMap:
    """Every state's answer for `person` on `on`. `version`: the data version to cache under (none: no cache)."""
    key = f"compliance:arrest-map:{version}:{person.pk}:{on.isoformat()}:{language}" if version else None
    states = cache.get(key) if key else None
    if states is None:
        states = _answers(person, on, language)
        if key:
            cache.set(key, states, 24 * 3600)
    name = person.name_in(language)
    return ArrestMap({"id": person.pk, "name": name, "qid": person.qid}, on, language,
                     highlight.upper() if highlight else None, states)


def _answers(person: Person, on: date, language: str) -> dict[str, list[dict]]:
    warrants = list(person.warrants.for_rules())
    out: dict[str, list[dict]] = {category: [] for category in CATEGORIES}
    for state in State.objects.with_events().prefetch_related("aliases"):
        answer = verdicts.verdict(person, state, on, warrants=warrants)
        if answer.obliged:
            category = WITHDRAWING if answer.membership.status == "withdrawal_pending" else OBLIGED
        else:
            category = NOT_OBLIGED
        out[category].append({"iso3": state.iso3, "name": state.name_in(language)})
    for states in out.values():
        states.sort(key=lambda s: s["name"])
    return out
