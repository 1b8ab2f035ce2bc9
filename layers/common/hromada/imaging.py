"""Uploaded pictures decoded and re-encoded: the real type checked, the pixels bounded (decompression bombs),
the orientation applied, every byte of metadata (EXIF with GPS, XMP, ICC, comments) left behind.

Pure: bytes in, bytes out. Only JPEG, PNG and WebP are opened, whatever the upload claimed to be.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from hromada.errors import Invalid

MAX_PIXELS = 40_000_000  # an 8000 x 5000 photo; a bigger canvas is refused before its pixels are decoded
MAX_SIDE = 10_000
CARD_SIDE = 640
LARGE_SIDE = 1600
FORMATS = ("JPEG", "PNG", "WEBP")


@dataclass(frozen=True)
class Encoded:
    data: bytes
    width: int
    height: int
    content_type: str = "image/webp"


@dataclass(frozen=True)
class Renditions:
    card: Encoded
    large: Encoded


def _unreadable() -> Invalid:
    return Invalid("file", "not a JPEG, PNG or WebP image", code="image_unreadable")


def _too_many_pixels() -> Invalid:
    return Invalid("file", f"more than {MAX_PIXELS} pixels or {MAX_SIDE} pixels a side",
                   code="image_too_many_pixels")


def render(data: bytes) -> Renditions:
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels() from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise _unreadable() from error
        width, height = image.size
        if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE or min(width, height) < 1:
            raise _too_many_pixels()
        try:
            image.seek(0)  # an animation keeps its first frame
            image.load()
            upright = ImageOps.exif_transpose(image)
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombWarning) as error:
            raise _unreadable() from error
    transparent = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
    # A new image holds pixels only: no info dictionary, no EXIF, no ICC profile, no text chunks.
    pixels = Image.new("RGBA" if transparent else "RGB", upright.size)
    pixels.paste(upright.convert(pixels.mode))
    return Renditions(card=_encode(pixels, CARD_SIDE), large=_encode(pixels, LARGE_SIDE))


def _encode(image, side: int) -> Encoded:
    from PIL import Image

    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)  # never enlarges
    out = io.BytesIO()
    copy.save(out, format="WEBP", quality=82, method=4)
    return Encoded(out.getvalue(), copy.width, copy.height)
