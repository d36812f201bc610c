"""The admin, one module per concern; importing this module registers them all.

A host adds `ArticleBoxesAdminMixin` to its article admin to get the boxes and claim flags inline."""

from .editorial.admin import AnalysisFilter, ArticleBoxesAdminMixin  # noqa: F401
from .facts import admin as facts_admin  # noqa: F401
from .feed import admin as feed_admin  # noqa: F401
from .ops import admin as ops_admin  # noqa: F401
from .sync import admin as sync_admin  # noqa: F401
