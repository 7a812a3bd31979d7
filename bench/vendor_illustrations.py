"""Development-time tool: copy the few Health Icons the site uses, and their PNG masks.

Run once after changing `passerelles/illustrations.py` (needs the npm package
and Chromium, neither of which the build needs):

    npm install --no-save healthicons@2.0.0
    python bench/vendor_illustrations.py node_modules/healthicons

The SVG files are copied as they are into `illustrations/`; a 320-pixel
grey-level mask of each (white = ink) is drawn by Chromium beside it, for the
share images that Pillow draws (Pillow cannot read SVG).
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from passerelles.illustrations import FOLDER, MASK_SIZE, NAMES  # noqa: E402


def main(package: Path) -> None:
    icons = package / "public" / "icons" / "svg" / "outline"
    found = {p.stem: p for p in sorted(icons.rglob("*.svg"))}
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    FOLDER.mkdir(exist_ok=True)
    shutil.copyfile(package / "LICENSE", FOLDER / "LICENSE")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": MASK_SIZE, "height": MASK_SIZE})
        for name in NAMES:
            svg = found[name].read_text(encoding="utf-8")
            (FOLDER / f"{name}.svg").write_text(svg, encoding="utf-8")
            sized = svg.replace('width="48" height="48"', f'width="{MASK_SIZE}" height="{MASK_SIZE}"', 1)
            page.set_content(f"<body style='margin:0;color:#000'>{sized}</body>")
            shot = Image.open(io.BytesIO(page.screenshot(omit_background=True)))
            shot.getchannel("A").save(FOLDER / f"{name}.png", optimize=True)
        browser.close()
    print(f"{len(NAMES)} illustrations de healthicons {version} copiées dans {FOLDER}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
