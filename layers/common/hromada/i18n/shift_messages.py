"""Error messages of the volunteer shifts API (merged into hromada.i18n.messages.MESSAGES)."""

SHIFT_MESSAGES: dict[str, dict[str, str]] = {
    "shift_not_found": {
        "fr": "Ce créneau n'existe pas.",
        "uk": "Такої зміни не існує.",
        "en": "This shift does not exist.",
    },
    "shifts_need_volunteers": {
        "fr": "Seul un projet qui cherche des bénévoles peut proposer des créneaux.",
        "uk": "Зміни може пропонувати лише проєкт, що шукає волонтерів.",
        "en": "Only a project seeking volunteers can offer shifts.",
    },
    "shift_cancelled": {
        "fr": "Ce créneau est annulé.",
        "uk": "Цю зміну скасовано.",
        "en": "This shift is cancelled.",
    },
    "shift_started": {
        "fr": "Ce créneau a déjà commencé.",
        "uk": "Ця зміна вже почалася.",
        "en": "This shift has already started.",
    },
    "shift_changed": {
        "fr": "Le créneau a changé entre-temps : rechargez-le et recommencez.",
        "uk": "Зміну тим часом змінено: оновіть її та спробуйте ще раз.",
        "en": "The shift changed meanwhile: reload it and try again.",
    },
    "people_below_confirmed": {
        "fr": "{confirmed} bénévoles sont déjà inscrit·es : le nombre de places ne peut pas descendre en dessous.",
        "uk": "Уже зареєстровано волонтерів: {confirmed}. Кількість місць не може бути меншою.",
        "en": "{confirmed} volunteers are already signed up: the number of places cannot go below that.",
    },
    "shift_in_the_past": {
        "fr": "Le créneau doit commencer dans le futur.",
        "uk": "Зміна має починатися в майбутньому.",
        "en": "The shift must start in the future.",
    },
    "signup_not_found": {
        "fr": "Vous n'êtes pas inscrit·e à ce créneau.",
        "uk": "Ви не записані на цю зміну.",
        "en": "You are not signed up for this shift.",
    },
    "too_many_messages": {
        "fr": "Trop de messages envoyés aux bénévoles : réessayez dans {retry_after} secondes.",
        "uk": "Надіслано забагато повідомлень волонтерам: спробуйте через {retry_after} с.",
        "en": "Too many messages sent to volunteers: try again in {retry_after} seconds.",
    },
    "association_without_contact": {
        "fr": "Publiez d'abord l'adresse de contact de l'association : les bénévoles y répondront.",
        "uk": "Спершу опублікуйте контактну адресу асоціації: волонтери відповідатимуть на неї.",
        "en": "First publish the association's contact address: volunteers will reply to it.",
    },
}
