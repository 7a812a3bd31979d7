"""Digests of the values a page is rendered from, the same in every process for equal values.

A page can be reused from an earlier build only if everything it was made
from is equal; comparing digests tells. `Fingerprints.of(value)` walks
strings, numbers, dates, paths, tuples, lists, dicts, sets (in sorted
order, never in hash order) and frozen dataclasses (the models), with the
type of each value in the digest (`Markup` is not `str`: it is not
escaped), and the engine's own functions by name. Anything else raises `Unhashable`, and the page is simply
rendered again. Each dataclass instance is digested once per build; the
memo holds the instance, so its `id` is never reused for another value.
The preview hands each build the previous build's digests (`earlier`):
the models of unchanged files are the same instances from one rebuild to
the next (site.py), and are not digested again (frozen dataclasses only).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import types
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from markupsafe import Markup


class Unhashable(Exception):
    """A value whose content this module cannot digest (a function, a cache...)."""


_SCALARS: dict[type, bytes] = {
    str: b"s",
    Markup: b"m",
    int: b"i",
    float: b"f",
    bool: b"b",
    dt.date: b"d",
    dt.datetime: b"t",
    dt.time: b"h",
}


def _function_name(function: Any) -> bytes:
    """A function of the engine, by name: its code is in the engine's fingerprint (cache.py). Lambdas,
    nested functions and other packages' functions cannot be told apart by name."""
    module, name = getattr(function, "__module__", ""), getattr(function, "__qualname__", "<?>")
    if not module.startswith(__package__ or "passerelles") or "<" in name:
        raise Unhashable(f"{module}.{name}")
    return f"{module}.{name};".encode()


class Fingerprints:
    """Digests for one build (the memo trusts that the models do not change while it lasts)."""

    def __init__(self, earlier: Fingerprints | None = None, known: Mapping[int, tuple[object, bytes]] = {}) -> None:
        """`earlier`: the previous build's digests; `known`: digests of models by id, the model kept with
        its digest (loading.py keeps each file's model's digest with the model, see `model_digest`)."""
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._earlier = earlier._memo if earlier is not None else {}  # only the last build's: memory stays flat
        if known:
            self._earlier = {**self._earlier, **known}

    def model_digest(self, value: Any) -> bytes:
        """The digest that stands for a frozen dataclass in others' digests; raises Unhashable."""
        if not (dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen):  # type: ignore[union-attr]
            raise Unhashable(type(value).__name__)
        return self._dataclass(value)

    def of(self, value: Any) -> str:
        """A hex digest of `value`'s content; raises Unhashable."""
        return hashlib.sha256(self._encode(value)).hexdigest()

    def _encode(self, value: Any) -> bytes:
        kind = type(value)
        if kind is str:  # the commonest, then models already digested: each as below, only sooner
            data = value.encode()
            return b"s%d:" % len(data) + data
        known = self._memo.get(id(value))
        if known is not None and known[0] is value:
            return b"D" + known[1] + b";"
        if value is None:
            return b"N;"
        tag = _SCALARS.get(kind)
        if tag is not None:
            text = value.isoformat() if isinstance(value, dt.date | dt.time) else str(value)
            if isinstance(value, dt.datetime | dt.time) and value.tzinfo is not None:
                text += "@" + str(value.tzinfo)
            data = text.encode()
            return tag + str(len(data)).encode() + b":" + data
        if kind is tuple or kind is list:
            return b"(" + b"".join(self._encode(v) for v in value) + b")"
        if kind is dict:
            return b"{" + b"".join(self._encode(k) + self._encode(v) for k, v in value.items()) + b"}"
        if kind is set or kind is frozenset:
            return b"<" + b"".join(sorted(self._encode(v) for v in value)) + b">"
        if isinstance(value, PurePath):
            return self._encode(value.as_posix())
        if isinstance(value, types.MethodType):  # a model's method: its instance and its name
            return b"M" + self._encode(value.__self__) + _function_name(value.__func__)
        if isinstance(value, types.FunctionType):
            return b"F" + _function_name(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return b"D" + self._dataclass(value) + b";"
        raise Unhashable(kind.__name__)

    def _dataclass(self, value: Any) -> bytes:
        known = self._memo.get(id(value))
        if known is None and type(value).__dataclass_params__.frozen:  # only what cannot have changed since
            known = self._earlier.get(id(value))
        if known is not None and known[0] is value:
            self._memo[id(value)] = known
            return known[1]
        kind = type(value)
        digest = hashlib.sha256(f"{kind.__module__}.{kind.__qualname__}".encode())
        for item in dataclasses.fields(value):
            digest.update(item.name.encode() + b"=" + self._encode(getattr(value, item.name)))
        result = digest.digest()
        self._memo[id(value)] = (value, result)
        return result
