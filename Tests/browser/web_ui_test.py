#!/usr/bin/env python3
"""Browser tests of Qudao's web UI: a real headless Chromium driven by Selenium.

Starts `qudao serve --demo` on a new database in a temporary folder, reads the demo sign-ins it prints, then signs
in through the form, opens every page in both languages and checks its content, uses the dashboard's map control
and the KPI explorer (and reads back its CSV and XLSX downloads), uploads an import with a bad row and sees the row
error, checks every page at phone width, signs in as the partner user and finds no other partner's data, and signs
out. Screenshots of each page go to the folder given with --screenshots (kept out of git).

Usage: python3 Tests/browser/web_ui_test.py --qudao .build/debug/qudao [--screenshots DIR]
Exit status 0 when every check passes; each failed check is printed.
"""
import argparse
import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

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


def fetch(driver, url):
    """GET `url` with the browser's cookies (for downloads, which headless Chromium would save to disk)."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.headers, response.read()


def page_width_ok(driver):
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")


def links(driver, prefix):
    """The paths of the page's links that start with `prefix` (in page order, without repeats)."""
    found = []
    for a in driver.find_elements(By.CSS_SELECTOR, f"main a[href^='{prefix}']"):
        path = a.get_attribute("href").split("://", 1)[-1].split("/", 1)[-1]
        path = "/" + path.split("?")[0]
        if path not in found and path != prefix.rstrip("/"):
            found.append(path)
    return found


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

        # The KPI explorer: measures, dimensions, period, comparison in a GET form; table, chart, downloads.
        driver.get(base + "/explorer?lang=zh")
        check("指标分析" in driver.page_source, "the explorer opens in Chinese")
        for box in driver.find_elements(By.CSS_SELECTOR, "input[name=m]:checked"):
            box.click()
        for measure in ["net_sales", "orders"]:
            driver.find_element(By.CSS_SELECTOR, f"input[name=m][value={measure}]").click()
        Select(driver.find_element(By.ID, "d1")).select_by_value("province")
        Select(driver.find_element(By.ID, "compare")).select_by_value("year")
        submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.explorer button[type=submit]"))
        url = driver.current_url
        check("m=net_sales" in url and "m=orders" in url and "d1=province" in url and "compare=year" in url,
              f"the explorer's question is in the URL ({url})")
        rows = driver.find_elements(By.CSS_SELECTOR, ".table-wrap tbody tr")
        check(len(rows) > 5, f"the explorer shows a row per province ({len(rows)})")
        check(driver.find_elements(By.CSS_SELECTOR, ".chart svg"), "the explorer draws a chart")
        shot(driver, args.screenshots, "explorer-zh")
        csv_link = driver.find_element(By.PARTIAL_LINK_TEXT, "CSV").get_attribute("href")
        status, headers, body = fetch(driver, csv_link)
        text = body[3:].decode("utf-8")
        check(status == 200 and body[:3] == b"\xef\xbb\xbf", "the CSV download starts with a UTF-8 byte-order mark")
        check(text.startswith("省份代码,省份,净销售额"), f"the CSV has the table's columns ({text[:40]!r})")
        check(len(text.strip().split("\r\n")) == len(rows), "the CSV holds every province (the page adds a total row)")
        xlsx_link = driver.find_element(By.PARTIAL_LINK_TEXT, "XLSX").get_attribute("href")
        status, headers, body = fetch(driver, xlsx_link)
        with zipfile.ZipFile(io.BytesIO(body)) as workbook:
            sheet = workbook.read("xl/worksheets/sheet1.xml").decode("utf-8")
        check(status == 200 and "净销售额" in sheet and sheet.count("<row ") == len(rows),
              "the XLSX download is a workbook with the same rows")
        driver.get(url)
        check(len(driver.find_elements(By.CSS_SELECTOR, ".table-wrap tbody tr")) == len(rows), "the URL alone reproduces the explorer's view")

        # Every page in both languages, with its content, usable at phone width.
        driver.get(base + "/partners?tier=1&lang=zh")
        partner_pages = links(driver, "/partners/")
        tier_one = [path.rsplit("/", 1)[-1] for path in partner_pages]
        driver.get(base + "/orders")
        order_pages = links(driver, "/orders/")
        check(len(order_pages) == 50, f"the order list shows a page of 50 orders ({len(order_pages)})")
        pages = [
            ("dashboard", "/", "驾驶舱", "Dashboard"),
            ("explorer", "/explorer", "指标分析", "KPI explorer"),
            ("partners", "/partners", "渠道层级树", "Channel tree"),
            ("partner", partner_pages[0], "共赢指数", "Win-win index"),
            ("orders", "/orders", "下单时间", "Ordered at"),
            ("order", order_pages[0], "订单进度", "Timeline"),
            ("inventory", "/inventory", "可售天数", "Days of cover"),
            ("planning", "/planning?level=total-national&horizon=14", "补货建议", "Replenishment orders"),
            ("imports", "/imports", "上传文件", "Upload a file"),
            ("admin", "/admin", "角色与权限", "Roles and permissions"),
        ]
        for name, path, chinese, english in pages:
            for lang, text in [("zh", chinese), ("en", english)]:
                driver.set_window_size(1400, 1000)
                driver.get(base + path + ("&" if "?" in path else "?") + "lang=" + lang)
                check(text in driver.page_source, f"{name} ({lang}) shows {text!r}")
                check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == ("zh-CN" if lang == "zh" else "en"),
                      f"{name} ({lang}) is marked as {lang}")
                check(driver.find_elements(By.CSS_SELECTOR, "a.lang"), f"{name} ({lang}) has the language switch")
                unlabelled = driver.execute_script(
                    "return [...document.querySelectorAll('main input:not([type=hidden]), main select')]"
                    ".filter(e => !(e.labels && e.labels.length) && !e.closest('label')).map(e => e.name)")
                check(not unlabelled, f"{name} ({lang}): every field has a label ({unlabelled})")
                shot(driver, args.screenshots, f"{name}-{lang}")
            driver.set_window_size(390, 844)
            driver.get(base + path)
            check(page_width_ok(driver), f"{name} fits a phone's width (tables scroll in their own box)")
            if name in ("explorer", "orders", "order"):
                shot(driver, args.screenshots, f"{name}-phone")
        driver.set_window_size(1400, 1000)

        # An import with a bad row: upload, check the mapping against the preview, start, see the row's error.
        bad = os.path.join(folder, "products.csv")
        with open(bad, "w", encoding="utf-8") as handle:
            handle.write("商品编码,name,category,list_price,unit_cost,weight_kg,launched_on\r\n")
            handle.write("SKU-BROWSER-1,浏览器测试茶,茶饮,12.50,8.00,0.500,2026-01-01\r\n")
            handle.write("SKU-BROWSER-2,坏价格,茶饮,abc,8.00,0.500,2026-01-01\r\n")
        driver.get(base + "/imports?lang=zh")
        driver.find_element(By.ID, "file").send_keys(bad)
        submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/imports/upload'] button"))
        check("SKU-BROWSER-2" in driver.page_source, "the upload's preview shows its rows")
        shot(driver, args.screenshots, "import-preview-zh")
        Select(driver.find_element(By.ID, "map-sku")).select_by_value("商品编码")
        submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/start'] button"))
        WebDriverWait(driver, 60).until(lambda d: "导入中" not in d.page_source)
        source = driver.page_source
        check("未导入" in source, "an import with a bad row writes nothing")
        check("products.csv:3" in source and "list_price" in source, "the bad row's error names its line and column")
        shot(driver, args.screenshots, "import-errors-zh")

        # At phone width the page still works (no horizontal scrolling of the whole page).
        driver.set_window_size(390, 844)
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(width <= 400, f"usable at phone width (page width {width})")
        shot(driver, args.screenshots, "dashboard-phone")
        driver.set_window_size(1400, 1000)

        # The language is remembered (the last one chosen was English); signing out ends the session.
        driver.get(base + "/?lang=en")
        driver.get(base + "/orders")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the language choice is remembered")
        sign_out(driver)
        driver.get(base + "/")
        check("/login" in driver.current_url, "after signing out the dashboard needs a sign-in again")

        # The partner user sees their own tree only, and no admin page.
        driver.get(base + "/?lang=zh")
        sign_in(driver, base, "partner", passwords["partner"])
        check("仅显示您所属伙伴及其下游的数据" in driver.page_source, "the partner user's dashboard says it is limited to their tree")
        shot(driver, args.screenshots, "dashboard-partner")
        driver.get(base + "/partners")
        own = [path.rsplit("/", 1)[-1] for path in links(driver, "/partners/")]
        others = [code for code in tier_one if code not in own]
        check(own and others, f"the partner user sees some partners ({len(own)}) and not all tier-1 ones ({len(others)} hidden)")
        check(not any(code in driver.page_source for code in others), "the partner list names no other partner")
        shot(driver, args.screenshots, "partners-partner")
        for path in ["/orders", "/explorer?m=net_sales&d1=partner"]:
            driver.get(base + path)
            check(not any(code in driver.page_source for code in others), f"{path} shows no other partner's data")
        driver.get(base + "/partners/" + others[0])
        check("页面不存在" in driver.page_source, "another partner's page is not found")
        driver.get(base + "/admin")
        check("无权访问" in driver.page_source, "the admin page is forbidden to a partner user")
        nav = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "nav a")]
        check(not any(href.endswith("/admin") or href.endswith("/inventory") for href in nav),
              "the partner user's navigation has no admin or inventory page")
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
