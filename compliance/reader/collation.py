"""Alphabetical order for readers' lists in their language: Ukrainian puts Є after Е and І, Ї after И,
where code-point order would put them before А."""

import unicodedata

UKRAINIAN = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_RANK = {letter: index for index, letter in enumerate(UKRAINIAN)}


def alphabetical(text: str) -> tuple:
    """A sort key: Latin letters (accents aside) in their order, then Cyrillic in the Ukrainian alphabet's."""
    key = []
    for char in text.casefold():
        if char in _RANK:
            key.append((2, _RANK[char]))
        elif char.isalpha():
            base = unicodedata.normalize("NFKD", char)[0]
            key.append((1, ord(base)) if base.isascii() else (3, ord(char)))
        elif char.isdigit():
            key.append((0, ord(char)))
    return tuple(key)
