from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from compliance import conf

from .models import Story


def story(request, pk):
    story = get_object_or_404(Story, pk=pk)
    if not conf.adapter().is_public(story, timezone.now()):
        raise Http404("No such story.")
    return render(request, "hostsite/story.html", {"story": story})
