"""A StreamField block that places a context box in a page: a visit's, a person's or a state's, chosen
with a chooser, or the page's own approved boxes. It renders with the readers' template
(compliance/box.html), in the page's language, built by the same code as the article boxes; a box
built from the data is cached until a fact changes (the feed's version), so an edited fact shows at
once."""

from datetime import date

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ...editorial import articles, boxes
from ...editorial.models import ContextBox
from ...feed import versioning
from .views import person_chooser, state_chooser, visit_chooser

PersonChooserBlock = person_chooser.get_block_class(
    name="PersonChooserBlock", module_path="compliance.contrib.wagtail.blocks"
)
StateChooserBlock = state_chooser.get_block_class(
    name="StateChooserBlock", module_path="compliance.contrib.wagtail.blocks"
)
VisitChooserBlock = visit_chooser.get_block_class(
    name="VisitChooserBlock", module_path="compliance.contrib.wagtail.blocks"
)

ARTICLE, VISIT, PERSON, STATE = "article", "visit", "person", "state"


class ContextBoxBlock(blocks.StructBlock):
    show = blocks.ChoiceBlock(
        choices=[
            (ARTICLE, _("This page's approved boxes")),
            (VISIT, _("A visit")),
            (PERSON, _("A person")),
            (STATE, _("A state")),
        ],
        default=ARTICLE,
        label=_("Show"),
    )
    visit = VisitChooserBlock(required=False, label=_("Visit"))
    person = PersonChooserBlock(required=False, label=_("Person"))
    state = StateChooserBlock(required=False, label=_("State"))
    as_of = blocks.DateBlock(
        required=False,
        label=_("As of"),
        help_text=_("The date the box is true as of. Empty: the visit's date, or the page's publication date."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Context box")
        template = "compliance/wagtail/box_block.html"

    def clean(self, value):
        value = super().clean(value)
        needs = {VISIT: ["visit"], PERSON: ["person"], STATE: ["state"]}.get(value["show"], [])
        missing = {name: _("Choose one, or show something else.") for name in needs if not value.get(name)}
        if missing:
            raise StructBlockValidationError(
                block_errors={name: ValidationError(message) for name, message in missing.items()}
            )
        return value

    def get_searchable_content(self, value):
        return []  # a box is not part of the page's text: the detector must not read it

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page") or (parent_context or {}).get("self")
        context["boxes"] = boxes_for(value, page)
        return context


def _page_date(page, today: date) -> date:
    from ... import conf

    if page is None:
        return today
    return articles.article_date(page, today) if conf.article_model(required=False) is type(page) else today


def _language(page) -> str:
    from ...editorial.wording import box_language
    from .adapter import language_of

    code = language_of(page) if page is not None else (get_language() or "en").split("-")[0]
    return box_language(code)


def boxes_for(value, page) -> list[ContextBox]:
    """The boxes a block shows: the page's live boxes, or one built for the chosen visit, person or state."""
    today = timezone.localdate()
    if value["show"] == ARTICLE:
        return list(articles.live_boxes(page)) if page is not None and page.pk else []
    language = _language(page)
    visit, person, state = value.get("visit"), value.get("person"), value.get("state")
    if value["show"] == VISIT and visit is not None:
        on = value.get("as_of") or visit.first_day or _page_date(page, today)
        subject = ("visit", visit.person_id, visit.state_id)
    elif value["show"] == PERSON and person is not None and person.warrants.exists():
        on = value.get("as_of") or _page_date(page, today)
        subject = ("person", person.pk, None)
    elif value["show"] == STATE and state is not None:
        on = value.get("as_of") or _page_date(page, today)
        subject = ("state", None, state.pk)
    else:
        return []  # nothing chosen (or the person has no warrant): no box rather than a broken one
    kind, person_id, state_id = subject
    key = f"compliance-wagtail-box:{versioning.feed_version()}:{kind}:{person_id}:{state_id}:{on}:{language}:{today}"
    data = cache.get(key)
    if data is None:
        if kind == "visit":
            data = boxes.visit_box(visit.person, visit.state, on, language=language, today=today)
        elif kind == "person":
            data = boxes.person_box(person, on, language=language, today=today)
        else:
            data = boxes.state_box(state, on, language=language, today=today)
        cache.set(key, data, 24 * 3600)
    box = ContextBox.unsaved(data, dom_id=f"cbox-{kind}-{person_id or 0}-{state_id or 0}-{on}")
    box.standalone = True
    return [box]
