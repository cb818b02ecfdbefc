#!/usr/bin/env python3
"""Browser tests of Qudao's web UI: a real headless Chromium driven by Selenium.

Starts `qudao serve --demo` on a new database in a temporary folder, reads the demo sign-ins it prints, then signs
in through the form, opens every page in both languages and checks its content, uses the dashboard's map control,
signs in as the partner user and checks the scope, and signs out. Screenshots of each page go to the folder given
with --screenshots (kept out of git).

Usage: python3 Tests/browser/web_ui_test.py --qudao .build/debug/qudao [--screenshots DIR]
Exit status 0 when every check passes; each failed check is printed.
"""
import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(qudao, folder):
    port = free_port()
    log = open(os.path.join(folder, "serve.log"), "w+")
    process = subprocess.Popen(
        [qudao, "serve", "--demo", "--demo-lines", "20000", "--db", os.path.join(folder, "web.sqlite"), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT)
    passwords = {}
    deadline = time.time() + 300
    while time.time() < deadline and len(passwords) < 2:
        if process.poll() is not None:
            break
        log.seek(0)
        for line in log.read().splitlines():
            match = re.search(r"sign in as (\w+) \(\w+\) with password (\S+)", line)
            if match:
                passwords[match.group(1)] = match.group(2)
        time.sleep(0.5)
    if len(passwords) < 2:
        log.seek(0)
        raise SystemExit("the server did not start:\n" + log.read()[-3000:])
    # Wait until it answers.
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    return process, f"http://127.0.0.1:{port}", passwords


def browser():
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
                     "--lang=zh-CN"]:
        options.add_argument(argument)
    binary = "/usr/bin/chromium"
    if os.path.exists(binary):
        options.binary_location = binary
    service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    return webdriver.Chrome(options=options, service=service)


def shot(driver, folder, name):
    """A screenshot of the whole page (the window grows to the page's height for it)."""
    if folder:
        os.makedirs(folder, exist_ok=True)
        size = driver.get_window_size()
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(size["width"], max(size["height"], height + 140))
        driver.save_screenshot(os.path.join(folder, name + ".png"))
        driver.set_window_size(size["width"], size["height"])


def has_chinese(text):
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def submit_and_wait(driver, button):
    """Clicks a submit button and waits until the next page has replaced this one (a click returns before that)."""
    old = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.TAG_NAME, "html") != old and d.execute_script(
        "return document.readyState") == "complete")


def sign_in(driver, base, user, password):
    driver.get(base + "/login")
    driver.find_element(By.ID, "user_id").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(password)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]"))


def sign_out(driver):
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--qudao", required=True)
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="qudao-web-")
    process, base, passwords = start_server(args.qudao, folder)
    driver = browser()
    try:
        # Anonymous: the sign-in page, in Chinese by default, with no asset from elsewhere.
        driver.get(base + "/")
        check("/login" in driver.current_url, "an anonymous visitor lands on the sign-in page")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN", "the page is Chinese by default")
        check("登录" in driver.page_source, "the sign-in page says 登录")
        external = [e.get_attribute("src") or e.get_attribute("href") for e in driver.find_elements(By.CSS_SELECTOR, "script[src], link[href], img[src]")]
        check(all(url.startswith(base) for url in external if url), f"no asset from the internet ({external})")
        labels = {label.get_attribute("for") for label in driver.find_elements(By.TAG_NAME, "label")}
        check({"user_id", "password"} <= labels, "the form's fields have labels")
        shot(driver, args.screenshots, "login-zh")

        # A wrong password: the error, in the page's language.
        sign_in(driver, base, "admin", "not-the-password")
        check(driver.find_elements(By.CSS_SELECTOR, "[role=alert]"), "a wrong password shows an alert")

        # The admin's dashboard in Chinese, then in English through the switch.
        sign_in(driver, base, "admin", passwords["admin"])
        source = driver.page_source
        check("驾驶舱" in source and "净销售额" in source, "the dashboard shows its title and net sales in Chinese")
        tiles = driver.find_elements(By.CSS_SELECTOR, "article.tile")
        check(len(tiles) >= 5, f"KPI tiles are shown ({len(tiles)})")
        check(all(re.search(r"\d", tile.text) for tile in tiles), "every tile shows a number")
        svgs = driver.find_elements(By.CSS_SELECTOR, "main svg")
        check(len(svgs) >= 4, f"the trend, the map and the partner charts are drawn ({len(svgs)} SVGs)")
        check(all(svg.size["width"] > 100 for svg in svgs), "every chart has room on the page")
        shot(driver, args.screenshots, "dashboard-zh")

        submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.lang"))
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the switch turns the page to English")
        check("Dashboard" in driver.page_source and "Net sales" in driver.page_source, "the dashboard in English")
        shot(driver, args.screenshots, "dashboard-en")

        # The map's measure control: keyboard-usable select, submitted as a GET form; the URL reproduces the view.
        Select(driver.find_element(By.ID, "map-measure")).select_by_value("return_rate")
        submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.inline button"))
        check("map=return_rate" in driver.current_url, "the map's measure is in the URL")
        check(driver.find_element(By.CSS_SELECTOR, "#map-measure option:checked").get_attribute("value") == "return_rate",
              "the chosen measure stays selected")
        driver.get(base + "/?lang=en&map=return_rate")
        check("Return rate" in driver.page_source, "the URL alone reproduces the view")

        # At phone width the page still works (no horizontal scrolling of the whole page).
        driver.set_window_size(390, 844)
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(width <= 400, f"usable at phone width (page width {width})")
        shot(driver, args.screenshots, "dashboard-phone")
        driver.set_window_size(1400, 1000)

        # The language is remembered; signing out ends the session.
        driver.get(base + "/")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the language choice is remembered")
        sign_out(driver)
        driver.get(base + "/")
        check("/login" in driver.current_url, "after signing out the dashboard needs a sign-in again")

        # The partner user sees their own tree only.
        driver.get(base + "/?lang=zh")
        sign_in(driver, base, "partner", passwords["partner"])
        check("仅显示您所属伙伴及其下游的数据" in driver.page_source, "the partner user's dashboard says it is limited to their tree")
        shot(driver, args.screenshots, "dashboard-partner")
        sign_out(driver)
    finally:
        driver.quit()
        process.terminate()
        process.wait(timeout=30)
    if failures:
        print(f"{len(failures)} browser check(s) failed")
        return 1
    print("all browser checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
