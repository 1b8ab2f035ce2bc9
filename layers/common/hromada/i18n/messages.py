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
    "mfa_required": {
        "fr": "Les modérateurs et administrateurs doivent activer la validation en deux étapes "
              "(application d'authentification) avant d'agir.",
        "uk": "Модератори й адміністратори мають увімкнути двоетапну перевірку "
              "(застосунок автентифікації), перш ніж діяти.",
        "en": "Moderators and administrators must set up two-step verification "
              "(an authenticator app) before acting.",
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
    "image_too_large": {
        "fr": "L'image dépasse {max_mb} Mo : choisissez un fichier plus léger.",
        "uk": "Зображення більше за {max_mb} МБ: виберіть легший файл.",
        "en": "The image is larger than {max_mb} MB: choose a smaller file.",
    },
    "image_unreadable": {
        "fr": "Ce fichier n'est pas une image JPEG, PNG ou WebP lisible.",
        "uk": "Цей файл не є зображенням JPEG, PNG чи WebP, яке можна прочитати.",
        "en": "This file is not a readable JPEG, PNG or WebP image.",
    },
    "image_too_many_pixels": {
        "fr": "L'image est trop grande (40 millions de pixels et 10 000 pixels de côté au plus).",
        "uk": "Зображення завелике (щонайбільше 40 мільйонів пікселів і 10 000 пікселів на бік).",
        "en": "The image is too big (at most 40 million pixels and 10,000 pixels a side).",
    },
    "upload_not_found": {
        "fr": "Le fichier envoyé est introuvable : il a peut-être expiré. Envoyez-le à nouveau.",
        "uk": "Надісланий файл не знайдено: можливо, його строк минув. Надішліть його ще раз.",
        "en": "The uploaded file was not found: it may have expired. Upload it again.",
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
    "roll_frozen": {
        "fr": "La liste électorale est figée depuis l'ouverture du vote (étape « {state} »).",
        "uk": "Список виборців зафіксовано з початку голосування (етап «{state}»).",
        "en": "The voter roll is frozen since voting opened (the election is “{state}”).",
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
    # ---- mail and subscriptions
    "invalid_token": {
        "fr": "Ce lien est invalide.",
        "uk": "Це посилання недійсне.",
        "en": "This link is invalid.",
    },
    "token_expired": {
        "fr": "Ce lien a expiré.",
        "uk": "Термін дії цього посилання минув.",
        "en": "This link has expired.",
    },
    "subscription_link_outdated": {
        "fr": "Ce lien date d'un abonnement résilié depuis ; utilisez celui du dernier message reçu.",
        "uk": "Це посилання з підписки, яку відтоді скасовано; скористайтеся посиланням з останнього листа.",
        "en": "This link is from a subscription cancelled since; use the one in the latest mail.",
    },
    "subscription_not_found": {
        "fr": "Aucun abonnement ne correspond (il a peut-être expiré ou été résilié).",
        "uk": "Підписку не знайдено (можливо, вона спливла або скасована).",
        "en": "No such subscription (it may have expired or been cancelled).",
    },
    "subscription_busy": {
        "fr": "L'abonnement est en cours de modification ; réessayez.",
        "uk": "Підписка саме змінюється; спробуйте ще раз.",
        "en": "The subscription is being changed; try again.",
    },
    "subscription_changed": {
        "fr": "L'abonnement a été modifié entre-temps ; rechargez et réessayez.",
        "uk": "Підписку тим часом змінили; оновіть і спробуйте ще раз.",
        "en": "The subscription changed meanwhile; reload and try again.",
    },
    "address_suppressed": {
        "fr": "Cette adresse ne reçoit plus d'e-mails (rejet ou plainte).",
        "uk": "Ця адреса більше не отримує листів (відмова або скарга).",
        "en": "This address no longer receives mail (bounce or complaint).",
    },
    # ------------------------------------------------------------ moderation
    "already_flagged": {
        "fr": "Vous avez déjà signalé ce contenu.",
        "uk": "Ви вже поскаржилися на цей вміст.",
        "en": "You have already reported this.",
    },
    "flagged_item_not_found": {
        "fr": "Contenu introuvable.",
        "uk": "Вміст не знайдено.",
        "en": "No such content.",
    },
    "review_not_found": {
        "fr": "Aucun signalement pour ce contenu.",
        "uk": "На цей вміст немає скарг.",
        "en": "Nothing has been reported about this.",
    },
    "nothing_to_review": {
        "fr": "Aucun signalement en attente pour ce contenu.",
        "uk": "Немає скарг, що очікують на розгляд.",
        "en": "No report is waiting for a decision on this.",
    },
    "no_association_to_warn": {
        "fr": "Ce contenu n'appartient à aucune association à avertir.",
        "uk": "Цей вміст не належить жодній асоціації, яку можна попередити.",
        "en": "This belongs to no association that could be warned.",
    },
    "no_author_to_suspend": {
        "fr": "L'auteur de ce contenu est inconnu.",
        "uk": "Автор цього вмісту невідомий.",
        "en": "The author of this is unknown.",
    },
    "cannot_suspend_yourself": {
        "fr": "Vous ne pouvez pas suspendre votre propre compte.",
        "uk": "Ви не можете призупинити власний обліковий запис.",
        "en": "You cannot suspend your own account.",
    },
    "suspension_not_found": {
        "fr": "Ce compte n'est pas suspendu.",
        "uk": "Цей обліковий запис не призупинено.",
        "en": "This account is not suspended.",
    },
    "account_erased": {
        "fr": "Ce compte a été supprimé : il ne peut plus rien publier ni modifier.",
        "uk": "Цей обліковий запис видалено: з нього більше не можна нічого публікувати чи змінювати.",
        "en": "This account was deleted: it can no longer publish or change anything.",
    },
    "account_suspended": {
        "fr": "Votre compte est suspendu : vous ne pouvez rien publier ni modifier.",
        "uk": "Ваш обліковий запис призупинено: ви не можете нічого публікувати чи змінювати.",
        "en": "Your account is suspended: you cannot publish or change anything.",
    },
    "erasure_not_confirmed": {
        "fr": "Pour confirmer la suppression, indiquez votre propre adresse e-mail.",
        "uk": "Щоб підтвердити видалення, вкажіть власну електронну адресу.",
        "en": "To confirm the erasure, give your own e-mail address.",
    },
    "occurrence_edit": {
        "fr": "Une date d'une série se déplace ou s'annule ; le reste se modifie sur la série.",
        "uk": "Одну дату серії можна перенести або скасувати; решту змінюють у самій серії.",
        "en": "One date of a series is moved or cancelled; everything else is edited on the series.",
    },
    "register_for_a_date": {
        "fr": "Inscrivez-vous à une date de la série (ou à toute la série, si elle le permet).",
        "uk": "Зареєструйтеся на одну дату серії (або на всю серію, якщо це дозволено).",
        "en": "Register for one date of the series (or for the whole series, where allowed).",
    },
    "series_not_found": {
        "fr": "Série d'événements introuvable.",
        "uk": "Серію подій не знайдено.",
        "en": "Event series not found.",
    },
    "idempotency_key_reused": {
        "fr": "Cette clé Idempotency-Key a déjà servi pour une autre demande : envoyez-en une nouvelle.",
        "uk": "Цей ключ Idempotency-Key уже використано для іншого запиту: надішліть новий.",
        "en": "This Idempotency-Key was already used for another request: send a new one.",
    },
    "occurrence_not_found": {
        "fr": "Cette date ne fait pas partie de la série.",
        "uk": "Цієї дати немає в серії.",
        "en": "This date is not part of the series.",
    },
    "occurrence_cancelled": {
        "fr": "Cette date est annulée : rétablissez-la avant de la déplacer.",
        "uk": "Цю дату скасовано: відновіть її, перш ніж переносити.",
        "en": "This date is cancelled: restore it before moving it.",
    },
    "series_registration_not_allowed": {
        "fr": "Cette série ne permet pas l'inscription à toutes les dates : choisissez une date.",
        "uk": "Ця серія не дозволяє реєстрацію на всі дати: оберіть дату.",
        "en": "This series does not take registrations for every date: pick a date.",
    },
    "series_registration_not_found": {
        "fr": "Vous n'êtes pas inscrit·e à toute la série.",
        "uk": "Ви не зареєстровані на всю серію.",
        "en": "You are not registered for the whole series.",
    },
    "recurrence_too_long": {
        "fr": "Une série compte au plus 200 dates sur deux ans.",
        "uk": "Серія має щонайбільше 200 дат упродовж двох років.",
        "en": "A series has at most 200 dates over two years.",
    },
}

from hromada.i18n.webhook_messages import WEBHOOK_MESSAGES  # noqa: E402  (kept apart: each API area its own)

MESSAGES |= WEBHOOK_MESSAGES

from hromada.i18n.claim_messages import CLAIM_MESSAGES  # noqa: E402

MESSAGES |= CLAIM_MESSAGES
from hromada.i18n.match_messages import MATCH_MESSAGES  # noqa: E402

MESSAGES |= MATCH_MESSAGES
from hromada.i18n.shift_messages import SHIFT_MESSAGES  # noqa: E402  (kept apart: each API area its own)

MESSAGES |= SHIFT_MESSAGES
from hromada.i18n.campaign_messages import CAMPAIGN_MESSAGES  # noqa: E402

MESSAGES |= CAMPAIGN_MESSAGES
from hromada.i18n.sitemap_messages import SITEMAP_MESSAGES  # noqa: E402

MESSAGES |= SITEMAP_MESSAGES
