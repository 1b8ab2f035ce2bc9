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
    # ---------------------------------------------------------------- elections and polls
    "election_not_found": {
        "fr": "Élection introuvable.",
        "uk": "Вибори не знайдено.",
        "en": "Election not found.",
    },
    "candidate_not_found": {
        "fr": "Candidature introuvable.",
        "uk": "Кандидатуру не знайдено.",
        "en": "Candidacy not found.",
    },
    "poll_not_found": {
        "fr": "Sondage introuvable.",
        "uk": "Опитування не знайдено.",
        "en": "Poll not found.",
    },
    "ballot_not_found": {
        "fr": "Aucun bulletin ne porte ce numéro de suivi.",
        "uk": "Бюлетеня з таким номером відстеження немає.",
        "en": "No ballot has this tracker.",
    },
    "voting_not_open": {
        "fr": "Le vote n'est pas encore ouvert.",
        "uk": "Голосування ще не відкрите.",
        "en": "Voting is not open yet.",
    },
    "voting_closed": {
        "fr": "Le vote est clos.",
        "uk": "Голосування завершено.",
        "en": "Voting is closed.",
    },
    "already_voted": {
        "fr": "Vous avez déjà voté : un seul bulletin par votant.",
        "uk": "Ви вже проголосували: один бюлетень на виборця.",
        "en": "You have already voted: one ballot per voter.",
    },
    "not_eligible": {
        "fr": "Vous ne faites pas partie du corps électoral de ce scrutin.",
        "uk": "Ви не входите до кола виборців цього голосування.",
        "en": "You are not on the electorate of this vote.",
    },
    "association_not_verified": {
        "fr": "L'association doit être vérifiée.",
        "uk": "Асоціація має бути верифікована.",
        "en": "The association must be verified.",
    },
    "nominations_not_open": {
        "fr": "Les candidatures ne sont pas ouvertes.",
        "uk": "Висування кандидатів не відкрите.",
        "en": "Nominations are not open.",
    },
    "nomination_quota_reached": {
        "fr": "Votre association a déjà présenté {limit} candidature(s), le maximum.",
        "uk": "Ваша асоціація вже висунула максимум кандидатів: {limit}.",
        "en": "Your association has already nominated the maximum of {limit}.",
    },
    "invalid_phase": {
        "fr": "Impossible tant que l'élection est à l'étape « {state} ».",
        "uk": "Неможливо, поки вибори на етапі «{state}».",
        "en": "Not possible while the election is “{state}”.",
    },
    "candidate_state": {
        "fr": "Impossible : la candidature est « {state} ».",
        "uk": "Неможливо: кандидатура має статус «{state}».",
        "en": "Not possible: the candidacy is “{state}”.",
    },
    "results_not_published": {
        "fr": "Les résultats et les bulletins ne sont pas encore publiés.",
        "uk": "Результати та бюлетені ще не оприлюднено.",
        "en": "The results and ballots are not published yet.",
    },
    "roll_not_used": {
        "fr": "Ce scrutin n'utilise pas de liste électorale.",
        "uk": "Це голосування не використовує список виборців.",
        "en": "This vote does not use a voter roll.",
    },
    "candidate_not_on_ballot": {
        "fr": "Un candidat choisi ne figure pas sur le bulletin.",
        "uk": "Обраного кандидата немає в бюлетені.",
        "en": "A chosen candidate is not on the ballot.",
    },
    "too_many_choices": {
        "fr": "Vous pouvez choisir au plus {limit} réponse(s).",
        "uk": "Можна обрати щонайбільше {limit} відповід(ь/і).",
        "en": "You may choose at most {limit} answer(s).",
    },
    "poll_closed": {
        "fr": "Le sondage est clos.",
        "uk": "Опитування завершено.",
        "en": "The poll is closed.",
    },
    "modified_meanwhile": {
        "fr": "Modifié entre-temps par quelqu'un d'autre ; rechargez et réessayez.",
        "uk": "Тим часом змінено кимось іншим; оновіть і спробуйте ще раз.",
        "en": "Changed meanwhile by someone else; reload and try again.",
    },
}
