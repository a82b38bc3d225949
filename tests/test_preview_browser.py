"""The live preview in a real browser: edits appear in place, problems in an overlay."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import chromium
from selenium.webdriver.support.ui import WebDriverWait
from watching import Watch, watching

SPECS = Path(__file__).parent.parent / "specs"
WAIT_S = 15


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("design")
    target = folder / "mine.yaml"
    shutil.copy(SPECS / "video_recommendation.yaml", target)
    return target


@pytest.fixture(scope="module")
def preview(spec: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Watch]:
    with watching(str(spec), "--port", "0", tmpdir=tmp_path_factory.mktemp("tmp")) as watch:
        yield watch


@pytest.fixture(scope="module")
def browser(preview: Watch) -> Iterator[object]:
    with chromium() as driver:
        driver.get(preview.url)
        wait(driver, "return document.documentElement.dataset.state === 'ok'")
        yield driver


def wait(driver, script: str) -> None:  # type: ignore[no-untyped-def]
    WebDriverWait(driver, WAIT_S, poll_frequency=0.02).until(lambda d: d.execute_script(script))


def retitle(spec: Path, title: str, *, by_rename: bool = False) -> None:
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", spec.read_text(encoding="utf-8"))
    if by_rename:  # as editors that write a new file and rename it over the old one
        fresh = spec.with_name(f".{spec.name}.swp-new")
        fresh.write_text(text, encoding="utf-8")
        os.replace(fresh, spec)
    else:
        with spec.open("r+", encoding="utf-8") as handle:  # in place, same inode
            handle.write(text)
            handle.truncate()


def shown_title(driver) -> str:  # type: ignore[no-untyped-def]
    return driver.execute_script("return document.querySelector('.cover-title').textContent")


def _an_edit_appears_in_place_and_the_scroll_stays(browser, spec: Path) -> None:  # type: ignore[no-untyped-def]
    browser.execute_script("window.notReloaded = true; window.scrollTo(0, 2400)")
    before = browser.execute_script("return window.scrollY")
    assert before == 2400
    retitle(spec, "Edited in place")
    wait(browser, "return document.querySelector('.cover-title').textContent === 'Edited in place'")
    assert browser.execute_script("return window.notReloaded") is True
    assert browser.execute_script("return window.scrollY") == before
    assert browser.title == "Edited in place"


def _a_save_by_rename_is_seen(browser, spec: Path) -> None:  # type: ignore[no-untyped-def]
    retitle(spec, "Saved by rename", by_rename=True)
    wait(browser, "return document.querySelector('.cover-title').textContent === 'Saved by rename'")
    assert browser.execute_script("return window.notReloaded") is True


def _an_invalid_save_shows_the_problem_over_the_last_good_page(browser, spec: Path) -> None:  # type: ignore[no-untyped-def]
    lines = spec.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("requirements:"))
    lines.insert(at + 1, "  buisness_objective: misspelt")
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wait(browser, "return !document.getElementById('dd-overlay').hidden")
    overlay = browser.find_element("id", "dd-overlay").text
    assert f"{spec}:{at + 2}:3: requirements.buisness_objective: unknown key" in overlay
    assert "did you mean 'business_objective'" in overlay
    assert f"{at + 2} |   buisness_objective: misspelt" in overlay  # the code frame
    assert shown_title(browser) == "Saved by rename"  # the last good page stays
    assert browser.title.startswith("\u2717")
    assert browser.execute_script("return window.notReloaded") is True


def _fixing_it_closes_the_overlay(browser, spec: Path) -> None:  # type: ignore[no-untyped-def]
    text = spec.read_text(encoding="utf-8").replace("  buisness_objective: misspelt\n", "")
    spec.write_text(text.replace("title: Saved by rename", "title: Fixed"), encoding="utf-8")
    wait(browser, "return document.getElementById('dd-overlay').hidden")
    wait(browser, "return document.querySelector('.cover-title').textContent === 'Fixed'")
    assert browser.title == "Fixed"


def _findings_appear_in_the_side_panel_with_their_lines(browser, spec: Path) -> None:  # type: ignore[no-untyped-def]
    text = spec.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(\s+strategy:) chronological$", r"\1 random", text)
    assert count == 1
    spec.write_text(text, encoding="utf-8")
    wait(browser, "return document.getElementById('dd-findings').textContent.includes('DAT002')")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.strip() == "strategy: random")
    browser.find_element("id", "dd-toggle").click()
    panel = browser.find_element("id", "dd-panel").text
    assert re.search(rf"DAT002 line {line} · data\.split\.strategy", panel), panel


def test_an_editing_session_in_the_browser(browser, spec: Path) -> None:  # type: ignore[no-untyped-def]
    """One session of saves, in order: each step starts from the page the one before left
    (one test, so that parallel workers never split it)."""
    _an_edit_appears_in_place_and_the_scroll_stays(browser, spec)
    _a_save_by_rename_is_seen(browser, spec)
    _an_invalid_save_shows_the_problem_over_the_last_good_page(browser, spec)
    _fixing_it_closes_the_overlay(browser, spec)
    _findings_appear_in_the_side_panel_with_their_lines(browser, spec)
