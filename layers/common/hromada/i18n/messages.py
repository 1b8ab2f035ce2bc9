"""Error messages by code. Every code has fr, uk and en (a unit test checks it)."""

MESSAGES: dict[str, dict[str, str]] = {
    "bad_request": {
        "fr": "Requête invalide.",
        "uk": "Некоректний запит.",
        "en": "Bad request.",
    },
    "malformed_json": {
        "fr": "Le corps de la requête n'est pas un JSON valide.",
        "uk": "Тіло запиту не є коректним JSON.",
        "en": "The request body is not valid JSON.",
    },
    "invalid_cursor": {
        "fr": "Le curseur de pagination est invalide.",
        "uk": "Недійсний курсор пагінації.",
        "en": "The pagination cursor is invalid.",
    },
    "unauthorized": {
        "fr": "Connexion requise.",
        "uk": "Потрібно увійти.",
        "en": "You need to sign in.",
    },
    "forbidden": {
        "fr": "Vous n'avez pas le droit de faire cela.",
        "uk": "У вас немає прав на цю дію.",
        "en": "You are not allowed to do this.",
    },
    "email_not_verified": {
        "fr": "Votre adresse e-mail doit être vérifiée.",
        "uk": "Ваша електронна адреса має бути підтверджена.",
        "en": "Your e-mail address must be verified.",
    },
    "not_found": {
        "fr": "Ressource introuvable.",
        "uk": "Ресурс не знайдено.",
        "en": "Not found.",
    },
    "association_not_found": {
        "fr": "Association introuvable.",
        "uk": "Асоціацію не знайдено.",
        "en": "Association not found.",
    },
    "editor_not_found": {
        "fr": "Cette personne n'est pas éditrice de l'association.",
        "uk": "Ця особа не є редактором асоціації.",
        "en": "This person is not an editor of the association.",
    },
    "route_not_found": {
        "fr": "Aucune route ne correspond à cette adresse.",
        "uk": "Немає маршруту для цієї адреси.",
        "en": "No route matches this address.",
    },
    "conflict": {
        "fr": "Conflit avec l'état actuel.",
        "uk": "Конфлікт із поточним станом.",
        "en": "Conflict with the current state.",
    },
    "slug_taken": {
        "fr": "L'identifiant « {slug} » est déjà utilisé.",
        "uk": "Ідентифікатор «{slug}» уже зайнятий.",
        "en": "The slug “{slug}” is already taken.",
    },
    "already_editor": {
        "fr": "Cette personne est déjà éditrice.",
        "uk": "Ця особа вже є редактором.",
        "en": "This person is already an editor.",
    },
    "cannot_remove_owner": {
        "fr": "Le propriétaire ne peut pas être retiré.",
        "uk": "Власника не можна видалити.",
        "en": "The owner cannot be removed.",
    },
    "invalid_transition": {
        "fr": "L'association est déjà dans l'état « {state} ».",
        "uk": "Асоціація вже має статус «{state}».",
        "en": "The association is already “{state}”.",
    },
    "concurrent_update": {
        "fr": "L'association a été modifiée entre-temps ; rechargez et réessayez.",
        "uk": "Асоціацію змінено іншим користувачем; оновіть і спробуйте ще раз.",
        "en": "The association changed meanwhile; reload and try again.",
    },
    "payload_too_large": {
        "fr": "Le corps de la requête dépasse {limit} octets.",
        "uk": "Тіло запиту перевищує {limit} байтів.",
        "en": "The request body exceeds {limit} bytes.",
    },
    "validation_failed": {
        "fr": "Certains champs sont invalides.",
        "uk": "Деякі поля заповнено неправильно.",
        "en": "Some fields are invalid.",
    },
    "too_many_requests": {
        "fr": "Trop de modifications en peu de temps ; réessayez dans {retry_after} s.",
        "uk": "Забагато змін за короткий час; спробуйте через {retry_after} с.",
        "en": "Too many changes in a short time; try again in {retry_after} s.",
    },
    "unavailable": {
        "fr": "Service momentanément indisponible ; réessayez.",
        "uk": "Сервіс тимчасово недоступний; спробуйте ще раз.",
        "en": "Service temporarily unavailable; try again.",
    },
    "internal_error": {
        "fr": "Erreur interne ; elle a été enregistrée.",
        "uk": "Внутрішня помилка; її зареєстровано.",
        "en": "Internal error; it has been logged.",
    },
    # ------------------------------------------------------------ events and announcements
    "event_not_found": {
        "fr": "Événement introuvable.",
        "uk": "Подію не знайдено.",
        "en": "Event not found.",
    },
    "association_not_verified": {
        "fr": "L'association doit être vérifiée avant de publier.",
        "uk": "Асоціація має бути перевірена, перш ніж публікувати.",
        "en": "The association must be verified before it publishes.",
    },
    "concurrent_event_update": {
        "fr": "L'événement a été modifié entre-temps ; rechargez et réessayez.",
        "uk": "Подію змінено іншим користувачем; оновіть і спробуйте ще раз.",
        "en": "The event changed meanwhile; reload and try again.",
    },
    "capacity_below_confirmed": {
        "fr": "La capacité ne peut pas être inférieure aux {confirmed} places déjà confirmées.",
        "uk": "Місткість не може бути меншою за {confirmed} уже підтверджених місць.",
        "en": "The capacity cannot be below the {confirmed} seats already confirmed.",
    },
    "event_already_cancelled": {
        "fr": "L'événement est déjà annulé.",
        "uk": "Подію вже скасовано.",
        "en": "The event is already cancelled.",
    },
    "event_ended": {
        "fr": "L'événement est terminé.",
        "uk": "Подія вже завершилася.",
        "en": "The event has ended.",
    },
    "event_has_attendees": {
        "fr": "Des personnes sont inscrites : annulez l'événement avant de le supprimer.",
        "uk": "На подію є записи: скасуйте її, перш ніж видаляти.",
        "en": "People are registered: cancel the event before deleting it.",
    },
    "event_cancelled": {
        "fr": "Cet événement est annulé.",
        "uk": "Цю подію скасовано.",
        "en": "This event is cancelled.",
    },
    "registration_closed": {
        "fr": "Les inscriptions à cet événement sont closes.",
        "uk": "Реєстрацію на цю подію закрито.",
        "en": "Registration for this event is closed.",
    },
    "rsvp_not_found": {
        "fr": "Vous n'êtes pas inscrit·e à cet événement.",
        "uk": "Ви не зареєстровані на цю подію.",
        "en": "You are not registered for this event.",
    },
    "announcement_not_found": {
        "fr": "Annonce introuvable.",
        "uk": "Оголошення не знайдено.",
        "en": "Announcement not found.",
    },
    "concurrent_announcement_update": {
        "fr": "L'annonce a été modifiée entre-temps ; rechargez et réessayez.",
        "uk": "Оголошення змінено іншим користувачем; оновіть і спробуйте ще раз.",
        "en": "The announcement changed meanwhile; reload and try again.",
    },
}
