"""The API contract's names: one operation id per route, the tags, examples of the main request bodies.

Operation ids are what a generated client calls its methods (`getAssociation` -> `get_association`), so
they are part of the contract: written here once, not derived from handler function names, which may
change with no one thinking of the clients. tests/unit/test_openapi.py keeps this table in step with
template.yaml's routes.
"""

from __future__ import annotations

from typing import Any

OPERATION_IDS: dict[str, str] = {
    # meta
    "GET /health": "getHealth",
    "GET /regions": "listRegions",
    # associations
    "GET /associations": "listAssociations",
    "POST /associations": "registerAssociation",
    "GET /associations/{id}": "getAssociation",
    "PATCH /associations/{id}": "updateAssociation",
    "GET /associations/{id}/editors": "listEditors",
    "GET /associations/{id}/numbers": "getAssociationNumbers",
    "GET /associations/{id}/figures": "getAssociationFigures",
    "POST /associations/{id}/editors": "addEditor",
    "DELETE /associations/{id}/editors/{email}": "removeEditor",
    "POST /associations/{id}/verify": "verifyAssociation",
    "POST /associations/{id}/reject": "rejectAssociation",
    "GET /moderation/associations": "listPendingAssociations",
    # events
    "GET /events": "listEvents",
    "GET /events/counts": "countEventsByRegion",
    "GET /events.ics": "getEventsCalendar",
    "GET /associations/{id}/events.ics": "getAssociationCalendar",
    "GET /events/{id}": "getEvent",
    "GET /share/events/{id}": "getEventSharePage",
    "POST /associations/{id}/events": "createEvent",
    "PATCH /events/{id}": "updateEvent",
    "POST /events/{id}/cancel": "cancelEvent",
    "DELETE /events/{id}": "deleteEvent",
    "POST /events/{id}/rsvp": "rsvpToEvent",
    "GET /events/{id}/rsvp": "getMyRsvp",
    "DELETE /events/{id}/rsvp": "cancelMyRsvp",
    "GET /events/{id}/attendees": "listAttendees",
    "GET /events/{id}/attendees.csv": "exportAttendees",
    "GET /events/{id}/occurrences": "listOccurrences",
    "POST /events/{id}/occurrences/{date}/cancel": "cancelOccurrence",
    "POST /events/{id}/occurrences/{date}/move": "moveOccurrence",
    "POST /events/{id}/occurrences/{date}/restore": "restoreOccurrence",
    "POST /events/{id}/series-registration": "registerForSeries",
    "GET /events/{id}/series-registration": "getMySeriesRegistration",
    "DELETE /events/{id}/series-registration": "leaveSeries",
    # announcements
    "GET /announcements": "listAnnouncements",
    "GET /announcements/{id}": "getAnnouncement",
    "POST /associations/{id}/announcements": "createAnnouncement",
    "PATCH /announcements/{id}": "updateAnnouncement",
    "DELETE /announcements/{id}": "deleteAnnouncement",
    # volunteer shifts of a project announcement
    "GET /announcements/{id}/shifts": "listShifts",
    "POST /announcements/{id}/shifts": "createShift",
    "PATCH /announcements/{id}/shifts/{shift}": "updateShift",
    "POST /announcements/{id}/shifts/{shift}/cancel": "cancelShift",
    "POST /announcements/{id}/shifts/{shift}/signup": "signUpForShift",
    "GET /announcements/{id}/shifts/{shift}/signup": "getMyShiftSignup",
    "DELETE /announcements/{id}/shifts/{shift}/signup": "cancelShiftSignup",
    "GET /announcements/{id}/shifts/{shift}/volunteers": "listShiftVolunteers",
    "POST /announcements/{id}/shifts/{shift}/messages": "messageShiftVolunteers",
    # pictures
    "POST /pictures/uploads": "createPictureUpload",
    "PUT /pictures/{target}/{id}": "setPicture",
    "DELETE /pictures/{target}/{id}": "removePicture",
    # elections: the public record
    "GET /elections": "listElections",
    "GET /elections/{election_id}": "getElection",
    "GET /elections/{election_id}/candidates": "listCandidates",
    "GET /elections/{election_id}/results": "getElectionResults",
    "GET /elections/{election_id}/ballots": "listBallots",
    "GET /elections/{election_id}/ballots/{tracker}": "getBallot",
    # organizing elections
    "POST /elections": "createElection",
    "PATCH /elections/{election_id}": "updateElection",
    "GET /admin/elections": "listAllElections",
    "POST /elections/{election_id}/open": "openNextPhase",
    "POST /elections/{election_id}/close": "closeElection",
    "POST /elections/{election_id}/roll": "addToVoterRoll",
    "GET /elections/{election_id}/audit": "getElectionAudit",
    # nominations
    "GET /elections/{election_id}/nominations": "listNominations",
    "POST /elections/{election_id}/candidates": "nominateCandidate",
    "POST /elections/{election_id}/candidates/{candidate_id}/consent": "consentToNomination",
    "POST /elections/{election_id}/candidates/{candidate_id}/approve": "approveCandidate",
    "POST /elections/{election_id}/candidates/{candidate_id}/reject": "rejectCandidate",
    "POST /elections/{election_id}/candidates/{candidate_id}/withdraw": "withdrawCandidate",
    # voting
    "POST /elections/{election_id}/ballots": "castBallot",
    "GET /elections/{election_id}/my-vote": "getMyVote",
    # polls
    "GET /polls": "listPolls",
    "POST /polls": "createPoll",
    "GET /polls/{poll_id}": "getPoll",
    "POST /polls/{poll_id}/votes": "answerPoll",
    "POST /polls/{poll_id}/close": "closePoll",
    # partnerships
    "GET /partnerships": "listPartnerships",
    "GET /partnerships/match": "matchPartners",
    "GET /partnerships/{id}": "getPartnership",
    "GET /partnerships/{id}/contacts": "listPartnershipContacts",
    "POST /associations/{id}/partnerships": "proposePartnership",
    "PATCH /partnerships/{id}": "updatePartnership",
    "POST /partnerships/{id}/confirm": "confirmPartnership",
    "POST /partnerships/{id}/status": "changePartnershipStatus",
    "POST /partnerships/{id}/hide": "hidePartnership",
    "POST /partnerships/{id}/restore": "restorePartnership",
    # initiatives
    "GET /initiatives": "listInitiatives",
    "GET /initiatives/{id}": "getInitiative",
    "GET /initiatives/{id}/matches": "listInitiativeMatches",
    "POST /associations/{id}/initiatives": "publishInitiative",
    "PATCH /initiatives/{id}": "updateInitiative",
    "POST /initiatives/{id}/status": "changeInitiativeStatus",
    "POST /initiatives/{id}/hide": "hideInitiative",
    "POST /initiatives/{id}/restore": "restoreInitiative",
    "GET /twinning/health": "getTwinningHealth",
    "GET /initiatives/{id}/possible-matches": "listPossibleMatches",
    "POST /initiatives/{id}/possible-matches/{other}/confirm": "confirmPossibleMatch",
    "POST /initiatives/{id}/possible-matches/{other}/decline": "declinePossibleMatch",
    # moderation
    "POST /flags": "flagItem",
    "GET /moderation/flags": "listFlaggedItems",
    "GET /moderation/flags/{item}": "getFlaggedItem",
    "POST /moderation/flags/{item}/decisions": "decideOnFlaggedItem",
    "DELETE /moderation/suspensions/{user_id}": "liftSuspension",
    "GET /associations/{id}/moderation": "getModerationRecord",
    "GET /associations/{id}/notices": "listAssociationNotices",
    # subscriptions
    "POST /subscriptions": "subscribe",
    "GET /subscriptions/confirm": "getConfirmPage",
    "POST /subscriptions/confirm": "confirmSubscription",
    "GET /subscriptions/unsubscribe": "getUnsubscribePage",
    "POST /subscriptions/unsubscribe": "unsubscribe",
    "GET /subscriptions/manage": "getPreferencesPage",
    "POST /subscriptions/manage": "savePreferencesForm",
    "GET /subscriptions/preferences": "getPreferences",
    "PUT /subscriptions/preferences": "updatePreferences",
    "GET /me/subscription": "getMySubscription",
    "PUT /me/subscription": "setMySubscription",
    "DELETE /me/subscription": "deleteMySubscription",
    # me
    "GET /me": "getMe",
    "GET /me/export": "exportMyData",
    "GET /me/rsvps": "listMyRsvps",
    "DELETE /me": "eraseMe",
    # feeds and crawlable pages
    "GET /events.atom": "getEventsAtomFeed",
    "GET /announcements.atom": "getAnnouncementsAtomFeed",
    "GET /pages/events/{id}": "getEventPage",
    "GET /pages/associations/{id}": "getAssociationPage",
    "GET /pages/announcements/{id}": "getAnnouncementPage",
    "GET /sitemap.xml": "getSitemapIndex",
    "GET /sitemap/{kind}": "getSitemapPage",
    "GET /robots.txt": "getRobotsTxt",
    # webhooks
    "GET /associations/{id}/webhooks": "listWebhooks",
    "POST /associations/{id}/webhooks": "createWebhook",
    "PATCH /associations/{id}/webhooks/{webhook_id}": "updateWebhook",
    "DELETE /associations/{id}/webhooks/{webhook_id}": "deleteWebhook",
    "POST /associations/{id}/webhooks/{webhook_id}/secret": "rotateWebhookSecret",
    "POST /associations/{id}/webhooks/{webhook_id}/ping": "pingWebhook",
    "GET /associations/{id}/webhooks/{webhook_id}/deliveries": "listWebhookDeliveries",
    # claims
    "GET /claims": "listClaims",
    "GET /claims/{id}": "getClaim",
    "POST /claims": "createClaim",
    "PATCH /claims/{id}": "updateClaim",
    "GET /claims/{id}/history": "getClaimHistory",
    "POST /claims/{id}/fact-checks": "linkFactCheck",
    "DELETE /claims/{id}/fact-checks/{announcement_id}": "unlinkFactCheck",
    # campaigns
    "GET /campaigns": "listCampaigns",
    "GET /campaigns/{id}": "getCampaign",
    "GET /campaigns/{id}/events": "listCampaignEvents",
    "GET /campaigns/{id}/announcements": "listCampaignAnnouncements",
    "POST /campaigns": "createCampaign",
    "PATCH /campaigns/{id}": "updateCampaign",
    "POST /campaigns/{id}/archive": "archiveCampaign",
    "GET /campaigns/{id}/gaps": "getCampaignGaps",
    "GET /campaigns/{id}/invitation": "draftCampaignInvitation",
    "POST /campaigns/{id}/invitations": "sendCampaignInvitations",
}

# In the order the docs show them.
TAGS: list[dict[str, str]] = [
    {"name": "associations", "description": "The directory of associations: browse, register, edit, co-editors."},
    {"name": "events", "description": "Events and their iCalendar feeds; RSVPs, the waitlist, attendees."},
    {"name": "announcements", "description": "News, projects seeking help, calls for partners, fact-checks."},
    {"name": "pictures", "description": "Logos, posters and images: a presigned upload, then the picture set on "
                                        "its item with its alt text (re-encoded, without metadata)."},
    {"name": "elections", "description": "The public record of elections: ballot, candidates, turnout, "
                                         "the result with its working, the published ballot box."},
    {"name": "voting", "description": "Cast one secret ballot (the answer is its tracker); may I vote, "
                                      "have I voted."},
    {"name": "nominations", "description": "Candidates put forward by verified associations: consent, "
                                           "approval, withdrawal."},
    {"name": "organizing elections", "description": "Admins: create and edit elections, move their phases, "
                                                    "voter rolls, the audit log."},
    {"name": "polls", "description": "Polls to every member or to one association's editors: ask, answer, "
                                     "close."},
    {"name": "partnerships", "description": "Twinning between French and Ukrainian territories, and the "
                                            "partner search."},
    {"name": "initiatives", "description": "An association's needs and offers, and those that fit them."},
    {"name": "subscriptions", "description": "The mail digest: double opt-in, the pages behind a mail's "
                                             "signed links, a member's own subscription."},
    {"name": "moderation", "description": "Reports, the moderators' queue and decisions, verifying "
                                          "associations, public moderation records."},
    {"name": "me", "description": "The signed-in person: profile and roles, registrations, a copy of "
                                  "their data, erasure."},
    {"name": "meta", "description": "Liveness and reference data: French regions and departments, "
                                    "Ukrainian oblasts."},
    {"name": "webhooks", "description": "An association's outgoing webhooks: signed POSTs of its events and "
                                        "announcements to its own tools; the delivery log."},
    {"name": "claims", "description": "The registry of claims spread to mislead: their addresses, the verdict, "
                                      "the fact-checks that answer them (recorded by moderators)."},
    {"name": "campaigns", "description": "Platform-wide campaigns (remembrance and celebration days): their "
                                         "events by region; for admins, the gap map and invitations."},
]

# Request body examples (OpenAPI `examples` of the JSON media type), by operation id. Each one is valid
# against its schema (tests/unit/test_openapi.py); the generated-client journey sends the first two.
REQUEST_EXAMPLES: dict[str, dict[str, dict[str, Any]]] = {
    "registerAssociation": {
        "lyon": {"summary": "A cultural association in Lyon", "value": {
            "name": "Громада Ліона",
            "description": {"fr": "La communauté ukrainienne de Lyon : langue, chant, danse.",
                            "uk": "Українська громада Ліона: мова, спів, танці."},
            "categories": ["culture", "language_school"],
            "languages": ["uk", "fr"],
            "region": "84", "department": "69", "city": "Lyon", "postal_code": "69002",
            "website": "https://example.org",
        }},
    },
    "createEvent": {
        "concert": {"summary": "A concert at a venue, 40 seats, RSVP required", "value": {
            "title": {"fr": "Concert de bandoura", "uk": "Концерт бандуристів"},
            "description": {"fr": "Chants traditionnels et **bandoura**.", "uk": "Традиційні пісні та **бандура**."},
            "start": "2027-05-16T19:00:00+02:00", "end": "2027-05-16T21:00:00+02:00", "timezone": "Europe/Paris",
            "venue": {"name": "Salle Nougaro", "address": "20 chemin de Garric", "city": "Toulouse",
                      "postal_code": "31200", "department": "31", "region": "76"},
            "categories": ["concert"], "languages": ["uk", "fr"],
            "capacity": 40, "registration_required": True,
        }},
        "online": {"summary": "An online talk, free", "value": {
            "title": {"fr": "Histoire de Kyiv", "en": "A history of Kyiv"},
            "description": {"fr": "Une conférence en ligne."},
            "start": "2027-03-02T18:30:00Z", "end": "2027-03-02T20:00:00Z",
            "online_url": "https://meet.example.org/kyiv",
            "categories": ["talk"], "languages": ["fr"],
        }},
    },
    "createPictureUpload": {
        "logo": {"summary": "A logo for an association you edit", "value": {
            "target": "association", "id": "as_3c2b1a0f9e8d7c6b5a49", "content_type": "image/png",
            "size": 48213}},
    },
    "setPicture": {
        "logo": {"summary": "The posted file, with its alt text", "value": {
            "upload_id": "9f86d081884c4d659a2feaa0c55ad015",
            "alt": {"fr": "Logo : un tournesol bleu et jaune", "uk": "Логотип: синьо-жовтий соняшник"}}},
    },
    "castBallot": {
        "schulze": {"summary": "Schulze: candidates ranked, a group is a tie", "value": {
            "ranking": [["ca_0a1b2c3d4e5f60718293"], ["ca_94a3b2c1d0e9f8a7b6c5", "ca_5f4e3d2c1b0a99887766"]]}},
        "irv": {"summary": "Instant-runoff: one candidate per rank", "value": {
            "ranking": [["ca_94a3b2c1d0e9f8a7b6c5"], ["ca_0a1b2c3d4e5f60718293"]]}},
        "plurality": {"summary": "Plurality: one choice", "value": {"choice": "ca_0a1b2c3d4e5f60718293"}},
        "approval": {"summary": "Approval: every candidate approved", "value": {
            "approve": ["ca_0a1b2c3d4e5f60718293", "ca_5f4e3d2c1b0a99887766"]}},
        "majority_judgment": {"summary": "Majority judgment: a grade per candidate", "value": {
            "grades": {"ca_0a1b2c3d4e5f60718293": "very_good", "ca_5f4e3d2c1b0a99887766": "fair"}}},
        "by_association": {"summary": "An election by association: its owner votes for it", "value": {
            "association_id": "as_3c2b1a0f9e8d7c6b5a49", "choice": "ca_0a1b2c3d4e5f60718293"}},
    },
    "answerPoll": {
        "single": {"summary": "One option", "value": {"choices": ["o2"]}},
    },
    "flagItem": {
        "event": {"summary": "Report an event", "value": {
            "kind": "event", "id": "ev_0123456789abcdef0123", "reason": "disinformation",
            "comment": "Le lieu annoncé n'existe pas."}},
    },
    "subscribe": {
        "weekly": {"summary": "The weekly digest for two regions, in Ukrainian", "value": {
            "email": "reader@example.org", "regions": ["76", "84"], "categories": ["concert", "festival"],
            "language": "uk", "frequency": "weekly"}},
    },
}
