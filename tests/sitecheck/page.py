"""The browser checks of one page: one function per check, each given the loaded Playwright page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from browser import PageWatch, axe_source, watch

from .cells import check_cells
from .colors import DARK_LEGIBLE_SHARE, MARK_CONTRAST, contrast, legible_share, luminance
from .report import DESKTOP, PHONE_WIDTH, Report, known_axe
from .scripts import script
from .site import source_has_math

#: Sections with content-visibility: auto are not painted off screen, so axe's colour checks (which
#: hit-test what is painted at an element) would see whatever lies under the placeholder. Colours
#: do not depend on it: axe looks at the page with every section rendered.
_RENDER_EVERYTHING = "*, *::before, *::after { content-visibility: visible !important; }"


def check_lang(page: Any, name: str, report: Report) -> None:
    lang = page.evaluate("document.documentElement.getAttribute('lang')")
    if lang != "ko":
        report.add("lang", name, f'document language is {lang!r}, expected "ko"')


def check_images(images: list[dict], name: str, report: Report) -> None:
    """`images` as js/wait_images.js returns them once every image has loaded or failed."""
    for img in images:
        if img["naturalWidth"] == 0:
            report.add("images", name, f"<img src={img['src']!r}> did not load")
        if not (img["alt"] or "").strip():
            report.add("images", name, f"<img src={img['src']!r}> has no alt text")


def check_math(page: Any, site: Path, name: str, report: Report) -> None:
    text = page.evaluate(script("text"))
    for raw in text["raw"]:
        report.add("math", name, f"raw TeX in the text: “{raw}”")
    for where in text["controls"]:
        report.add("math", name, f"control character {where}")
    for empty in text["emptyContainers"]:
        report.add("math", name, f"math not converted to MathML: “{empty}”")
    for display in text["notLaidOut"]:
        report.add("math", name, f"<math> not laid out as MathML ({display})")
    if text["count"] == 0 and source_has_math(site, name):
        report.add("math", name, "the source has math but the page has no <math>")


def check_axe(page: Any, name: str, report: Report, rules: list[str] | None, mode: str) -> None:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
        page.add_style_tag(content=_RENDER_EVERYTHING)
    for violation in page.evaluate(script("axe"), rules):
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact not in ("serious", "critical") or known_axe(
                report, violation["id"], node["target"]
            ):
                continue
            report.add(
                "axe",
                name,
                f"[{mode}] {impact} {violation['id']} ({violation['help']}) at {node['target']}: "
                f"{node['summary']}",
            )


def switch_to_dark(page: Any) -> str | None:
    """Use the theme's own colour-mode switch as a reader would; returns what went wrong."""
    switch = page.locator(".theme-switch-button:visible")
    if switch.count() == 0:
        return "no visible colour-mode switch (.theme-switch-button)"
    for _ in range(3):
        switch.first.click()
        dark_item = page.locator('.theme-change-button[data-mode="dark"]:visible')
        if dark_item.count():
            dark_item.first.click()
        if page.evaluate("document.documentElement.dataset.theme") == "dark":
            return None
    return 'the colour-mode switch never set data-theme="dark"'


def figure_shares(page: Any) -> dict[str, float]:
    """The legible share of each figure's screenshot, as the page is now (light mode)."""
    return {
        str(probe): legible_share(
            page.locator(f'[data-legibility-probe="{probe}"]').screenshot(animations="disabled")
        )
        for probe in page.evaluate(script("figures"))
    }


def check_dark_mode(page: Any, name: str, report: Report, light: dict[str, float]) -> None:
    """After switch_to_dark: a dark background, readable text, figures that keep their marks
    (`light`: figure_shares taken before the switch)."""
    colors = page.evaluate(script("colors"))
    bg, fg = luminance(colors["background"]), luminance(colors["text"])
    if bg > 0.2:
        report.add(
            "dark_mode",
            name,
            f"dark mode keeps a light page background rgb{tuple(colors['background'])}",
        )
    if contrast(bg, fg) < 4.5:
        report.add("dark_mode", name, f"dark mode text contrast {contrast(bg, fg):.1f}:1 < 4.5:1")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
    for probe, share in light.items():
        figure = page.locator(f'[data-legibility-probe="{probe}"]')
        dark = legible_share(figure.screenshot(animations="disabled"))
        if share >= 0.002 and dark < DARK_LEGIBLE_SHARE * share:
            src = figure.evaluate("el => el.getAttribute('src') || el.tagName")
            report.add(
                "dark_mode",
                name,
                f"figure {src!r} loses its marks in dark "
                f"mode: {dark:.1%} of pixels legible (>= {MARK_CONTRAST}:1) vs "
                f"{share:.1%} in light mode",
            )


def check_overflow(browser: Any, url: str, name: str, report: Report) -> PageWatch:
    """On a 360 px phone, as loaded and with hidden parts opened; returns what the phone saw go
    wrong (for the load check)."""
    phone = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 740},
        is_mobile=True,
        has_touch=True,
        locale="ko-KR",
        reduced_motion="reduce",
    )
    events = watch(phone)
    try:
        page = phone.new_page()
        page.goto(url, wait_until="load")
        for state in ("as loaded", "with hidden parts opened"):
            if state != "as loaded":
                page.evaluate(script("reveal"))
            result = page.evaluate(script("overflow"), PHONE_WIDTH)
            culprits = "; ".join(result["offenders"])
            if result["width"] > PHONE_WIDTH + 1:
                report.add(
                    "overflow",
                    name,
                    f"{state}: page is {result['width']} px wide at {PHONE_WIDTH} px: "
                    f"{culprits or 'no single element found'}",
                )
            elif culprits:
                report.add(
                    "overflow",
                    name,
                    f"{state}: content cut off at {PHONE_WIDTH} px (wider than the screen, "
                    f"nothing to scroll): {culprits}",
                )
        page.close()
    finally:
        phone.close()
    return events


def check_load(events: list[PageWatch], name: str, report: Report) -> None:
    problems = [problem for watched in events for problem in watched.problems()]
    for problem in dict.fromkeys(problems):
        report.add("load", name, problem)


def browse(browser: Any, url: str, site: Path, name: str, report: Report, checks: set[str]) -> None:
    """Every chosen browser check of one page: desktop (light, then dark), then phone."""
    context = browser.new_context(
        viewport=DESKTOP, locale="ko-KR", color_scheme="light", reduced_motion="reduce"
    )
    events = [watch(context)]
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        if "lang" in checks:
            check_lang(page, name, report)
        images = page.evaluate(script("wait_images"))
        if "images" in checks:
            check_images(images, name, report)
        if "math" in checks:
            check_math(page, site, name, report)
        if "axe" in checks:
            check_axe(page, name, report, None, "light")
        if checks & {"dark_mode", "axe"}:
            light = figure_shares(page) if "dark_mode" in checks else {}
            problem = switch_to_dark(page)
            if problem and "dark_mode" in checks:
                report.add("dark_mode", name, problem)
            elif not problem and "dark_mode" in checks:
                check_dark_mode(page, name, report, light)
            if not problem and "axe" in checks:
                check_axe(page, name, report, ["color-contrast"], "dark")
        if checks & {"cells", "cell_errors"}:
            page.evaluate(script("reveal"))
            check_cells(site, name, page.evaluate(script("cells")), report, checks)
        page.close()
    finally:
        context.close()
    if "overflow" in checks:
        events.append(check_overflow(browser, url, name, report))
    if "load" in checks:
        check_load(events, name, report)
