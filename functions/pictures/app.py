"""Pictures API: an upload ticket (presigned POST), then the picture set on its item (re-encoded), or removed."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache
from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

from hromada import api
from hromada.api import ERRORS_SIGNED_IN, NOT_FOUND, SIGNED_IN, ErrorBody, documented
from hromada.coldstart import init_done
from hromada.domain.pictures import Pictures
from hromada.models.picture import ItemId, Picture, PictureIn, PictureTarget, UploadRequest, UploadTicket
from hromada.observability import metrics

app = api.create_app()
TAGS = ["pictures"]
INVALID_FILE = {422: {"description": "Not a JPEG, PNG or WebP image (image_unreadable), too many pixels "
                                     "(image_too_many_pixels), or no alt text",
                      "content": {"application/json": {"model": ErrorBody}}}}


def spend_write_guard() -> None:
    from hromada.store.write_guards import spend_now

    spend_now()


@cache
def pictures() -> Pictures:
    from hromada.files import S3PictureFiles
    from hromada.store.pictures import DynamoPictureStore

    return Pictures(DynamoPictureStore(), S3PictureFiles())


@app.post("/pictures/uploads", tags=TAGS, security=SIGNED_IN,
          summary="Ask to upload a picture for an item you edit: a presigned POST (JPEG, PNG or WebP, at most 5 MB)",
          responses=documented(201, "Post the file to `url` with `fields`, then set it with PUT /pictures/...",
                               ERRORS_SIGNED_IN, NOT_FOUND))
def create_upload(body: UploadRequest) -> Response[UploadTicket]:
    spend_write_guard()  # a presigned upload writes nothing to DynamoDB: the abuse quota is spent first
    return Response(201, "application/json", pictures().ticket(api.principal(app), body))


@app.put("/pictures/<target>/<id>", tags=TAGS, security=SIGNED_IN,
         summary="Set the uploaded file as the item's picture, with its alt text (re-encoded, metadata removed)",
         responses=documented(200, "The picture as shown", ERRORS_SIGNED_IN, NOT_FOUND, INVALID_FILE))
def set_picture(target: Annotated[PictureTarget, Path()], id: Annotated[ItemId, Path()], body: PictureIn) -> Picture:
    spend_write_guard()  # the re-encoding comes before the write: a refused writer must not get it
    picture = pictures().attach(api.principal(app), target, id, body)
    metrics.add_metric(name="PictureSet", unit="Count", value=1)
    return picture


@app.delete("/pictures/<target>/<id>", tags=TAGS, security=SIGNED_IN, summary="Remove the item's picture",
            responses=documented(204, "Removed (or there was none)", ERRORS_SIGNED_IN, NOT_FOUND))
def remove_picture(target: Annotated[PictureTarget, Path()], id: Annotated[ItemId, Path()]) -> Response[None]:
    pictures().remove(api.principal(app), target, id)
    return Response(204, None, "")


lambda_handler = api.make_handler(app)
init_done()
