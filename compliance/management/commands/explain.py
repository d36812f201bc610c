import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ...facts import verdicts
from ...facts.models import Person, State


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date; write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Was STATE obliged to arrest PERSON on DATE, and why? PERSON: name, alias or QID; STATE: name or ISO code."

    def add_arguments(self, parser):
        parser.add_argument("person")
        parser.add_argument("state")
        parser.add_argument("date", type=iso_date)
        parser.add_argument("--json", action="store_true", help="Print the answer as JSON.")

    def handle(self, person, state, date, **options):
        try:
            person = Person.objects.resolve(person)
            state = State.objects.resolve(state)
        except (Person.DoesNotExist, State.DoesNotExist) as error:
            raise CommandError(str(error)) from error
        answer = verdicts.verdict(person, state, date)
        if options["json"]:
            self.stdout.write(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
            return
        headline = "obliged" if answer.obliged else "not obliged"
        party = "a state party" if answer.membership.state_party else "not a state party"
        self.stdout.write(f"{state.name} on {date:%Y-%m-%d}: {party}; {headline} to arrest {person.name}.")
        for reason in answer.reasons:
            self.stdout.write(f"  - {reason.text} [{reason.article or 'no article'}]")
        for caveat in answer.caveats:
            self.stdout.write(f"  ! {caveat.text} [{caveat.article or 'no article'}]")
