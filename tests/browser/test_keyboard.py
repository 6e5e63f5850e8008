"""Keyboard use on every page: the skip link comes first and works, Tab reaches every interactive
element, and each one shows where focus is."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# What the browser would put in the Tab order, judged from the DOM alone (independent of Tab
# itself, so the two can be compared): rendered, enabled, not taken out with tabindex=-1 or inert.
MARK_FOCUSABLE = """() => {
  const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, '
    + '[tabindex], [contenteditable=""], [contenteditable="true"], audio[controls], video[controls]';
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('[inert]') || el.disabled || el.tabIndex < 0) continue;
    if (el.matches('input[type=hidden]')) continue;
    if (el.matches('summary') && el.parentElement.tagName !== 'DETAILS') continue;
    // What a closed <details> folds away is skipped by checkVisibility (its content is not
    // rendered), and kept when a stylesheet shows it (the site menu on wide screens).
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    el.dataset.kbId = String(found.length);
    found.push(describe(el));
  }
  return found;
  function describe(el) {
    const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\\s+/g, ' ');
    return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}> ${text.slice(0, 50)}`;
  }
}"""

# The look of an element, in the properties a focus indicator can use.
LOOK = """el => {
  const s = getComputedStyle(el);
  return [s.outlineStyle === 'none' ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
          s.boxShadow, s.backgroundColor, s.color, s.borderColor, s.borderWidth,
          s.textDecorationLine, s.textDecorationThickness].join(' | ');
}"""

SNAPSHOT_LOOKS = f"""() => {{
  const look = {LOOK};
  return Object.fromEntries([...document.querySelectorAll('[data-kb-id]')].map(el => [el.dataset.kbId, look(el)]));
}}"""

# What Tab just focused: its id, how it looks now, whether any of it is on screen and not hidden
# under something else (WCAG 2.4.11), and whether it can be seen at all.
FOCUSED = f"""() => {{
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  // A link that wraps onto two lines has one box per line, and the middle of their bounding
  // rectangle can fall on other text: look at the middle of each line's box instead.
  const hit = ([...el.getClientRects()].length ? [...el.getClientRects()] : [r]).map(b => document.elementFromPoint(
    Math.min(Math.max(b.left + b.width / 2, 0), innerWidth - 1),
    Math.min(Math.max(b.top + b.height / 2, 0), innerHeight - 1)));
  const top = hit.find(t => t && (el === t || el.contains(t) || t.contains(el))) ?? hit[0];
  let opacity = 1;
  for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
  return {{id: el.dataset.kbId ?? null, tag: el.outerHTML.slice(0, 120), look: ({LOOK})(el),
          onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
                    && r.top < innerHeight && r.left < innerWidth,
          uncovered: !!top && (el === top || el.contains(top) || top.contains(el)),
          opacity}};
}}"""


def test_first_tab_lands_on_the_skip_link_and_enter_moves_focus_to_main(tab, page_urls):
    problems = []
    for name, url in page_urls.items():
        tab.goto(url)
        tab.keyboard.press("Tab")
        first = tab.evaluate("""() => { const el = document.activeElement, r = el.getBoundingClientRect();
          return {cls: el.className, text: el.textContent.trim(), href: el.getAttribute('href'),
                  visible: r.top >= 0 && r.bottom <= innerHeight && r.width > 0}; }""")
        if first["cls"] != "skip-link":
            problems.append(f"{name}: first Tab focused {first}, not the skip link")
            continue
        if not first["visible"]:
            problems.append(f"{name}: the focused skip link is not on screen")
        tab.keyboard.press("Enter")
        landed = tab.evaluate("() => [document.activeElement.tagName, document.activeElement.id, location.hash]")
        if landed[0] != "MAIN" or f"#{landed[1]}" != first["href"]:
            problems.append(f"{name}: after Enter on the skip link focus is on {landed}, not <main>")
        tab.keyboard.press("Tab")
        after = tab.evaluate("() => !!document.activeElement.closest('main')")
        if not after:
            problems.append(f"{name}: the Tab after the skip link leaves <main>")
    assert not problems, "\n".join(problems)


def test_tab_reaches_every_interactive_element_and_each_shows_focus(tab, page_urls):
    problems = []
    for name, url in page_urls.items():
        tab.goto(url)
        expected = tab.evaluate(MARK_FOCUSABLE)
        assert expected, f"{name}: nothing to focus?"
        unfocused = tab.evaluate(SNAPSHOT_LOOKS)
        visited: list[str] = []
        # Tab until focus leaves the page; a few spare presses show up as a loop, not a hang.
        for _ in range(len(expected) + 5):
            tab.keyboard.press("Tab")
            now = tab.evaluate(FOCUSED)
            if now is None or now["id"] in visited:
                break
            where = f"{name}: {now['tag']}"
            if now["id"] is None:
                problems.append(f"{where} takes focus but is not an interactive element")
                continue
            visited.append(now["id"])
            if now["look"] == unfocused[now["id"]]:
                problems.append(f"{where} looks the same focused and unfocused")
            if not now["onScreen"] or now["opacity"] == 0:
                problems.append(f"{where} is focused but cannot be seen")
            elif not now["uncovered"]:
                problems.append(f"{where} is focused but hidden under another element")
        missed = [expected[int(i)] for i in map(str, range(len(expected))) if i not in visited]
        problems += [f"{name}: Tab never reaches {what}" for what in missed]
        if visited != sorted(visited, key=int):
            problems.append(f"{name}: Tab order differs from the reading order")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
