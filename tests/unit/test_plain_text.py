"""Plain-text fields: what is stored validates again when it is read back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from hromada.models.association import LocalizedText
from hromada.models.common import single_line, text

REQUIRED = TypeAdapter(text(1, 50))


@pytest.mark.parametrize("value", ["\x1c", "\x00\x7f", " \x1c\t", "\x08"])
def test_control_characters_only_do_not_count_as_text(value):
    with pytest.raises(ValidationError):
        REQUIRED.validate_python(value)


def test_a_description_of_control_characters_is_refused_not_stored_empty():
    with pytest.raises(ValidationError):
        LocalizedText.model_validate({"fr": "\x1c", "uk": "Опис"})


@given(st.text(max_size=60))
def test_accepted_text_is_accepted_again(value):
    try:
        cleaned = REQUIRED.validate_python(value)
    except ValidationError:
        return
    assert REQUIRED.validate_python(cleaned) == cleaned


ONE_LINE = TypeAdapter(single_line(1, 50))


@pytest.mark.parametrize("value", ["Concert\r\nBcc: x@example.org", "a\nb", "a\rb", "a\u2028b", "a\x85b"])
def test_a_title_with_a_line_break_is_refused(value):
    with pytest.raises(ValidationError):
        ONE_LINE.validate_python(value)


@given(st.text(max_size=60))
def test_an_accepted_title_fits_on_one_line_and_is_accepted_again(value):
    try:
        cleaned = ONE_LINE.validate_python(value)
    except ValidationError:
        return
    assert not any(c in cleaned for c in "\r\n\x0b\x0c\x85\u2028\u2029")
    assert ONE_LINE.validate_python(cleaned) == cleaned
