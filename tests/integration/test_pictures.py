"""Pictures: upload tickets for editors only, the POST policy enforced by the (local) S3, files re-encoded
without metadata, bombs and impostors refused with nothing written, alt text required."""

from __future__ import annotations

import io

import pytest
import requests
from PIL import Image

from hromada.models.picture import MAX_UPLOAD_BYTES


def jpeg_with_gps(size=(1200, 800)) -> bytes:
    image = Image.new("RGB", size, (0, 87, 183))
    for x in range(0, size[0], 40):
        image.paste((255, 215, 0), (x, 0, x + 20, size[1] // 2))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x9003] = "2026:05:16 19:00:00"  # DateTimeOriginal (in the Exif IFD, here in IFD0: still metadata)
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (43.0, 36.0, 15.0), 3: "E", 4: (1.0, 26.0, 40.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, quality=90)
    return out.getvalue()


def png(size=(300, 300), mode="RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (0, 87, 183, 255) if mode == "RGBA" else 1).save(out, format="PNG", optimize=True)
    return out.getvalue()


def ticket(api, who, target, item_id, content_type="image/jpeg", size=1000):
    return api("POST", "/pictures/uploads", who,
               json={"target": target, "id": item_id, "content_type": content_type, "size": size})


def post_file(granted: dict, data: bytes, content_type: str) -> requests.Response:
    return requests.post(granted["url"], data=granted["fields"],
                         files={"file": ("picture", data, content_type)}, timeout=30)


def upload(api, who, target, item_id, data, content_type="image/jpeg") -> str:
    granted = ticket(api, who, target, item_id, content_type, len(data))
    assert granted.status_code == 201, granted.text
    posted = post_file(granted.json(), data, content_type)
    assert posted.status_code == 204, posted.text
    return granted.json()["upload_id"]


def media_keys(stack, prefix="media/") -> list[str]:
    s3 = stack.local_s3.s3
    found = s3.list_objects_v2(Bucket=stack.template.physical["MediaBucket"], Prefix=prefix)
    return [o["Key"] for o in found.get("Contents", [])]


def incoming_keys(stack) -> list[str]:
    found = stack.local_s3.s3.list_objects_v2(Bucket=stack.template.physical["UploadsBucket"], Prefix="incoming/")
    return [o["Key"] for o in found.get("Contents", [])]


ALT = {"fr": "Un concert en plein air", "uk": "Концерт просто неба"}


def test_an_editor_sets_a_logo_and_it_comes_out_without_exif(api, stack, new_association):
    association, owner = new_association(verified=True)
    upload_id = upload(api, owner, "association", association["id"], jpeg_with_gps())
    set_ = api("PUT", f"/pictures/association/{association['id']}", owner, json={"upload_id": upload_id, "alt": ALT})
    assert set_.status_code == 200, set_.text
    picture = set_.json()
    assert picture["card"]["width"] == 640 and picture["card"]["height"] == 427
    assert picture["large"]["width"] == 1200 and picture["alt"] == ALT
    shown = api("GET", f"/associations/{association['id']}").json()["picture"]
    assert shown == picture
    for rendition in (picture["card"], picture["large"]):
        served = requests.get(stack.api_url + rendition["src"], timeout=10)
        assert served.status_code == 200 and served.headers["Content-Type"] == "image/webp"
        image = Image.open(io.BytesIO(served.content))
        assert image.format == "WEBP" and image.size == (rendition["width"], rendition["height"])
        assert not image.getexif() and not {"exif", "xmp", "icc_profile"} & set(image.info)
        assert b"PhoneMaker" not in served.content and b"Exif" not in served.content
    assert incoming_keys(stack) == [] or all(upload_id not in k for k in incoming_keys(stack))
    # a new picture replaces the old one, whose files are deleted
    again = upload(api, owner, "association", association["id"], png())
    replaced = api("PUT", f"/pictures/association/{association['id']}", owner,
                   json={"upload_id": again, "alt": {"en": "A blue square"}})
    assert replaced.status_code == 200, replaced.text
    assert media_keys(stack, f"media/associations/{association['id']}/") == sorted(
        r["src"].lstrip("/") for r in (replaced.json()["card"], replaced.json()["large"]))
    removed = api("DELETE", f"/pictures/association/{association['id']}", owner)
    assert removed.status_code == 204
    assert api("GET", f"/associations/{association['id']}").json()["picture"] is None
    assert media_keys(stack, f"media/associations/{association['id']}/") == []


def test_posters_and_announcement_images(api, new_event):
    event, owner = new_event()
    upload_id = upload(api, owner, "event", event["id"], png((800, 1200), "RGB"), "image/png")
    set_ = api("PUT", f"/pictures/event/{event['id']}", owner, json={"upload_id": upload_id, "alt": ALT})
    assert set_.status_code == 200, set_.text
    assert api("GET", f"/events/{event['id']}").json()["picture"]["card"]["height"] == 640
    # an edit after the picture keeps it
    edited = api("PATCH", f"/events/{event['id']}", owner, json={"title": {"fr": "Nouveau titre"}})
    assert edited.status_code == 200 and edited.json()["picture"] == set_.json()
    association_id = event["association"]["id"]
    created = api("POST", f"/associations/{association_id}/announcements", owner, json={
        "type": "news", "title": {"fr": "Nouvelles"}, "body": {"fr": "Du nouveau."}, "categories": ["culture"]})
    assert created.status_code == 201, created.text
    announcement = created.json()
    upload_id = upload(api, owner, "announcement", announcement["id"], png(), "image/png")
    set_ = api("PUT", f"/pictures/announcement/{announcement['id']}", owner,
               json={"upload_id": upload_id, "alt": {"uk": "Синій квадрат"}})
    assert set_.status_code == 200, set_.text
    assert api("GET", f"/announcements/{announcement['id']}").json()["picture"]["alt"] == {"uk": "Синій квадрат"}


def test_only_editors_get_a_ticket_or_set_a_picture(api, person, new_association, new_event):
    association, owner = new_association(verified=True)
    stranger = person(label="stranger")
    assert ticket(api, stranger, "association", association["id"]).status_code == 403
    event, _ = new_event(association=association, owner=owner)
    assert ticket(api, stranger, "event", event["id"]).status_code == 403
    assert ticket(api, None, "association", association["id"]).status_code == 401
    assert ticket(api, stranger, "association", "as_doesnotexist00").status_code == 404
    upload_id = upload(api, owner, "association", association["id"], png(), "image/png")
    refused = api("PUT", f"/pictures/association/{association['id']}", stranger,
                  json={"upload_id": upload_id, "alt": ALT})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert api("DELETE", f"/pictures/association/{association['id']}", stranger).status_code == 403
    # a ticket is for one item: another item's upload id finds nothing
    other, other_owner = new_association(verified=True)
    wrong = api("PUT", f"/pictures/association/{other['id']}", other_owner, json={"upload_id": upload_id, "alt": ALT})
    assert wrong.status_code == 404 and wrong.json()["error"]["code"] == "upload_not_found"


@pytest.mark.parametrize("body, status, code", [
    ({"content_type": "image/gif", "size": 1000}, 422, "validation_failed"),
    ({"content_type": "image/svg+xml", "size": 1000}, 422, "validation_failed"),
    ({"content_type": "image/jpeg", "size": MAX_UPLOAD_BYTES + 1}, 413, "image_too_large"),
    ({"content_type": "image/jpeg", "size": 0}, 422, "validation_failed"),
])
def test_bad_type_or_size_gets_no_ticket(api, new_association, body, status, code):
    association, owner = new_association()
    refused = api("POST", "/pictures/uploads", owner, json={"target": "association", "id": association["id"], **body},
                  headers={"Accept-Language": "uk"})
    assert refused.status_code == status, refused.text
    assert refused.json()["error"]["code"] == code and refused.json()["error"]["message"]


def test_the_policy_refuses_an_oversize_or_retyped_post(api, stack, new_association):
    association, owner = new_association()
    granted = ticket(api, owner, "association", association["id"], "image/png", 1000).json()
    assert granted["max_bytes"] == MAX_UPLOAD_BYTES
    too_big = post_file(granted, b"\x89PNG" + b"\0" * MAX_UPLOAD_BYTES, "image/png")
    assert too_big.status_code == 400 and "<Code>EntityTooLarge</Code>" in too_big.text
    retyped = post_file({**granted, "fields": {**granted["fields"], "Content-Type": "text/html"}}, png(), "text/html")
    assert retyped.status_code == 403 and "<Code>AccessDenied</Code>" in retyped.text
    forged = post_file({**granted, "fields": {**granted["fields"], "key": "incoming/associations/x/evil"}}, png(),
                       "image/png")
    assert forged.status_code == 403
    assert not [k for k in incoming_keys(stack) if granted["upload_id"] in k or k.endswith("/evil")]


def bomb() -> bytes:
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, format="PNG", optimize=True)  # 400 megapixels in a small file
    return out.getvalue()


@pytest.mark.parametrize("data, code", [
    (None, "image_too_many_pixels"),  # made in the test (a 400-megapixel PNG)
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "image_unreadable"),
    (b"%PDF-1.7 not a picture at all" * 10, "image_unreadable"),
    (png()[:200], "image_unreadable"),  # truncated
], ids=["bomb", "svg-renamed-png", "pdf-renamed-png", "truncated-png"])
def test_bombs_and_impostors_are_refused_with_nothing_written(api, stack, new_association, data, code):
    data = bomb() if data is None else data
    assert len(data) < MAX_UPLOAD_BYTES
    association, owner = new_association()
    upload_id = upload(api, owner, "association", association["id"], data, "image/png")
    refused = api("PUT", f"/pictures/association/{association['id']}", owner,
                  json={"upload_id": upload_id, "alt": ALT}, headers={"Accept-Language": "fr"})
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["code"] == code
    assert media_keys(stack, f"media/associations/{association['id']}/") == []
    assert not [k for k in incoming_keys(stack) if upload_id in k]  # the upload is deleted too
    assert api("GET", f"/associations/{association['id']}/editors", owner).status_code == 200
    mine = api("GET", "/me", owner).json()
    assert mine  # the account still works; and the association has no picture:
    editable = api("PATCH", f"/associations/{association['id']}", owner, json={"city": "Toulouse"}).json()
    assert editable["picture"] is None


@pytest.mark.parametrize("alt", [None, {}, {"fr": "   "}, {"de": "Ein Bild"}, {"fr": "x" * 301}])
def test_alt_text_is_required(api, stack, new_association, alt):
    association, owner = new_association()
    upload_id = upload(api, owner, "association", association["id"], png(), "image/png")
    body = {"upload_id": upload_id} | ({} if alt is None else {"alt": alt})
    refused = api("PUT", f"/pictures/association/{association['id']}", owner, json=body)
    assert refused.status_code == 422, refused.text
    error = refused.json()["error"]
    assert error["code"] == "validation_failed" and any("alt" in (d.get("field") or "") for d in error["details"])
    assert media_keys(stack, f"media/associations/{association['id']}/") == []
