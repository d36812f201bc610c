from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import person_chooser, state_chooser, visit_chooser


@hooks.register("register_admin_viewset")
def register_choosers():
    return [person_chooser, state_chooser, visit_chooser]


class ReviewQueueItem(MenuItem):
    """The review queue of suggested boxes: the Django admin's, where editors approve them. Shown to
    those who may review boxes, when the host serves the Django admin."""

    def is_shown(self, request):
        if not request.user.has_perm("compliance.change_contextbox"):
            return False
        try:
            self.url = reverse("admin:compliance_contextbox_changelist")
        except NoReverseMatch:
            return False
        return True


@hooks.register("register_admin_menu_item")
def review_queue_menu_item():
    return ReviewQueueItem(_("Context boxes"), "", icon_name="list-ul", order=900)
