"""E-mail: every rule about mail, from what starts one to what a bounce does (this package imports none of its
modules here: each function loads only what it uses, and cold starts are measured).

How a mail flows
----------------
1. Something starts it.
   - A domain event: a use case records it in the outbox of its own transaction (hromada.bus); the outbox
     relay puts it on the EventBridge bus; a bus rule sends the mail-worthy ones to the notifications queue.
     The notifier function routes each (`routing`: which event leads to which mail) to a planner in
     `notices` (event changed or cancelled, seat won from the waitlist, association reviewed, election
     phase, announcement published) or `webhook_notices` (a failing webhook switched off: its owners).
   - A schedule (EventBridge Scheduler): the mail planner function plans the weekly and daily digests
     (`digests`: content read once, one letter per distinct selection) and the reminders 24 h before an
     event (`notices.ReminderPlanner`).
     On Mondays it plans the admins' twinning summary (`twinning_weekly`: the health figures and their
     changes since last week, one job per language keyed by the ISO week).
   - A request: subscribing sends the confirmation, or a "manage" notice to an address already subscribed
     (hromada.domain.subscriptions; spaced and capped per mail domain).
   - The follow-up of publishing (or editing) a need or an offer that fits another side's (the notifier, from
     the outbox: InitiativeMatchesChanged) tells both sides' owners
     (`match_notices`: once per pair, keyed by it; onto the priority queue only, store.notice_queue), and
     the second confirmation of a pair mails both sides the contacts (hromada.domain.possible_matches).
   - Volunteer shifts (hromada.domain.shifts): a sign-up, a place won from the waitlist, a cancelled shift, an
     association's message (Reply-To its published contact), and the day-before reminder planned with the
     event reminders, each a letter of `shift_notices` with the shift's .ics, on the transactional queue.
     (hromada.domain.subscriptions; spaced and capped per mail domain); an admin invites associations'
     owners to a campaign from its gap map (`campaign_letters`, once per association and campaign).
2. A plan is a list of `jobs.MailJob`: one `letters` letter (rendered by `render` from `strings` in fr/uk/en)
   for up to jobs.MAX_RECIPIENTS recipients. store.deliveries.SqsMailOutbox puts it on one of two SQS
   queues (`routing.queue_of`): transactional mail (confirmations, notices, reminders) on the priority
   queue, bulk mail (digests, announcements, election notices to subscribers) on the bulk queue, so a
   confirmation never waits behind a digest.
3. The mailer function takes jobs from both queues. `delivery.Mailer` skips suppressed addresses, claims
   each (job key, recipient) before sending, builds the MIME message (`mime`: Content.Raw keeps
   List-Unsubscribe and .ics attachments) and sends it through SES (`ses`, with the configuration set).
   `pacing` keeps each instance to its share of the account's SES quota (read by `quota`), leaving part
   of the day to transactional mail. What cannot go now is decided by `retries`: continued later as a new
   delayed message (quota, time, SES throttling, a job still moving), or retried with exponential backoff
   until the dead-letter queue.
4. SES reports bounces and complaints through the configuration set's SNS topic to the mail feedback
   function; `feedback` decides: a permanent bounce or a complaint suppresses the address for good (its
   subscription is deleted), a transient bounce is only counted. The mailer never sends to a suppressed
   address, whatever planned the mail.

Unsubscribe links and tokens
----------------------------
Every mail to a subscriber carries signed links (`links.SignedLinks`): confirm, manage preferences,
unsubscribe. Their tokens (`tokens`: HS256 JWTs, key from Secrets Manager, read once per cold start) say
what `claims` holds: one subscription and one purpose (confirm: 48 h; manage/unsubscribe: 400 days), bound
to the subscription's generation, so a link from before an unsubscribe and a new subscription answers 410. Bulk mail
adds List-Unsubscribe and List-Unsubscribe-Post (RFC 8058): a POST to the link unsubscribes at once, no page,
no login. Unsubscribing is idempotent (hromada.domain.unsubscribing): twice succeeds; a suppression stays.
The domain never imports `tokens` nor `ses` (they reach AWS): it reads `claims` from a verifier it is handed.
The rules here (planners, retries, routing, feedback, pacing) are held to the same purity by the tests.

Once only (idempotency keys)
----------------------------
- Deliveries: each (job key, recipient id) is claimed with a conditional write before SES is called
  (store.deliveries; a crashed claim's lease expires after 5 min) and kept 40 days: a job redelivered,
  retried, continued or planned again never mails anyone twice. Job keys say what is once:
  `digest:<frequency>:<period>`, `reminder:<event>:<start>`, `changed|cancelled:<event>:<sequence>`,
  `promoted:<event>` (recipient `<member>:<promoted at>`), `reviewed:<association>:<version>`,
  `election:<id>:<phase>`, `announcement:<id>`, `confirm:<mailed at>`, `already:<mailed at>`,
  `shift-signup:<shift>:<joined at>`, `shift-promoted:<shift>`, `shift-cancelled:<shift>`,
  `shift-reminder:<shift>:<start>`, `shift-message:<shift>:<message id>`.
  `campaign-invitation:<campaign>:<association>`.
- Campaign invitations: claimed per campaign and association (store.campaigns) before the job is queued.
- Bus events: the notifier remembers each outbox id it handled (store.notices): a relayed repeat plans nothing.
- Reminders: claimed per event and start time (an event moved to another time is reminded again).
- Announcements: a weekly slot per association (store.announcement_mail) caps mail to followers.
- A deleted announcement's shifts: the notifier's follow-up of AnnouncementDeleted reuses `shift-cancelled:<shift>`
  (a volunteer already told of that shift's cancellation is not told again).
"""
