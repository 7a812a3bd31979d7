"""House style is checked, not hoped for: ruff and mypy stay clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    result = run("ruff", "check", "passerelles", "tests", "bench", "build.py")
    assert result.returncode == 0, result.stdout


def test_mypy_is_clean() -> None:
    result = run("mypy", "passerelles")
    assert result.returncode == 0, result.stdout
