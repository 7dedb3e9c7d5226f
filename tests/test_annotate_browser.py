"""The `findings annotate` page in a real headless Chromium (Debian's chromium and chromium-driver,
driven by Selenium pointed at /usr/bin/chromedriver; Selenium Manager is never used).

Keys are pressed as a person would and the JSONL on disk is checked after each.
"""
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from finding_classifier.annotate import ReportEntry, Session, build_reports
from finding_classifier.annotate.server import create_app, listen, make_server, url_for

from test_annotate import HAND_LABELS, HOSTILE, REPORT, probs, sentence

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = "/usr/bin/chromedriver"


def _need_browser():
    missing = [what for what, ok in (("chromium", CHROMIUM), ("chromium-driver", Path(CHROMEDRIVER).is_file())) if not ok]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -e '.[test]')")
    if missing:
        if os.environ.get("FINDINGS_REQUIRE_BROWSER"):
            pytest.fail(f"missing {', '.join(missing)}, but FINDINGS_REQUIRE_BROWSER is set (CI must run this test)")
        pytest.skip(f"missing {', '.join(missing)} (.ci/run installs them)")


@pytest.fixture()
def served(tmp_path, tiny_model):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "northbrook-review.txt").write_text(REPORT, encoding="utf-8")
    entries, _ = build_reports([str(reports)], str(tiny_model))
    hostile = ReportEntry("carers-notes", "carers-notes.txt", [
        sentence("carers-notes", 0, HOSTILE, probs(0.2, 0.5, 0.3), section="Feedback <b>from</b> carers")])
    session = Session(entries + [hostile], tmp_path / "mine", "ann-b", "document")
    sock = listen("127.0.0.1", 0)
    token = "browser-token-" + "x" * 20
    server = make_server(create_app(session, token))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield session, url_for(sock, token), tmp_path / "mine"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture()
def driver(tmp_path, monkeypatch):
    _need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_MANAGER_PATH", "/bin/false")  # should anything try Selenium Manager, it fails instead of downloading
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,900"):
        options.add_argument(arg)
    d = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield d
    finally:
        d.quit()


def _lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def _wait(what, timeout=15):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = what()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


@pytest.mark.slow
def test_keys_label_undo_and_move_with_the_jsonl_on_disk(served, driver, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    session, url, out = served
    jsonl = out / "northbrook-review.jsonl"
    texts = list(HAND_LABELS)
    driver.get(url)
    _wait(lambda: driver.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    body = driver.find_element(By.TAG_NAME, "body")
    text_of = lambda id_: driver.find_element(By.ID, id_).text  # noqa: E731
    shown = lambda: text_of("sentence")  # noqa: E731

    # the sentence in its context, the model's suggestion, every key on screen, the rule hints
    assert shown() == texts[0]
    assert text_of("section") == "Learning from feedback" and text_of("report-name") == "northbrook-review.txt"
    assert [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#after li")] == texts[1:3]
    assert text_of("suggested") == session.sentence("northbrook-review", 0).suggested.replace("_", " ")
    buttons = text_of("buttons") + " " + driver.find_element(By.CSS_SELECTOR, ".buttons.minor").text
    for key in ("1 / s strength", "2 / a area for improvement", "3 / e evidence", "Enter", "Backspace", "u undo", "previous", "next"):
        assert key in buttons, key
    assert text_of("rules").startswith("Guideline v2 rules: 1 judge the sentence itself")

    body.send_keys("3")
    _wait(lambda: len(_lines(jsonl)) == 1)
    assert _lines(jsonl)[0]["label"] == "evidence" and _lines(jsonl)[0]["annotator"] == "ann-b"
    _wait(lambda: shown() == texts[1])
    body.send_keys("s")
    _wait(lambda: len(_lines(jsonl)) == 2)
    assert _lines(jsonl)[1]["label"] == "strength"
    _wait(lambda: shown() == texts[2])
    body.send_keys(Keys.ENTER)  # accept the model's suggestion
    _wait(lambda: len(_lines(jsonl)) == 3)
    third = _lines(jsonl)[2]
    assert third["label"] == third["suggested"] == session.sentence("northbrook-review", 2).suggested and third["changed"] is False
    _wait(lambda: shown() == texts[3])
    assert "3 / 5" in driver.find_element(By.CSS_SELECTOR, "[data-report='northbrook-review'] .count").text

    body.send_keys("u")  # undo: the accepted line goes, its sentence is back on screen
    _wait(lambda: len(_lines(jsonl)) == 2)
    _wait(lambda: shown() == texts[2])
    body.send_keys(Keys.BACKSPACE)
    _wait(lambda: len(_lines(jsonl)) == 1)
    _wait(lambda: shown() == texts[1])
    body.send_keys(Keys.ARROW_RIGHT)
    _wait(lambda: shown() == texts[2])
    body.send_keys(Keys.ARROW_LEFT)
    _wait(lambda: shown() == texts[1])
    assert len(_lines(jsonl)) == 1  # moving writes nothing

    body.send_keys("?")
    _wait(lambda: driver.find_element(By.ID, "help").is_displayed())
    assert "accept the model's suggestion" in text_of("help")
    body.send_keys(Keys.ESCAPE)
    _wait(lambda: not driver.find_element(By.ID, "help").is_displayed())

    for i in range(1, 5):  # the rest by hand, as the guideline says
        _wait(lambda: shown() == texts[i])
        body.send_keys(str(1 + ["strength", "area_for_improvement", "evidence"].index(HAND_LABELS[texts[i]])))
        _wait(lambda: len(_lines(jsonl)) == i + 1)
    assert [r["label"] for r in _lines(jsonl)] == list(HAND_LABELS.values())

    # a report containing markup shows it as text, and nothing in it runs
    _wait(lambda: shown() == HOSTILE)
    assert text_of("section") == "Feedback <b>from</b> carers"
    assert driver.find_elements(By.CSS_SELECTOR, "#card img, #card script, #card b:not([id])") == []
    assert driver.execute_script("return [window.__pwned === undefined, document.scripts.length]") == [True, 1]

    body.send_keys("a")
    _wait(lambda: (out / "carers-notes.jsonl").exists())
    assert _lines(out / "carers-notes.jsonl")[0]["text"] == HOSTILE
    _wait(lambda: driver.find_element(By.ID, "done").is_displayed())
    # read the table in one script call: the page may redraw it between two WebDriver calls
    confusion = lambda: driver.execute_script(  # noqa: E731
        "return [...document.querySelectorAll('#confusion tr')].slice(1)"
        ".map(tr => [...tr.querySelectorAll('td')].map(td => Number(td.textContent)))")
    _wait(lambda: confusion() == session.summary().confusion)
    assert confusion() == session.summary().confusion
    assert driver.execute_script("return window.__pwned === undefined")
    shot = tmp_path / "annotate.png"
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
