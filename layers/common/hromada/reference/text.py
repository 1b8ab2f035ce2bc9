"""Text helpers: slugs and search normalisation."""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SPACES = re.compile(r"\s+")


# Ukrainian national transliteration (Cabinet of Ministers resolution no. 55 of 27 January 2010). Є, Ї, Й, Ю, Я
# have one form at the start of a word and another inside it; "зг" is written "zgh" so as not to read "жг".
_UK = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
       "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
       "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
       "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": ""}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK_WORD = re.compile(r"[а-щьюяєіїґ]+(?:['’ʼ][а-щьюяєіїґ]+)*", re.IGNORECASE)  # an apostrophe only inside a word


def _uk_word(word: str) -> str:
    out = []
    for i, ch in enumerate(word):
        low = ch.lower()
        if low == "г" and i and word[i - 1].lower() == "з":
            latin = "gh"
        elif i == 0 and low in _UK_INITIAL:
            latin = _UK_INITIAL[low]
        else:
            latin = _UK[low]
        out.append(latin.capitalize() if ch != low and latin else latin)
    return "".join(out)


def transliterate_uk(text: str) -> str:
    """Ukrainian Cyrillic in Latin letters by the national system: "Громада Ліона" -> "Hromada Liona"."""
    return _UK_WORD.sub(lambda m: _uk_word(m.group(0)), text)


def make_slug(name: str) -> str:
    """Latin slug from any script: Ukrainian by the national transliteration, anything else by Unidecode."""
    from slugify import slugify  # here: only registering an association makes a slug (~4 ms to import)

    return slugify(transliterate_uk(name), max_length=60, word_boundary=True) or "association"


# The Ukrainian alphabet's order: in code points Є, І, Ї and Ґ sort after Я (and "Іль-де-Франс" before "Бретань").
_UK_ORDER = {ch: i for i, ch in enumerate("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя")}


def collation_key(text: str, lang: str) -> tuple:
    """Sort key following the language's alphabet, as Intl.Collator does in the web client: accents and case
    matter only to break ties ("Île-de-France" among the I's), Ukrainian letters in the Ukrainian order."""
    base = fold(text)
    if lang == "uk":
        return tuple(_UK_ORDER.get(ch, 100 + ord(ch)) for ch in text.casefold() if ch.isalnum()), base, text
    return tuple(ch for ch in base if ch.isalnum()), text


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for free-text search (applied to data and query alike)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()
