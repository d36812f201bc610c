"""Where a wanted person could be arrested on a date: every state's answer, for a map and its text.

The answers come from `verdicts.verdict`, the same code as the boxes, `explain` and the API. They are
cached under the feed's data version, so a map is computed once per person, date and change of data.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .. import geo
from ..editorial import wording
from ..facts import verdicts
from ..facts.models import Citation, Person, SecurityCouncilObligation, State, TreatyEvent
from .collation import alphabetical

OBLIGED = "obliged"
WITHDRAWING = "withdrawing"  # obliged, but its withdrawal is notified and not yet effective
SURVIVING = "surviving"  # no longer a party, bound by Art. 127(2) for a warrant from while it was one
SECURITY_COUNCIL = "security-council"  # not a party, bound by a Security Council resolution
DECLARATION = "declaration"  # bound by its Art. 12(3) declaration
NOT_OBLIGED = "not-obliged"
# The answer rests on a record below the sourcing rule: drawn as a state with no data, and said so.
UNCONFIRMED = "unconfirmed"
CATEGORIES = (OBLIGED, WITHDRAWING, SURVIVING, SECURITY_COUNCIL, DECLARATION, NOT_OBLIGED, UNCONFIRMED)
BY_BASIS = {"surviving_obligation": SURVIVING, "security_council": SECURITY_COUNCIL, "article_12_3": DECLARATION}

# The standalone SVG (an <img>, where the page's CSS does not reach) carries the same colours as
# boxes.css, for light and dark schemes; an inline map takes the page's custom properties instead.
PALETTE = (
    "svg{--cmap-obliged:#b3261e;--cmap-withdrawing:#b3261e;--cmap-withdrawing-bg:#f3cdc9;--cmap-not-obliged:#d9dde3;"
    "--cmap-none:#eef0f3;--cmap-border:#fff;--cmap-highlight:#111;--cmap-surviving:#c25e00;"
    "--cmap-security-council:#6a3d9a;--cmap-declaration:#1f6f8b}"
    "@media (prefers-color-scheme:dark){svg{--cmap-obliged:#e46962;--cmap-withdrawing:#e46962;"
    "--cmap-withdrawing-bg:#3b1f1f;--cmap-not-obliged:#4a525d;--cmap-none:#2c3138;--cmap-border:#15181c;"
    "--cmap-highlight:#fff;--cmap-surviving:#f0a35e;--cmap-security-council:#b99ae0;--cmap-declaration:#7cc4dc}}"
    ".cmap-surviving{fill:var(--cmap-surviving)}.cmap-security-council{fill:var(--cmap-security-council)}"
    ".cmap-declaration{fill:var(--cmap-declaration)}"
    ".cmap-ring{fill:none;stroke:var(--cmap-highlight);stroke-width:3}"
)
RING_RADIUS = 14  # map units of 1000: about 5 px around the state on a phone


@dataclass
class ArrestMap:
    person: dict
    on: date
    language: str
    highlight: str | None
    states: dict[str, list[dict]] = field(default_factory=dict)  # category -> [{"iso3", "name"}], by name

    @property
    def categories(self) -> dict[str, str]:
        """The states the map colours (an unconfirmed answer is left uncoloured, as a state with no data)."""
        return {
            s["iso3"]: category for category, states in self.states.items() for s in states if category != UNCONFIRMED
        }

    @property
    def counts(self) -> dict[str, int]:
        """By category, with "-" written "_" (for templates)."""
        return {category.replace("-", "_"): len(self.states.get(category, [])) for category in CATEGORIES}

    @property
    def title(self) -> str:
        with translation.override(self.language):
            return _("Where %(person)s could be arrested on %(date)s") % {
                "person": self.person["name"],
                "date": wording.long_date(self.on),
            }

    @property
    def obliged_total(self) -> int:
        return sum(
            len(states) for category, states in self.states.items() if category not in (NOT_OBLIGED, UNCONFIRMED)
        )

    @property
    def host_name(self) -> str:
        return next(
            (s["name"] for states in self.states.values() for s in states if s["iso3"] == self.highlight),
            self.highlight or "",
        )

    @property
    def description(self) -> str:
        with translation.override(self.language):
            text = _(
                "%(obliged)d states were obliged to make the arrest (shaded); %(withdrawing)d of them had "
                "notified their withdrawal from the Rome Statute, not yet effective (hatched); "
                "%(other)d were not obliged."
            ) % {
                "obliged": self.obliged_total,
                "withdrawing": self.counts[WITHDRAWING],
                "other": self.counts["not_obliged"],
            }
            if self.counts[SURVIVING]:
                text += " " + _(
                    "%(n)d of them were no longer parties but still bound by Art. 127(2), as the "
                    "warrant was issued while they were."
                ) % {"n": self.counts[SURVIVING]}
            if self.counts["security_council"]:
                text += " " + _("%(n)d of them were not parties but bound by a Security Council resolution.") % {
                    "n": self.counts["security_council"]
                }
            if self.counts[UNCONFIRMED]:
                text += " " + _(
                    "%(n)d are left blank: what their obligation was is not yet confirmed by sources "
                    "that meet our standard."
                ) % {"n": self.counts[UNCONFIRMED]}
            if self.highlight:
                text += " " + _("Ringed: %(state)s.") % {"state": self.host_name}
            return text

    def svg(self, id_prefix: str = "cmap", *, standalone: bool = False) -> str:
        """The map; `standalone` for an SVG served on its own (it then carries its own colours)."""
        svg = str(
            geo.render_map(
                self.categories,
                highlight=[self.highlight] if self.highlight else [],
                title=self.title,
                description=self.description,
                id_prefix=id_prefix,
            )
        )
        if self.highlight:
            svg = svg.replace("</svg>", _ring(self.highlight) + "</svg>")
        if standalone:
            svg = svg.replace("<style>", f"<style>{PALETTE}", 1)
        return mark_safe(svg)


def _ring(iso3: str) -> str:
    """A ring around the host state, so a reader finds it at any size (a small state's outline is a
    pixel wide on a phone)."""
    shapes, points = geo.svg.atlas().shapes, geo.svg.atlas().points
    shape = shapes.get(iso3)
    x, y = shape.centroid if shape is not None else points.get(iso3, (None, None))
    if x is None:
        return ""
    return (
        f'<circle class="cmap-ring" data-iso3="{iso3}" cx="{x:.1f}" cy="{y:.1f}" r="{RING_RADIUS}" aria-hidden="true"/>'
    )


def arrest_map(
    person: Person, on: date, *, language: str = "en", highlight: str | None = None, version: str = ""
) -> ArrestMap:
    """Every state's answer for `person` on `on`. `version`: the data version to cache under (none: no cache)."""
    key = f"compliance:arrest-map:{version}:{person.pk}:{on.isoformat()}:{language}" if version else None
    states = cache.get(key) if key else None
    if states is None:
        states = _answers(person, on, language)
        if key:
            cache.set(key, states, 24 * 3600)
    name = person.name_in(language)
    return ArrestMap(
        {"id": person.pk, "name": name, "qid": person.qid},
        on,
        language,
        highlight.upper() if highlight else None,
        states,
    )


def _answers(person: Person, on: date, language: str) -> dict[str, list[dict]]:
    cited = Prefetch("citations", queryset=Citation.objects.select_related("source"))
    warrants = list(person.warrants.for_rules().prefetch_related(cited))
    out: dict[str, list[dict]] = {category: [] for category in CATEGORIES}
    states = State.objects.prefetch_related(
        "aliases",
        cited,
        Prefetch("treaty_events", queryset=TreatyEvent.objects.prefetch_related(cited)),
        Prefetch("sc_obligations", queryset=SecurityCouncilObligation.objects.prefetch_related(cited)),
    )
    for state in states:
        answer = verdicts.verdict(person, state, on, warrants=warrants)
        basis = answer.deciding.obligation.basis if answer.obliged and answer.deciding else ""
        if not all(fact.confirmed for fact in verdicts.rests_on(answer)):
            category = UNCONFIRMED  # the sourcing rule: a reader is not told an answer resting on it
        elif not answer.obliged:
            category = NOT_OBLIGED
        elif basis in BY_BASIS:
            category = BY_BASIS[basis]
        else:
            category = WITHDRAWING if answer.membership.status == "withdrawal_pending" else OBLIGED
        out[category].append({"iso3": state.iso3, "name": state.name_in(language)})
    for states in out.values():
        states.sort(key=lambda s: alphabetical(s["name"]))
    return out
