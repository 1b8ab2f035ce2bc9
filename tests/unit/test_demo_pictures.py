"""The demo's drawn pictures: real images of the asked size, one look per item, readable by the re-encoder."""

from __future__ import annotations

import io

from PIL import Image

from hromada import imaging
from infra.demo_pictures import ALT, SIZES, ornament


def test_each_item_gets_an_image_of_its_size_that_the_re_encoder_accepts():
    for target, size in SIZES.items():
        data = ornament(f"{target}_1", size)
        assert Image.open(io.BytesIO(data)).size == size
        assert imaging.render(data).card.width == min(size[0], imaging.CARD_SIDE)


def test_different_items_look_different_and_the_same_item_looks_the_same():
    assert ornament("ev_a", (300, 200)) == ornament("ev_a", (300, 200))
    assert len({ornament(f"ev_{i}", (300, 200)) for i in range(6)}) > 1


def test_every_picture_is_described_in_the_three_languages():
    assert all(set(alt) == {"fr", "uk", "en"} and all(alt.values()) for alt in ALT.values())
