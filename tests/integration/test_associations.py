"""The associations directory through the gateway: real Cognito tokens, real handlers, moto DynamoDB."""

from __future__ import annotations

import uuid

from tests.conftest import association_body


def test_registration_is_pending_owned_and_hidden_from_the_public(api, person):
    owner = person(label="owner")
    created = api("POST", "/associations", owner, json=association_body(name="Maison Test Kyiv"))
    assert created.status_code == 201
    association = created.json()
    assert association["status"] == "pending"
    assert association["slug"].startswith("maison-test-kyiv")
    assert created.headers["Location"] == f"/associations/{association['id']}"
    assert set(association) >= {"id", "slug", "created_at", "updated_at", "description", "region", "department"}

    assert api("GET", f"/associations/{association['id']}").status_code == 404
    me = api("GET", "/me", owner).json()
    assert [(m["role"], m["association"]["id"]) for m in me["memberships"]] == [("owner", association["id"])]


def test_verified_association_is_public_by_id_and_by_slug(api, new_association):
    association, _ = new_association(verified=True)
    by_id = api("GET", f"/associations/{association['id']}")
    by_slug = api("GET", f"/associations/{association['slug']}")
    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json() == by_slug.json()
    assert by_id.json()["verified_at"]


def test_contact_email_is_public_only_when_opted_in(api, new_association):
    hidden, _ = new_association(verified=True, contact_email="contact@example.org")
    shown, _ = new_association(verified=True, contact_email="hello@example.org", show_contact_email=True)
    assert api("GET", f"/associations/{hidden['id']}").json()["contact_email"] is None
    assert api("GET", f"/associations/{shown['id']}").json()["contact_email"] == "hello@example.org"


def test_public_view_never_shows_private_or_internal_fields(api, new_association):
    association, _ = new_association(verified=True)
    body = api("GET", f"/associations/{association['id']}").json()
    assert not {"owner_id", "version", "search", "pk", "sk", "show_contact_email"} & set(body)
    assert body["status_reason"] is None  # the moderator's note is for the editors


def test_directory_filters_by_region_department_category_language_and_text(api, new_association):
    tag = uuid.uuid4().hex[:6]
    toulouse, _ = new_association(verified=True, name=f"Toulouse {tag}", categories=["youth"], languages=["uk"])
    montpellier, _ = new_association(verified=True, name=f"Montpellier {tag}", department="34",
                                     city="Montpellier", postal_code="34000", categories=["arts"])
    lyon, _ = new_association(verified=True, name=f"Lyon {tag}", region="84", department="69", city="Lyon",
                              postal_code="69002", languages=["fr", "en"])
    pending, _ = new_association(name=f"Pending {tag}")

    def slugs(**query):
        response = api("GET", "/associations", params={"q": tag, "limit": 100, **query})
        assert response.status_code == 200, response.text
        return {a["slug"] for a in response.json()["items"]}

    assert slugs() == {toulouse["slug"], montpellier["slug"], lyon["slug"]}
    assert slugs(region="76") == {toulouse["slug"], montpellier["slug"]}
    assert slugs(department="34") == {montpellier["slug"]}
    assert slugs(region="76", department="31") == {toulouse["slug"]}
    assert slugs(category="arts") == {montpellier["slug"]}
    assert slugs(language="en") == {lyon["slug"]}
    assert pending["slug"] not in slugs()


def test_free_text_search_ignores_case_and_accents(api, new_association):
    tag = uuid.uuid4().hex[:6]
    association, _ = new_association(verified=True, name=f"Écoles Ukrainiennes {tag}",
                                     description={"uk": f"Суботня школа {tag}"})
    for q in (f"ecoles ukrainiennes {tag}", f"ÉCOLES UKRAINIENNES {tag}", f"суботня школа {tag}"):
        items = api("GET", "/associations", params={"q": q}).json()["items"]
        assert [a["slug"] for a in items] == [association["slug"]], q


def test_cursor_pagination_walks_every_item_once(api, new_association):
    tag = uuid.uuid4().hex[:6]
    expected = {new_association(verified=True, name=f"Page {tag} {i}")[0]["slug"] for i in range(5)}
    seen, cursor, pages = [], None, 0
    while True:
        params = {"q": tag, "limit": 2} | ({"cursor": cursor} if cursor else {})
        page = api("GET", "/associations", params=params).json()
        seen += [a["slug"] for a in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))
    assert pages == 3


def test_unfiltered_pagination_is_alphabetical_and_complete(api):
    seen, cursor = [], None
    while True:
        page = api("GET", "/associations", params={"limit": 3} | ({"cursor": cursor} if cursor else {})).json()
        seen += [a["slug"] for a in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(seen) and len(seen) == len(set(seen))


def test_owner_and_editor_can_edit_and_changes_are_validated_as_a_whole(api, new_association, person):
    association, owner = new_association(verified=True)
    editor = person(label="editor")
    assert api("POST", f"/associations/{association['id']}/editors", owner,
               json={"email": editor.email.upper()}).status_code == 201
    patched = api("PATCH", f"/associations/{association['id']}", editor,
                  json={"city": "Blagnac", "postal_code": "31700", "social_links": {"telegram": "https://t.me/x"}})
    assert patched.status_code == 200, patched.text
    assert patched.json()["city"] == "Blagnac"
    assert patched.json()["updated_at"] > association["updated_at"]
    assert api("GET", f"/associations/{association['slug']}").json()["social_links"] == {
        "telegram": "https://t.me/x"}
    # The merged result must still be consistent: a department outside the region is refused.
    moved = api("PATCH", f"/associations/{association['id']}", owner, json={"department": "33"})
    assert moved.status_code == 422
    assert moved.json()["error"]["details"][0]["field"] == "department"
    cleared = api("PATCH", f"/associations/{association['id']}", owner, json={"website": None})
    assert cleared.status_code == 200 and cleared.json()["website"] is None
    assert api("PATCH", f"/associations/{association['id']}", owner, json={"name": None}).status_code == 422


def test_region_change_moves_the_association_in_the_directory(api, new_association):
    tag = uuid.uuid4().hex[:6]
    association, owner = new_association(verified=True, name=f"Moving {tag}")
    assert api("PATCH", f"/associations/{association['id']}", owner,
               json={"region": "11", "department": "75", "city": "Paris", "postal_code": "75011"}).status_code == 200

    def in_region(region):
        return [a["slug"] for a in api("GET", "/associations", params={"q": tag, "region": region}).json()["items"]]

    assert in_region("11") == [association["slug"]]
    assert in_region("76") == []


def test_reject_then_verify_records_reason_and_updates_directory(api, new_association, person):
    association, owner = new_association()
    moderator = person("moderators", label="moderator")
    rejected = api("POST", f"/associations/{association['id']}/reject", moderator,
                   json={"reason": "RNA introuvable au répertoire"})
    assert rejected.status_code == 200
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["status_reason"] == "RNA introuvable au répertoire"
    again = api("POST", f"/associations/{association['id']}/reject", moderator, json={"reason": "encore"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "invalid_transition"
    queue = api("GET", "/moderation/associations", moderator, params={"status": "rejected", "limit": 100}).json()
    assert association["id"] in {a["id"] for a in queue["items"]}
    assert api("POST", f"/associations/{association['id']}/verify", moderator, json={}).status_code == 200
    assert api("GET", f"/associations/{association['id']}").status_code == 200
    me = api("GET", "/me", owner).json()
    assert me["memberships"][0]["association"]["status"] == "verified"


def test_moderation_queue_lists_pending_first_come_first_served(api, new_association, person):
    first, _ = new_association()
    second, _ = new_association()
    moderator = person("moderators", label="moderator")
    ids = [a["id"] for a in api("GET", "/moderation/associations", moderator, params={"limit": 100}).json()["items"]]
    assert ids.index(first["id"]) < ids.index(second["id"])


def test_editors_are_listed_added_and_removed(api, new_association, person):
    association, owner = new_association()
    editor = person(label="editor")
    path = f"/associations/{association['id']}/editors"
    assert api("POST", path, owner, json={"email": editor.email}).status_code == 201
    assert api("POST", path, owner, json={"email": editor.email}).json()["error"]["code"] == "already_editor"
    listed = api("GET", path, editor).json()
    assert sorted((e["email"], e["role"]) for e in listed) == sorted([(owner.email, "owner"), (editor.email, "editor")])
    assert api("DELETE", f"{path}/{owner.email}", owner).json()["error"]["code"] == "cannot_remove_owner"
    assert api("DELETE", f"{path}/{editor.email}", owner).status_code == 204
    assert api("DELETE", f"{path}/{editor.email}", owner).status_code == 404
    assert api("GET", "/me", editor).json()["memberships"] == []


def test_an_editor_may_step_down(api, new_association, person):
    association, owner = new_association()
    editor = person(label="editor")
    path = f"/associations/{association['id']}/editors"
    api("POST", path, owner, json={"email": editor.email})
    assert api("DELETE", f"{path}/{editor.email}", editor).status_code == 204
    assert api("PATCH", f"/associations/{association['id']}", editor, json={"city": "Albi"}).status_code == 403


def test_me_shows_profile_and_roles(api, person):
    admin = person("admins", label="admin")
    me = api("GET", "/me", admin).json()
    assert me["email"] == admin.email and me["id"] == admin.sub
    assert me["roles"] == ["member", "moderator", "admin"]
    assert me["groups"] == ["admins"]


def test_regions_reference_data(api):
    response = api("GET", "/regions")
    assert response.status_code == 200
    data = response.json()
    regions = {r["code"]: r for r in data["france"]["regions"]}
    assert len(regions) == 18
    assert regions["76"]["names"] == {"fr": "Occitanie", "uk": "Окситанія", "en": "Occitania"}
    assert "31" in {d["code"] for d in regions["76"]["departments"]}
    assert sum(len(r["departments"]) for r in regions.values()) == 101
    assert len(data["ukraine"]["oblasts"]) == 27
    kyiv = next(o for o in data["ukraine"]["oblasts"] if o["code"] == "UA-32")
    assert kyiv["names"]["uk"] == "Київська область"
    assert "max-age" in response.headers["Cache-Control"]


def test_health(api):
    assert api("GET", "/health").json() == {"status": "ok", "stage": "dev"}
