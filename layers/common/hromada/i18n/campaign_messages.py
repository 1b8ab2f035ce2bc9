"""API messages of the campaigns area, in fr/uk/en."""

CAMPAIGN_MESSAGES: dict[str, dict[str, str]] = {
    "campaign_not_found": {
        "fr": "Campagne introuvable.",
        "uk": "Кампанію не знайдено.",
        "en": "Campaign not found.",
    },
    "campaign_slug_taken": {
        "fr": "Une autre campagne porte déjà cet identifiant (slug).",
        "uk": "Інша кампанія вже має цей ідентифікатор (slug).",
        "en": "Another campaign already has this slug.",
    },
    "campaign_archived": {
        "fr": "Cette campagne est archivée.",
        "uk": "Цю кампанію заархівовано.",
        "en": "This campaign is archived.",
    },
    "outside_campaign": {
        "fr": "L'événement n'a pas lieu pendant la campagne.",
        "uk": "Подія не відбувається під час кампанії.",
        "en": "The event does not take place during the campaign.",
    },
    "concurrent_campaign_update": {
        "fr": "La campagne a été modifiée entre-temps ; rechargez et réessayez.",
        "uk": "Кампанію тим часом змінено; оновіть сторінку й спробуйте ще раз.",
        "en": "The campaign was changed meanwhile; reload and try again.",
    },
    "campaign_already_invited": {
        "fr": "Ces associations ont déjà été invitées pour cette campagne.",
        "uk": "Ці асоціації вже запрошено до цієї кампанії.",
        "en": "These associations were already invited for this campaign.",
    },
    "campaign_events_outside": {
        "fr": "{count} événement(s) prévu(s) sortiraient des nouvelles dates : déplacez-les ou détachez-les d'abord.",
        "uk": "Запланованих подій поза новими датами: {count}. Спершу перенесіть або відʼєднайте їх.",
        "en": "{count} planned event(s) would fall outside the new dates: move or detach them first.",
    },
}
