"""A strict reader of CBOR (RFC 8949), the binary format of Pagefind's index metadata.

Only definite lengths are read (Pagefind writes no other); anything else,
or bytes left over, raises ValueError. Pure: bytes in, Python values out.
"""

from __future__ import annotations

import struct
from typing import Any

_SIMPLE = {20: False, 21: True, 22: None}
_FLOATS = {25: ">e", 26: ">f", 27: ">d"}


def decode(data: bytes) -> Any:
    """The one value `data` holds: ints, str, bytes, lists, dicts, floats, booleans, None."""
    try:
        value, end = _item(memoryview(data), 0, 0)
    except IndexError as exc:
        raise ValueError("CBOR tronqué") from exc
    if end != len(data):
        raise ValueError("octets en trop après la valeur CBOR")
    return value


def _item(data: memoryview, pos: int, depth: int) -> tuple[Any, int]:
    if depth > 64:
        raise ValueError("CBOR trop imbriqué")
    major, info = data[pos] >> 5, data[pos] & 31
    pos += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        raw = data[pos : pos + size]
        if len(raw) != size:
            raise ValueError("CBOR tronqué")
        arg, pos = int.from_bytes(raw, "big"), pos + size
    else:
        raise ValueError("longueur CBOR indéfinie ou réservée")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        raw = data[pos : pos + arg]
        if len(raw) != arg:
            raise ValueError("CBOR tronqué")
        return (bytes(raw) if major == 2 else str(raw, "utf-8")), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            value, pos = _item(data, pos, depth + 1)
            items.append(value)
        return items, pos
    if major == 5:
        mapping = {}
        for _ in range(arg):
            key, pos = _item(data, pos, depth + 1)
            mapping[key], pos = _item(data, pos, depth + 1)
        return mapping, pos
    if major == 6:  # a tag: its meaning does not matter here, the value does
        return _item(data, pos, depth + 1)
    if info in _FLOATS:
        size = 1 << (info - 24)
        return struct.unpack(_FLOATS[info], arg.to_bytes(size, "big"))[0], pos
    if arg in _SIMPLE:
        return _SIMPLE[arg], pos
    raise ValueError(f"valeur simple CBOR inconnue ({arg})")
