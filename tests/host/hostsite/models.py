from django.db import models
from django.urls import reverse


class Story(models.Model):
    title = models.CharField(max_length=300)
    dek = models.TextField(blank=True)
    text = models.TextField()
    lang = models.CharField(max_length=5, default="en")
    released = models.DateTimeField(null=True, blank=True)
    embargoed = models.BooleanField(default=False)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("story", args=[self.pk])
