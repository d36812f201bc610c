from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Reason:
    """One step of an answer: a stable code (for translation), the English sentence, the legal
    basis it rests on, and the values the sentence was built from."""

    code: str
    text: str
    article: str = ""
    params: dict = field(default_factory=dict, compare=False, hash=False)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "text": self.text,
            "article": self.article,
            "params": {k: v.isoformat() if isinstance(v, date) else v for k, v in self.params.items()},
        }


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
