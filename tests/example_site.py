"""One build of the real example site per test session, shared by the slow tests."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from passerelles.builder import build

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_DATE = dt.date(2026, 11, 23)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(available: bool, reason: str) -> None:
    """Skip with a clear reason on a developer's machine; fail in CI, where .ci/run installs it."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{reason} — .ci/run doit l'installer")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example content of the repository, built with its search index."""
    out = tmp_path_factory.mktemp("example") / "site"
    build(REPO, out, EXAMPLE_DATE)
    return out


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")
