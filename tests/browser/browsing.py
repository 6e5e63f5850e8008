"""Helpers shared by the browser tests."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[2]  # the repository


def new_page(browser: Browser, width: int = 1280, height: int = 800, scale: float = 1,
             **options) -> tuple[BrowserContext, Page]:
    """A fresh context (no shared focus, zoom or media state) and one tab in it."""
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=scale, **options)
    return context, context.new_page()
