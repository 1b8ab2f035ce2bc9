"""The interactive API docs render the whole OpenAPI 3.1 document, offline (no CDN)."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_docs_render_every_operation(page: Page) -> None:
    external = []
    page.on("request", lambda request: request.url.startswith("http") and "127.0.0.1" not in request.url
            and external.append(request.url))
    page.goto("/docs")
    expect(page.get_by_role("heading", name="Hromada API")).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/associations/{id}/editors/{email}")).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/regions")).to_be_visible()
    expect(page.get_by_text("Unable to render this definition")).to_have_count(0)
    # Tags come with their descriptions (infra/contract.py).
    expect(page.get_by_text("The directory of associations: browse, register, edit, co-editors.")).to_be_visible()
    assert external == []
