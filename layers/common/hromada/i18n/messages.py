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
        "fr": "Trop de requêtes ; réessayez plus tard.",
        "uk": "Забагато запитів; спробуйте пізніше.",
        "en": "Too many requests; try again later.",
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
    # ---- partnerships and initiatives
    "partnership_not_found": {
        "fr": "Partenariat introuvable.",
        "uk": "Партнерство не знайдено.",
        "en": "Partnership not found.",
    },
    "initiative_not_found": {
        "fr": "Initiative introuvable.",
        "uk": "Ініціативу не знайдено.",
        "en": "Initiative not found.",
    },
    "association_not_verified": {
        "fr": "L'association doit être vérifiée avant de publier.",
        "uk": "Асоціація має бути перевірена, перш ніж публікувати.",
        "en": "The association must be verified before it publishes.",
    },
    "not_the_other_side": {
        "fr": "Seule l'autre partie ou une personne de la modération peut confirmer cette proposition.",
        "uk": "Підтвердити цю пропозицію може лише інша сторона або модератор.",
        "en": "Only the other side or a moderator can confirm this proposal.",
    },
    "partner_is_proposer": {
        "fr": "Une association ne peut pas être partenaire d'elle-même.",
        "uk": "Асоціація не може бути партнером сама собі.",
        "en": "An association cannot partner with itself.",
    },
    "partner_not_found": {
        "fr": "L'association partenaire est introuvable ou n'est pas vérifiée.",
        "uk": "Асоціацію-партнера не знайдено або її не перевірено.",
        "en": "The partner association does not exist or is not verified.",
    },
    "transition_not_allowed": {
        "fr": "Impossible de passer de « {current} » à « {target} ».",
        "uk": "Неможливо перейти зі стану «{current}» до «{target}».",
        "en": "Cannot go from “{current}” to “{target}”.",
    },
    "already_hidden": {
        "fr": "C'est déjà masqué.",
        "uk": "Уже приховано.",
        "en": "It is already hidden.",
    },
    "not_hidden": {
        "fr": "Ce n'est pas masqué.",
        "uk": "Це не приховано.",
        "en": "It is not hidden.",
    },
    "changed_meanwhile": {
        "fr": "Cet élément a été modifié entre-temps ; rechargez et réessayez.",
        "uk": "Цей запис змінено іншим користувачем; оновіть і спробуйте ще раз.",
        "en": "This changed meanwhile; reload and try again.",
    },
}
