"""Mail without AWS: signed tokens, letters in three languages, MIME headers, the planner and the mailer."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.policy import default

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hromada.errors import BadRequest
from hromada.mail import letters, mime, tokens
from hromada.mail.delivery import JobFailed, Mailer, Outcome
from hromada.mail.digests import MAX_EVENTS, DigestPlanner, period_of
from hromada.mail.jobs import MailJob, Recipient, split
from hromada.mail.render import render
from hromada.mail.ses import SendFailed
from hromada.mail.strings import STRINGS
from hromada.models.subscription import Subscription

KEY = b"k" * 48
NOW = 1_800_000_000


# ------------------------------------------------------------ tokens
def test_a_token_names_one_subscription_and_one_purpose():
    token = tokens.issue("sb_1", tokens.MANAGE, now=NOW, key=KEY)
    assert tokens.verify(token, tokens.MANAGE, now=NOW + 10, key=KEY).subscription_id == "sb_1"
    with pytest.raises(BadRequest, match="invalid_token"):
        tokens.verify(token, tokens.CONFIRM, now=NOW + 10, key=KEY)
    with pytest.raises(BadRequest, match="invalid_token"):
        tokens.verify(token, tokens.MANAGE, now=NOW + 10, key=b"another key" * 4)


def test_a_confirmation_token_expires_after_48_hours():
    token = tokens.issue("sb_1", tokens.CONFIRM, now=NOW, key=KEY)
    tokens.verify(token, tokens.CONFIRM, now=NOW + 47 * 3600, key=KEY)
    with pytest.raises(BadRequest, match="token_expired"):
        tokens.verify(token, tokens.CONFIRM, now=NOW + 48 * 3600, key=KEY)


@given(st.integers(min_value=0, max_value=200), st.characters(codec="ascii", categories=["L", "N"]))
def test_any_changed_character_is_refused(position, replacement):
    token = tokens.issue("sb_1", tokens.MANAGE, now=NOW, key=KEY)
    position %= len(token)
    if token[position] == replacement or token[position] == ".":
        return
    tampered = token[:position] + replacement + token[position + 1:]
    try:
        claims = tokens.verify(tampered, tokens.MANAGE, now=NOW, key=KEY)
    except BadRequest:
        return
    # base64url's last character can carry unused bits: only then may a change decode to the same token
    assert claims.subscription_id == "sb_1" and position in (len(token) - 1, token.index(".") - 1,
                                                             token.rindex(".") - 1)


def test_a_token_is_bound_to_the_generation_of_its_subscription():
    created = "2026-12-01T10:00:00.000Z"
    claims = tokens.verify(tokens.issue("sb_1", tokens.MANAGE, now=NOW, key=KEY, generation=created),
                           tokens.MANAGE, now=NOW, key=KEY)
    assert claims.belongs_to(created)
    assert not claims.belongs_to("2026-12-02T08:00:00.000Z")  # unsubscribed, then subscribed again
    # A token made before the claim existed counts only for a subscription created before it was issued.
    legacy = tokens.verify(tokens.issue("sb_1", tokens.MANAGE, now=NOW, key=KEY), tokens.MANAGE, now=NOW, key=KEY)
    before = datetime.fromtimestamp(NOW - 60, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    after = datetime.fromtimestamp(NOW + 60, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    assert legacy.belongs_to(before) and not legacy.belongs_to(after)


# ------------------------------------------------------------ letters
def test_every_mail_sentence_exists_in_french_ukrainian_and_english():
    assert set(STRINGS) == {"fr", "uk", "en"}
    assert set(STRINGS["fr"]) == set(STRINGS["uk"]) == set(STRINGS["en"])
    assert all(text.strip() for lang in STRINGS.values() for text in lang.values())


def test_one_brand_rule_and_one_word_for_e_mail():
    """"Hromada" in every language, never declined (the site says the same); French says "e-mail" only."""
    for lang, texts in STRINGS.items():
        assert texts["brand"] == "Hromada", lang
        assert not [key for key, text in texts.items() if "Громад" in text], lang
    assert not [key for key, text in STRINGS["fr"].items() if "courriel" in text.lower()]
    assert "Hromada" in STRINGS["uk"]["confirm_subject"]


def test_ukrainian_waiting_list_is_a_list_not_a_letter():
    assert not [key for key, text in STRINGS["uk"].items() if re.search(r"\bлист\w* очікування", text)]
    assert "списку очікування" in STRINGS["uk"]["promoted_intro"]


@pytest.mark.parametrize("lang", ["fr", "uk", "en"])
def test_a_verification_note_is_no_reason(lang):
    t = STRINGS[lang]
    verified = letters.association_reviewed(lang, "Dnipro", True, "https://web", "as_1", reason="Bienvenue")
    rejected = letters.association_reviewed(lang, "Dnipro", False, "https://web", "as_1", reason="RNA inconnu")
    assert verified.notes == [f"{t['note']}{t['colon']} Bienvenue"] and not verified.notes[0].startswith(t["reason"])
    assert rejected.notes == [f"{t['reason']}{t['colon']} RNA inconnu"]


EVENT = {"id": "ev_1", "title": {"fr": "Concert <b>bandoura</b>", "uk": "Концерт"}, "description": {"fr": "Bandoura"},
         "start": "2026-12-01T18:00:00.000Z", "timezone": "Europe/Paris", "association_name": "Dnipro",
         "venue": {"name": "Salle", "city": "Toulouse", "region": "76"}, "categories": ["concert"],
         "association_id": "as_1"}


@pytest.mark.parametrize(("lang", "expected"), [("fr", "mardi 1 décembre 2026, 19:00"),
                                                ("uk", "вівторок, 1 грудня 2026\u202fр., 19:00"),
                                                ("en", "Tuesday, 1 December 2026, 19:00")])
def test_dates_are_shown_in_paris_time_in_the_readers_language(lang, expected):
    card = letters.event_card(EVENT, lang, "https://web")
    assert card.when == expected


def test_user_text_is_escaped_in_html_and_kept_in_plain_text():
    letter = letters.digest("fr", "weekly", [letters.event_card(EVENT, "fr", "https://web")], [])
    rendered = render(letter)
    assert "Concert &lt;b&gt;bandoura&lt;/b&gt;" in rendered.html and "<b>bandoura" not in rendered.html
    assert "Concert <b>bandoura</b>" in rendered.text
    assert rendered.subject == "Votre semaine ukrainienne : 1 nouveautés" or rendered.subject.startswith("Votre")


def test_bulk_mail_carries_one_click_unsubscribe_headers_and_both_parts():
    letter = letters.confirm("en", "https://api/subscriptions/confirm?token=x")
    raw = mime.build("Hromada <news@hromada.example>", "a@example.org", render(letter), lang="en",
                     headers=mime.unsubscribe_headers("https://api/subscriptions/unsubscribe?token=t"),
                     attachments=[mime.Attachment("event.ics", b"BEGIN:VCALENDAR", "text", "calendar")])
    message = message_from_bytes(raw, policy=default)
    assert message["List-Unsubscribe"] == "<https://api/subscriptions/unsubscribe?token=t>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    types = [part.get_content_type() for part in message.walk() if not part.is_multipart()]
    assert types == ["text/plain", "text/html", "text/calendar"]


def test_a_job_survives_the_queue_unchanged():
    letter = letters.digest("uk", "daily", [letters.event_card(EVENT, "uk", "https://web")], [])
    [job] = split("digest", "digest:daily:2026-12-01", letter, [Recipient("sb_1", "a@example.org", "sb_1")], bulk=True)
    assert MailJob.from_json(job.to_json()) == job


def test_jobs_hold_at_most_25_recipients():
    recipients = [Recipient(f"sb_{i}", f"{i}@example.org") for i in range(60)]
    jobs = split("digest", "k", letters.confirm("fr", "u"), recipients)
    assert [len(j.recipients) for j in jobs] == [25, 25, 10] and {j.key for j in jobs} == {"k"}


# ------------------------------------------------------------ the planner
def sub(i: int, **prefs) -> Subscription:
    return Subscription(id=f"sb_{i}", email=f"{i}@example.org", status="confirmed", created_at="x", updated_at="x",
                        **prefs)


class Source:
    def __init__(self, subscribers, events, announcements):
        self._subscribers, self.events, self.announcements = subscribers, events, announcements
        self.content_reads = 0

    def subscribers(self, frequency):
        yield from self._subscribers

    def new_events(self, since, now):
        self.content_reads += 1
        return self.events

    def new_announcements(self, since):
        self.content_reads += 1
        return self.announcements


def test_subscribers_asking_the_same_thing_share_one_letter_and_content_is_read_once():
    online = {**EVENT, "id": "ev_online", "venue": None, "categories": ["talk"]}
    paris = {**EVENT, "id": "ev_paris", "venue": {"region": "11", "city": "Paris"}}
    news = {"id": "an_1", "title": {"fr": "Nouvelles"}, "body": {"fr": "x"}, "association_id": "as_9",
            "region": "84", "created_at": "2026-11-30T00:00:00Z"}
    subscribers = [sub(i, regions=["76"]) for i in range(30)] + [sub(100, regions=["11"], categories=["concert"]),
                                                                  sub(101, regions=["84"], associations=["as_9"]),
                                                                  sub(102, regions=["94"], categories=["sport"])]
    source = Source(subscribers, [EVENT, online, paris], [news])
    plan = DigestPlanner(source, "https://web").plan("weekly", datetime(2026, 11, 30, 7, tzinfo=UTC))
    assert source.content_reads == 2
    assert (plan.subscribers, plan.preference_sets, plan.groups, plan.recipients, plan.empty) == (33, 4, 3, 32, 1)
    by_recipient = {r.id: j for j in plan.jobs for r in j.recipients}
    assert "sb_102" not in by_recipient  # nothing in Corsica about sport: no empty digest
    titles = lambda rid: [c.title for s in by_recipient[rid].letter.sections for c in s.cards]  # noqa: E731
    assert titles("sb_0") == ["Concert <b>bandoura</b>", "Concert <b>bandoura</b>"]  # Toulouse and online
    assert titles("sb_100") == ["Concert <b>bandoura</b>"]  # Paris concert only (the online one is a talk)
    assert "Nouvelles" in titles("sb_101")
    assert len([j for j in plan.jobs if j.recipients[0].id == "sb_0"]) == 1  # 30 readers, two jobs of ≤25
    assert all(j.key == "digest:weekly:2026-W49" and j.bulk for j in plan.jobs)


def test_a_recurring_event_is_in_the_digest_once_by_its_next_date():
    dates = [{**EVENT, "id": f"ev_date{i}", "series_id": "ev_series", "start": f"2026-12-0{i}T18:00:00.000Z",
              "title": {"fr": f"Chorale {i}"}} for i in (3, 1, 2)]
    source = Source([sub(1, regions=["76"])], [*dates, EVENT], [])
    plan = DigestPlanner(source, "https://web").plan("weekly", datetime(2026, 11, 30, 7, tzinfo=UTC))
    [job] = plan.jobs
    assert sorted(c.title for s in job.letter.sections for c in s.cards) == ["Chorale 1", "Concert <b>bandoura</b>"]


def test_a_busy_region_does_not_push_a_followed_association_out_of_the_digest():
    crowd = [{**EVENT, "id": f"ev_{i:02}", "association_id": "as_other", "start": f"2026-12-01T{i:02}:00:00.000Z",
              "title": {"fr": f"Autre {i:02}"}} for i in range(MAX_EVENTS + 3)]
    mine = {**EVENT, "id": "ev_mine", "association_id": "as_mine", "start": "2026-12-05T18:00:00.000Z",
            "title": {"fr": "Le mien"}}
    source = Source([sub(1, regions=["76"], associations=["as_mine"]), sub(2, regions=["76"])], [*crowd, mine], [])
    plan = DigestPlanner(source, "https://web").plan("weekly", datetime(2026, 11, 30, 7, tzinfo=UTC))
    by_recipient = {r.id: j for j in plan.jobs for r in j.recipients}
    titles = lambda rid: [c.title for s in by_recipient[rid].letter.sections for c in s.cards]  # noqa: E731
    assert len(titles("sb_1")) == len(titles("sb_2")) == MAX_EVENTS
    assert titles("sb_1")[-1] == "Le mien" and titles("sb_1")[:-1] == [f"Autre {i:02}" for i in range(MAX_EVENTS - 1)]
    assert "Le mien" not in titles("sb_2")  # not followed: date order alone
    assert plan.reach == {"as_other": 2, "as_mine": 1}


def test_periods_are_keyed_in_paris_time():
    # Sunday 23:30 UTC is already Monday in Paris: the new week.
    assert period_of("weekly", datetime(2026, 11, 29, 23, 30, tzinfo=UTC)).key == "2026-W49"
    assert period_of("daily", datetime(2026, 11, 29, 23, 30, tzinfo=UTC)).key == "2026-11-30"
    since = period_of("weekly", datetime(2026, 11, 30, 7, tzinfo=UTC)).since
    assert since == (datetime(2026, 11, 30, 7, tzinfo=UTC) - timedelta(days=7)).isoformat(
        timespec="milliseconds").replace("+00:00", "Z")


# ------------------------------------------------------------ the mailer
class Log:
    def __init__(self):
        self.records: dict[tuple[str, str], str] = {}

    def claim(self, key, rid, now):
        if (key, rid) in self.records:
            return False
        self.records[(key, rid)] = "sending"
        return True

    def sent(self, key, rid, message_id, now):
        self.records[(key, rid)] = message_id

    def release(self, key, rid):
        del self.records[(key, rid)]


class Ses:
    def __init__(self, fail_on=()):
        self.fail_on, self.sent = dict(fail_on), []

    def send_raw(self, recipient, raw):
        if recipient in self.fail_on:
            code = self.fail_on.pop(recipient)
            raise SendFailed(code, retryable=code == "TooManyRequestsException")
        self.sent.append(recipient)
        return f"m-{len(self.sent)}"


class Links:
    def manage(self, sid, generation=None):
        return f"https://api/manage?{sid}"

    def unsubscribe(self, sid, generation=None):
        return f"https://api/unsubscribe?{sid}"


class NoSuppressions:
    def __init__(self, blocked=()):
        self.blocked = set(blocked)

    def suppressed_among(self, emails):
        return self.blocked & set(emails)


def job(n: int) -> MailJob:
    recipients = [Recipient(f"sb_{i}", f"{i}@example.org", f"sb_{i}") for i in range(n)]
    return MailJob("digest", "digest:weekly:2026-W49", letters.confirm("fr", "u"), recipients, bulk=True)


def test_a_retried_job_only_reaches_those_not_yet_served():
    log, ses = Log(), Ses(fail_on={"2@example.org": "TooManyRequestsException"})
    mailer = Mailer(log, ses, NoSuppressions(), Links(), "Hromada <n@hromada.example>")
    with pytest.raises(JobFailed) as failed:
        mailer.deliver(job(4))
    assert failed.value.outcome.sent == ["sb_0", "sb_1"]
    again: Outcome = mailer.deliver(job(4))
    assert again.duplicates == ["sb_0", "sb_1"] and again.sent == ["sb_2", "sb_3"]
    assert sorted(ses.sent) == [f"{i}@example.org" for i in range(4)]


def test_suppressed_addresses_are_skipped_and_refused_ones_not_retried():
    log, ses = Log(), Ses(fail_on={"1@example.org": "MessageRejected"})
    outcome = Mailer(log, ses, NoSuppressions({"0@example.org"}), Links(), "n@hromada.example").deliver(job(3))
    assert (outcome.suppressed, outcome.rejected, outcome.sent) == (["sb_0"], ["sb_1"], ["sb_2"])
    assert Mailer(log, ses, NoSuppressions(), Links(), "n@x").deliver(job(3)).sent == ["sb_0"]


class Broken:
    """A sender that fails in a way nobody planned for (a bug, a library's ValueError)."""

    def send_raw(self, recipient, raw):
        raise ValueError("unexpected")


def test_a_claim_is_released_whatever_fails_before_ses_takes_the_message():
    log = Log()
    with pytest.raises(ValueError):
        Mailer(log, Broken(), NoSuppressions(), Links(), "n@hromada.example").deliver(job(2))
    assert log.records == {}  # the redelivery will send to sb_0 instead of skipping it as served
    assert Mailer(log, Ses(), NoSuppressions(), Links(), "n@hromada.example").deliver(job(2)).sent == ["sb_0", "sb_1"]


def test_a_network_error_from_ses_is_retryable(environ):
    from botocore.exceptions import EndpointConnectionError, ReadTimeoutError

    from hromada.mail.ses import SesSender

    environ(MAIL_FROM="Hromada <nouvelles@example.org>")

    class Unreachable:
        def __init__(self, error):
            self.error = error

        def send_email(self, **kwargs):
            raise self.error

    for error in (EndpointConnectionError(endpoint_url="https://x"), ReadTimeoutError(endpoint_url="https://x")):
        with pytest.raises(SendFailed) as failed:
            SesSender(Unreachable(error), "set").send_raw("a@example.org", b"raw")
        assert failed.value.retryable


def test_no_line_break_reaches_a_header():
    from hromada.mail.render import Rendered

    rendered = Rendered(subject="Concert\r\nBcc: all@example.org\u2028X-Spam: yes", html="<p>x</p>", text="x")
    raw = mime.build("Hromada <n@hromada.example>", "a@example.org", rendered, lang="fr",
                     headers={"X-Note": "a\nb"})
    message = message_from_bytes(raw, policy=default)
    assert message["Subject"] == "Concert Bcc: all@example.org X-Spam: yes"
    assert message["Bcc"] is None and message["X-Spam"] is None and message["X-Note"] == "a b"


@pytest.mark.parametrize(("lang", "n", "expected"), [("fr", 1, "1 nouveauté"), ("fr", 4, "4 nouveautés"),
                                                     ("uk", 1, "1 новина"), ("uk", 3, "3 новини"),
                                                     ("uk", 5, "5 новин"), ("uk", 21, "21 новина"),
                                                     ("en", 1, "1 new item"), ("en", 2, "2 new items")])
def test_counts_agree_with_their_noun(lang, n, expected):
    from hromada.mail.strings import counted

    assert counted(lang, n) == expected


def test_summaries_show_text_not_markdown_and_french_colons_are_spaced():
    event = {**EVENT, "description": {"fr": "Un **concert** de bandoura"},
             "description_html": {"fr": "<p>Un <strong>concert</strong> de bandoura</p>"}}
    card = letters.event_card(event, "fr", "https://web")
    assert card.summary == "Un concert de bandoura"
    text = render(letters.digest("fr", "weekly", [card], [])).text
    assert "Quand\u202f: mardi 1 décembre 2026" in text and "**" not in text
