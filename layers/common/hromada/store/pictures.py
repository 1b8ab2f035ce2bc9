"""The picture of an association, event or announcement: read its owner, set or clear it under the editor guard."""

from __future__ import annotations

from typing import Any

from hromada.domain.picture_ports import Owned
from hromada.models.picture import Picture, PictureTarget
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call
from hromada.store.guards import editor_still_edits, is_editor, transact

_KEYS = {PictureTarget.ASSOCIATION: keys.association, PictureTarget.EVENT: keys.event,
         PictureTarget.ANNOUNCEMENT: keys.announcement}
# The counter every full rewrite of the item is conditioned on: bumped here too, so an edit that read the item
# before the picture was set fails (409) instead of writing it back without its picture.
_VERSION = {PictureTarget.ASSOCIATION: "version", PictureTarget.EVENT: "sequence",
            PictureTarget.ANNOUNCEMENT: "version"}


class DynamoPictureStore:
    def __init__(self, client: Any = None):
        self.client = client or dynamodb()

    def owner(self, target: PictureTarget, item_id: str) -> Owned | None:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(_KEYS[target](item_id)),
                        ProjectionExpression="id, association_id, picture")
        if "Item" not in response:
            return None
        data = from_item(response["Item"])
        association_id = data["id"] if target == PictureTarget.ASSOCIATION else data["association_id"]
        picture = Picture.model_validate(data["picture"]) if data.get("picture") else None
        return Owned(association_id, picture)

    def is_editor(self, association_id: str, email: str) -> bool:
        return is_editor(self.client, association_id, email)

    def set_picture(self, target: PictureTarget, item_id: str, association_id: str, picture: Picture | None, *,
                    editor_email: str | None) -> None:
        guard = editor_still_edits(association_id, editor_email)
        names = {"#picture": "picture", "#v": _VERSION[target]}
        values: dict[str, Any] = {":one": {"N": "1"}}
        if picture is None:
            update = "REMOVE #picture SET #v = #v + :one"
        else:
            update = "SET #picture = :picture, #v = #v + :one"
            values[":picture"] = to_item({"p": picture.model_dump(mode="json")})["p"]
        transact(self.client, [
            *guard,
            {"Update": {"TableName": table_name(), "Key": to_item(_KEYS[target](item_id)), "UpdateExpression": update,
                        "ConditionExpression": "attribute_exists(pk)", "ExpressionAttributeNames": names,
                        "ExpressionAttributeValues": values}},
        ], ["editor"] * len(guard) + ["missing"])
