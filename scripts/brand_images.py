"""Renders the site's raster pictures from its SVG mark (web/favicon.svg) with Chromium: the PNG and ICO
favicons for browsers without SVG icons, the home-screen icon, and the 1200×630 picture that link previews
show for a shared page without a poster of its own. Run again after changing the mark; the files are committed.

    .venv/bin/python scripts/brand_images.py
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

WEB = Path(__file__).resolve().parents[1] / "web"
MARK = (WEB / "favicon.svg").read_text()

SHARE = f"""<!doctype html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; width: 1200px; height: 630px; display: flex; align-items: center; gap: 64px; padding: 0 96px;
  box-sizing: border-box; background: #f2f6fb; font-family: "Noto Sans", "DejaVu Sans", sans-serif; color: #1b1f24;
  border-bottom: 24px solid #ffd700; }}
svg {{ width: 260px; height: 260px; flex: none; }}
h1 {{ margin: 0; font-size: 112px; letter-spacing: 1px; color: #003f87; }}
p {{ margin: 12px 0 0; font-size: 38px; line-height: 1.3; }}
</style></head><body>{MARK}<div><h1>Hromada</h1>
<p>Les associations de culture ukrainienne en France</p><p lang="uk">Українська культура у Франції</p>
</div></body></html>"""


def render(page, html: str, size: tuple[int, int]) -> bytes:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.set_content(html)
    return page.screenshot(omit_background=True)


def main() -> None:
    icon = f'<!doctype html><style>body{{margin:0}}svg{{width:100vw;height:100vh;display:block}}</style>{MARK}'
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=["--headless=new", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        (WEB / "img" / "hromada-share.png").write_bytes(render(page, SHARE, (1200, 630)))
        (WEB / "img" / "icon-180.png").write_bytes(render(page, icon, (180, 180)))
        big = Image.open(io.BytesIO(render(page, icon, (256, 256))))
        big.save(WEB / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        browser.close()
    for name in ("img/hromada-share.png", "img/icon-180.png"):
        path = WEB / name
        Image.open(path).save(path, optimize=True)
        print(f"{name}: {path.stat().st_size} bytes")
    print(f"favicon.ico: {(WEB / 'favicon.ico').stat().st_size} bytes")


if __name__ == "__main__":
    main()
