"""Error messages of the claims registry, in fr, uk and en."""

from __future__ import annotations

CLAIM_MESSAGES: dict[str, dict[str, str]] = {
    "claim_not_found": {
        "fr": "Affirmation introuvable.",
        "uk": "Твердження не знайдено.",
        "en": "Claim not found.",
    },
    "claim_url_taken": {
        "fr": "Cette adresse est déjà rattachée à une autre affirmation.",
        "uk": "Ця адреса вже пов'язана з іншим твердженням.",
        "en": "This address already belongs to another claim.",
    },
    "not_a_fact_check": {
        "fr": "Seule une annonce de vérification des faits visible peut être liée.",
        "uk": "Можна пов'язати лише видиме оголошення-перевірку фактів.",
        "en": "Only a visible fact-check announcement can be linked.",
    },
    "fact_check_not_linked": {
        "fr": "Cette vérification n'est pas liée à l'affirmation.",
        "uk": "Ця перевірка не пов'язана з твердженням.",
        "en": "This fact-check is not linked to the claim.",
    },
}
