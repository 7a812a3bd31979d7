"""The CBOR reader used on Pagefind's metadata: the RFC 8949 examples, and strict refusals."""

from __future__ import annotations

import pytest

from passerelles import cbor

# RFC 8949, Appendix A (diagnostic value, encoded bytes)
EXAMPLES = [
    (0, "00"),
    (23, "17"),
    (24, "1818"),
    (1000, "1903e8"),
    (1000000, "1a000f4240"),
    (18446744073709551615, "1bffffffffffffffff"),
    (-1, "20"),
    (-1000, "3903e7"),
    (1.5, "f93e00"),
    (100000.0, "fa47c35000"),
    (1.1, "fb3ff199999999999a"),
    (False, "f4"),
    (True, "f5"),
    (None, "f6"),
    (b"\x01\x02\x03\x04", "4401020304"),
    ("", "60"),
    ("a", "6161"),
    ("ü", "62c3bc"),
    ([], "80"),
    ([1, [2, 3], [4, 5]], "8301820203820405"),
    (list(range(1, 26)), "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
    ({1: 2, 3: 4}, "a201020304"),
    ({"a": 1, "b": [2, 3]}, "a26161016162820203"),
    ("2013-03-21T20:04:00Z", "c074323031332d30332d32315432303a30343a30305a"),  # a tag: its value
]


@pytest.mark.parametrize(("value", "encoded"), EXAMPLES)
def test_the_rfc_examples_decode(value: object, encoded: str) -> None:
    assert cbor.decode(bytes.fromhex(encoded)) == value


@pytest.mark.parametrize(
    "encoded",
    [
        "",  # nothing
        "1903",  # an integer cut short
        "6461",  # a text cut short
        "8301",  # a list cut short
        "0000",  # bytes after the value
        "5f42010243030405ff",  # indefinite length: Pagefind writes none
        "f7",  # an unknown simple value (undefined)
        "62c328",  # not UTF-8
    ],
)
def test_malformed_input_is_refused(encoded: str) -> None:
    with pytest.raises(ValueError):
        cbor.decode(bytes.fromhex(encoded))


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    with pytest.raises(ValueError):
        cbor.decode(b"\x81" * 10_000 + b"\x00")
