"""Error messages of the webhooks API (merged into hromada.i18n.messages.MESSAGES)."""

WEBHOOK_MESSAGES: dict[str, dict[str, str]] = {
    "webhook_url_refused": {
        "fr": "Cette adresse ne peut pas recevoir de webhooks ({reason}) : une URL https publique, port 443 ou "
              "8443, sans identifiants.",
        "uk": "Ця адреса не може отримувати вебхуки ({reason}): потрібна публічна URL-адреса https, порт 443 або "
              "8443, без облікових даних.",
        "en": "This address cannot receive webhooks ({reason}): a public https URL, port 443 or 8443, without "
              "credentials.",
    },
    "webhook_limit_reached": {
        "fr": "Une association peut avoir au plus {limit} webhooks.",
        "uk": "Асоціація може мати щонайбільше {limit} вебхуків.",
        "en": "An association may have at most {limit} webhooks.",
    },
    "webhook_not_found": {
        "fr": "Ce webhook n'existe pas.",
        "uk": "Такого вебхука не існує.",
        "en": "This webhook does not exist.",
    },
    "webhook_disabled": {
        "fr": "Ce webhook est désactivé : réactivez-le d'abord.",
        "uk": "Цей вебхук вимкнено: спершу ввімкніть його.",
        "en": "This webhook is switched off: switch it on first.",
    },
}
