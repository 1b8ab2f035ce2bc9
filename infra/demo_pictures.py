"""Demo pictures: embroidery-like ornaments drawn with Pillow (no files to ship, no rights to clear), set on
the demo associations, events and an announcement through the same use case as an editor's upload, so the
demo shows re-encoded WebP renditions served under /media/ as production would."""

from __future__ import annotations

import hashlib
import io
import uuid
from typing import Any

from PIL import Image, ImageDraw

# Thread colours of a vyshyvanka on linen and on dark cloth: (background, main thread, second thread)
PALETTES = [((244, 238, 226), (178, 34, 34), (20, 20, 20)),
            ((0, 87, 183), (255, 215, 0), (255, 255, 255)),
            ((250, 246, 236), (0, 87, 183), (214, 160, 0)),
            ((28, 36, 52), (230, 57, 70), (241, 196, 15)),
            ((236, 244, 238), (27, 94, 32), (178, 34, 34))]


def ornament(label: str, size: tuple[int, int]) -> bytes:
    """A cross-stitch border above and below a large rhombus rosette; the label picks palette and motif."""
    digest = hashlib.sha256(label.encode()).digest()
    background, main, second = PALETTES[digest[0] % len(PALETTES)]
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    stitch = max(6, width // 90)

    def cross(x: int, y: int, colour: tuple[int, int, int]) -> None:
        draw.line((x, y, x + stitch, y + stitch), fill=colour, width=max(2, stitch // 3))
        draw.line((x + stitch, y, x, y + stitch), fill=colour, width=max(2, stitch // 3))

    band = stitch * 7
    for top in (stitch, height - band - stitch):  # borders: a running zigzag of crosses
        for column in range(0, width // stitch):
            row = abs((column % 6) - 3)
            cross(column * stitch, top + row * stitch, main)
            if column % 6 == 3:
                cross(column * stitch, top + 5 * stitch, second)
    centre_x, centre_y = width // 2, height // 2
    radius = (min(width, height - 2 * band) // 2 - stitch * 3) // stitch
    petals = 3 + digest[1] % 3
    for dy in range(-radius, radius + 1):  # rosette: concentric rhombus rings
        for dx in range(-radius, radius + 1):
            ring = abs(dx) + abs(dy)
            if ring > radius or (ring % petals) == petals - 1:
                continue
            colour = main if (ring // petals) % 2 == 0 else second
            cross(centre_x + dx * stitch - stitch // 2, centre_y + dy * stitch - stitch // 2, colour)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


ALT = {"association": {"fr": "Logo : rosace brodée au point de croix",
                       "uk": "Логотип: вишита хрестиком розетка",
                       "en": "Logo: a cross-stitch rosette"},
       "event": {"fr": "Affiche : motif de vyshyvanka, rosace et frises brodées",
                 "uk": "Афіша: візерунок вишиванки, розетка й вишиті смуги",
                 "en": "Poster: a vyshyvanka pattern, rosette and embroidered borders"},
       "announcement": {"fr": "Illustration : frises brodées autour d'une rosace",
                        "uk": "Ілюстрація: вишиті смуги навколо розетки",
                        "en": "Illustration: embroidered borders around a rosette"}}
SIZES = {"association": (600, 600), "event": (1200, 800), "announcement": (1200, 800)}


def seed_pictures(principal: Any, items: list[tuple[str, str]]) -> int:
    """Sets a picture on each (target, id) as the demo owner would: file in the uploads bucket, then attach."""
    from hromada.domain.pictures import Pictures, upload_key
    from hromada.files import S3PictureFiles
    from hromada.models.picture import PictureIn, PictureTarget
    from hromada.store.pictures import DynamoPictureStore

    files = S3PictureFiles()
    pictures = Pictures(DynamoPictureStore(), files)
    owner = principal("owner")
    for target, item_id in items:
        upload_id = uuid.uuid4().hex
        kind = PictureTarget(target)
        files.client.put_object(Bucket=files.uploads, Key=upload_key(kind, item_id, upload_id),
                                Body=ornament(item_id, SIZES[target]), ContentType="image/png")
        pictures.attach(owner, kind, item_id, PictureIn.model_validate({"upload_id": upload_id,
                                                                        "alt": ALT[target]}))
    return len(items)
