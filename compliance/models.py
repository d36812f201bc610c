"""The app's models, one module per concern (Django discovers them here):

- `facts.models`: sources, courts, persons, warrants, states, treaty events, visits, findings;
- `editorial.models`: context boxes, claim flags, detection runs;
- `feed.models`: stored feed documents, the feed's version, API keys, webhooks;
- `sync.models`: proposed changes from public sources;
- `ops.models`: outbox, task runs, change log.
"""

from .editorial.models import Analysis, ArticleRef, BoxFact, ClaimFlag, ContextBox, Detection
from .facts.models import (
    LANGUAGES,
    Charge,
    Citation,
    Court,
    Fact,
    Finding,
    Office,
    Person,
    PersonAlias,
    SecurityCouncilObligation,
    Source,
    State,
    StateAlias,
    TreatyEvent,
    Visit,
    Warrant,
    WarrantStatus,
)
from .feed.models import ApiKey, FeedVersion, StoredVisit, StoredVisitInputs, WebhookDelivery, WebhookSubscription
from .ops.models import ChangeLog, OutboxMessage, TaskRun
from .sync.models import ProposedChange

__all__ = [
    "Analysis",
    "LANGUAGES",
    "ApiKey",
    "ArticleRef",
    "BoxFact",
    "ChangeLog",
    "Charge",
    "Citation",
    "ClaimFlag",
    "ContextBox",
    "Court",
    "Detection",
    "Fact",
    "FeedVersion",
    "Finding",
    "Office",
    "OutboxMessage",
    "Person",
    "PersonAlias",
    "ProposedChange",
    "SecurityCouncilObligation",
    "Source",
    "State",
    "StateAlias",
    "StoredVisit",
    "StoredVisitInputs",
    "TaskRun",
    "TreatyEvent",
    "Visit",
    "Warrant",
    "WarrantStatus",
    "WebhookDelivery",
    "WebhookSubscription",
]
