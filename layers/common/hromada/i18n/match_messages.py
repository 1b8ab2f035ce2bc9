"""API messages of the possible matches between needs and offers."""

from __future__ import annotations

MATCH_MESSAGES: dict[str, dict[str, str]] = {
    "possible_match_not_found": {
        "fr": "Aucune correspondance possible entre ces deux initiatives.",
        "uk": "Між цими двома ініціативами немає можливого збігу.",
        "en": "No possible match between these two initiatives.",
    },
    "possible_match_answered": {
        "fr": "Cette correspondance n'attend plus votre réponse ({pair_status}).",
        "uk": "Цей збіг більше не чекає вашої відповіді ({pair_status}).",
        "en": "This match no longer awaits your answer ({pair_status}).",
    },
}
