#!/usr/bin/env python3
"""Browser tests of stemcheck-server's pages (issue 19).

Starts the built server on a free loopback port with a temporary SQLite data folder, creates the
board's accounts with `stemcheck-server user add`, and drives headless Chromium (Debian's
chromium + chromium-driver, Python selenium) through the whole flow: a submitter uploads and
submits; the analyst returns it with stipulations; the submitter answers, uploads a new version
and resubmits; the analyst resolves, accepts and assigns; the reviewer comments and signs an
attestation and compares versions; the chair previews and signs the determination and the test
reads the letter. Along the way: another submitter's URL is denied, a POST without the CSRF
token is rejected, a script pasted into every text field is shown as text and never runs, the
sign-in works from the keyboard alone, and axe-core (axe-selenium-python) finds no serious or
critical accessibility violation on any page. Screenshots of every page and the axe results go
to reports/browser/.

Usage: pages_test.py SERVER_BINARY [OUTPUT_DIR]     exit 0 when every check passed.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Tests", "System"))
from support import PASSWORD, Failure, free_port  # noqa: E402
# Pasted into every text field: it must appear as text and never run.
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'
USERS = [
    ("sub1", "Sam Submitter", "submitter"),
    ("sub2", "Other Submitter", "submitter"),
    ("ana", "Ann Analyst", "analyst"),
    ("rev", "Rita Reviewer", "reviewer"),
    ("chair", "Carl Chair", "chair"),
    ("aud", "Aude Auditor", "auditor"),
    ("admin", "Adam Admin", "admin"),
]


class Run:
    def __init__(self, binary, out):
        self.binary = os.path.abspath(binary)
        self.out = out
        self.shots = os.path.join(out, "screenshots")
        os.makedirs(self.shots, exist_ok=True)
        self.data = tempfile.mkdtemp(prefix="stemcheck-browser-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.checks = []
        self.axe_results = {}
        self.server = None
        self.driver = None

    # -- checks -----------------------------------------------------------------------------
    def check(self, ok, what):
        self.checks.append((bool(ok), what))
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        if not ok:
            raise Failure(what)

    # -- server -----------------------------------------------------------------------------
    def start_server(self):
        env = dict(os.environ, STEMCHECK_PASSWORD=PASSWORD, STEMCHECK_BOARD_NAME="Test Research Ethics Board")
        env.pop("STEMCHECK_DATABASE_URL", None)
        for login, name, role in USERS:
            display = name if login != "rev" else name + " " + XSS  # a printed name with a script
            subprocess.run([self.binary, "user", "add", login, "--name", display, "--role", role, "--data", self.data],
                           env=env, check=True, capture_output=True)
        self.log = open(os.path.join(self.out, "server.log"), "w")
        self.server = subprocess.Popen([self.binary, "serve", "--data", self.data, "--port", str(self.port)],
                                       env=env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/api/v1/health", timeout=1)
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        raise Failure("the server did not start; see server.log")

    def stop(self):
        if self.driver:
            self.driver.quit()
        if self.server:
            self.server.terminate()
            self.server.wait(10)
        shutil.rmtree(self.data, ignore_errors=True)

    # -- browser ----------------------------------------------------------------------------
    def start_browser(self):
        options = Options()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-US"):
            options.add_argument(arg)
        driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(driver_path), options=options)
        self.driver.set_page_load_timeout(30)

    def get(self, path):
        self.driver.get(self.base + path)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def h1(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def fill(self, element_id, value):
        field = self.driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(value)

    def mark_page(self):
        """Marks the present document, so that wait_for_new_page can tell when another replaced it."""
        self.driver.execute_script("window.__stemcheckOldPage = true")

    def wait_for_new_page(self):
        def replaced(driver):
            try:
                return driver.execute_script(
                    "return window.__stemcheckOldPage === undefined && document.readyState === 'complete'")
            except WebDriverException:
                return False  # between two documents
        WebDriverWait(self.driver, 60, ignored_exceptions=(WebDriverException,)).until(replaced)

    def click(self, button):
        """Clicks a button that loads a page, and waits until the new page is there."""
        self.mark_page()
        button.click()
        self.wait_for_new_page()

    def submit(self, selector):
        self.click(self.driver.find_element(By.CSS_SELECTOR, selector))

    def no_script_ran(self, where):
        try:
            self.driver.switch_to.alert
            alert = True
        except NoAlertPresentException:
            alert = False
        flag = self.driver.execute_script("return window.__xss === undefined ? null : window.__xss")
        self.check(not alert and flag is None, f"no pasted script ran on {where}")

    def shot(self, name):
        """A full-page screenshot, then the axe-core check of the page."""
        height = self.driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        self.driver.set_window_size(1280, min(max(height + 40, 800), 8000))
        self.driver.save_screenshot(os.path.join(self.shots, name + ".png"))
        self.driver.set_window_size(1280, 1000)
        axe = Axe(self.driver)
        axe.inject()
        result = axe.run()
        serious = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
        self.axe_results[name] = {
            "url": self.driver.current_url,
            "violations": [{"id": v["id"], "impact": v.get("impact"), "nodes": len(v["nodes"]), "help": v["help"]} for v in result["violations"]],
            "passes": len(result["passes"]),
        }
        detail = "; ".join(f"{v['id']} ({v['impact']}): {v['help']} e.g. {v['nodes'][0]['html'][:120]}" for v in serious)
        self.check(not serious, f"axe: no serious or critical violation on {name}" + (f" — {detail}" if detail else ""))

    def sign_in(self, login, keyboard=False):
        self.driver.delete_all_cookies()
        self.get("/sign-in")
        if keyboard:
            body = self.driver.find_element(By.TAG_NAME, "body")
            body.send_keys(Keys.TAB)
            for _ in range(12):
                if self.driver.execute_script("return document.activeElement.id") == "login":
                    break
                self.driver.switch_to.active_element.send_keys(Keys.TAB)
            self.check(self.driver.execute_script("return document.activeElement.id") == "login", "the login field is reached with Tab")
            self.driver.switch_to.active_element.send_keys(login, Keys.TAB)
            self.check(self.driver.execute_script("return document.activeElement.id") == "password", "Tab moves from login to password")
            self.mark_page()
            self.driver.switch_to.active_element.send_keys(PASSWORD, Keys.ENTER)
            self.wait_for_new_page()
        else:
            self.fill("login", login)
            self.fill("password", PASSWORD)
            self.submit("form[action='/sign-in'] button")
        self.check("Sign out" in self.text(), f"{login} is signed in")

    def cookie(self):
        c = self.driver.get_cookie("stemcheck_session")
        return c["value"] if c else None

    def raw(self, method, path, data=None, cookie=None):
        """A request outside the browser: (status, body)."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        if cookie:
            request.add_header("Cookie", "stemcheck_session=" + cookie)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    # -- the flow ---------------------------------------------------------------------------
    def flow(self):
        examples = os.path.join(ROOT, "examples")
        v1 = os.path.join(examples, "clinic-msc-package.yaml")
        v2 = os.path.join(examples, "cp-ucb-phase2-us.yaml")
        title = "Umbilical cord MSC for cerebral palsy " + XSS

        # Anonymous: the queue sends to sign-in; the sign-in page itself.
        self.get("/queue")
        self.check("/sign-in" in self.driver.current_url, "an anonymous visitor is sent to sign in")
        self.shot("sign-in")

        # The submitter uploads and submits.
        self.sign_in("sub1")
        self.get("/submissions/new")
        self.shot("upload")
        self.fill("title", title)
        self.driver.find_element(By.ID, "file").send_keys(v1)
        self.submit("form[action='/submissions'] button")
        self.check(self.h1() == title, "the title with a pasted script is shown as text")
        self.no_script_ran("the submission page")
        sub_path = urllib.parse.urlparse(self.driver.current_url).path
        self.check("Verdict: FAIL" in self.text(), "the submission page leads with the verdict (FAIL for the clinic's protocol)")
        self.check(len(self.driver.find_elements(By.CSS_SELECTOR, "#viol-h")) == 1, "the violations are listed")
        self.shot("submission-failing")
        self.submit("form[action$='/actions/submit'] button")
        self.check("Submitted to the board." in self.text(), "submitted")

        # CSRF: the same form without the token, and with a wrong one, is refused.
        sub1_cookie = self.cookie()
        status, _ = self.raw("POST", sub_path + "/comments", {"text": "no token"}, cookie=sub1_cookie)
        self.check(status == 403, f"a POST without the CSRF token is rejected (got {status})")
        status, _ = self.raw("POST", sub_path + "/actions/withdraw", {"csrf": "0" * 32}, cookie=sub1_cookie)
        self.check(status == 403, f"a POST with a wrong CSRF token is rejected (got {status})")

        # Another submitter cannot see it.
        self.sign_in("sub2")
        self.get(sub_path)
        self.check(self.h1() == "Not found", "another submitter's submission is not found")
        status, _ = self.raw("GET", sub_path, cookie=self.cookie())
        self.check(status == 404, f"another submitter gets 404 (got {status})")
        status, _ = self.raw("GET", "/api/v1" + sub_path + "/versions/1/protocol", cookie=self.cookie())
        self.check(status == 404, f"another submitter cannot download the protocol (got {status})")
        self.get("/queue")
        self.check(title not in self.text(), "another submitter's queue does not list it")

        # The analyst returns it with stipulations.
        self.sign_in("ana")
        self.get("/queue")
        self.check(title in self.text(), "the analyst's queue lists it")
        self.shot("queue")
        self.get("/queue?queue=not_assigned&verdict=fail&sort=age")
        self.check(title in self.text(), "the queue filters by queue and verdict")
        self.get("/queue?verdict=pass")
        self.check(title not in self.text(), "the verdict filter excludes a failing submission")
        self.get("/queue?age=7")
        self.check(title not in self.text(), "the waiting filter excludes a submission changed today")
        self.get("/queue?age=0&sort=verdict&reviewer=none")
        self.check(title in self.text(), "an unassigned submission is listed under 'not assigned'")
        self.get(sub_path)
        rule = self.driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby='viol-h'] tbody code").text
        self.fill("stipulations", f"[{rule}] Fix this violation {XSS}\nState who pays for the product {XSS}")
        self.submit("form[action$='/return'] button")
        self.check("Returned to the submitter" in self.text(), "returned with stipulations")
        self.no_script_ran("the stipulations")

        # The submitter answers, uploads a new version and resubmits.
        self.sign_in("sub1")
        self.get(sub_path)
        answered = 0
        for _ in range(10):
            boxes = self.driver.find_elements(By.CSS_SELECTOR, "textarea[name='response']")
            if not boxes:
                break
            boxes[0].send_keys("Done in version 2 " + XSS)
            self.click(boxes[0].find_element(By.XPATH, "./ancestor::form").find_element(By.TAG_NAME, "button"))
            self.check("Your response to the stipulation was recorded." in self.text(), "a stipulation is addressed")
            answered += 1
        self.check(answered == 2, f"both stipulations answered ({answered})")
        self.driver.find_element(By.CSS_SELECTOR, "form[action$='/versions'] input[type=file]").send_keys(v2)
        self.submit("form[action$='/versions'] button")
        self.check("uploaded and checked" in self.text(), "a new version is uploaded")
        self.submit("form[action$='/actions/resubmit'] button")
        self.check("Resubmitted to the board." in self.text(), "resubmitted")
        self.no_script_ran("the answered stipulations")

        # The analyst resolves the stipulations, accepts and assigns the reviewer.
        self.sign_in("ana")
        self.get(sub_path)
        while True:
            buttons = self.driver.find_elements(By.CSS_SELECTOR, "form[action*='/resolve'] button")
            if not buttons:
                break
            self.click(buttons[0])
        self.check("resolved" in self.text(), "the stipulations are resolved")
        self.submit("form[action$='/actions/accept'] button")
        self.check("Accepted for review." in self.text(), "accepted for review")
        self.submit("form[action$='/assignments'] button")
        self.check("The reviewer was assigned." in self.text(), "the reviewer is assigned")
        self.no_script_ran("a reviewer's printed name with a script")

        # The reviewer comments, attests, and compares the versions.
        self.sign_in("rev")
        self.get("/queue")
        self.check(title in self.text(), "the assigned reviewer's queue lists it")
        self.get(sub_path)
        self.fill("comment-text", "Follow-up looks short " + XSS)
        self.submit("form[action$='/comments'] button")
        self.check("Your comment was added." in self.text(), "a comment is added")
        self.no_script_ran("the comments")
        attest = self.driver.find_elements(By.CSS_SELECTOR, "form.attest")
        self.check(len(attest) > 0, "the review checklist offers attestation forms")
        form = attest[0]
        form.find_element(By.CSS_SELECTOR, "input[value='accepted']").click()
        form.find_element(By.CSS_SELECTOR, "textarea[name='statement']").send_keys("Checked the consent form " + XSS)
        form.find_element(By.CSS_SELECTOR, "input[name='password']").send_keys(PASSWORD)
        self.click(form.find_element(By.TAG_NAME, "button"))
        self.check("Your attestation was signed." in self.text(), "an attestation is signed")
        self.check("meaning: attestation" in self.text(), "the signature shows its meaning")
        self.no_script_ran("the attestation")
        self.get(sub_path + "/compare?from=1&to=2")
        self.check("v1 and v2" in self.h1(), "the version comparison page")
        self.check("Fixed" in self.text(), "the comparison lists fixed results")
        self.shot("compare")

        # The chair previews and signs the determination; the letter.
        self.sign_in("chair", keyboard=True)
        self.get(sub_path + "/determination")
        self.driver.find_element(By.ID, "kind-approved").click()
        self.fill("basis", "Meets the criteria of 21 CFR 56.111 " + XSS)
        self.submit("form[action$='/determination'] button")
        preview = self.driver.find_element(By.CSS_SELECTOR, ".letter-preview").text
        self.check("Approved" in preview and XSS in preview, "the letter preview shows the determination and the basis as text")
        self.no_script_ran("the letter preview")
        self.shot("determination")
        self.fill("password", PASSWORD)
        self.submit("form[action$='/determinations'] button")
        self.check("The determination was signed and its letter issued." in self.text(), "the determination is signed")
        self.check("Signed by Carl Chair" in self.text(), "the signature's printed name is shown")
        self.shot("submission-decided")
        letter = self.driver.find_element(By.LINK_TEXT, "Determination letter").get_attribute("href")
        self.driver.get(letter)
        self.check("Approved" in self.text() and title in self.text(), "the letter names the determination and the study")
        self.no_script_ran("the letter")
        self.shot("letter")
        self.get(sub_path + "/audit")
        self.check("determination.created" in self.text(), "the audit history lists the determination")
        self.shot("audit")

        # Print form: the submission page as the minutes attachment.
        self.get(sub_path)
        pdf = self.driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})
        with open(os.path.join(self.out, "submission-print.pdf"), "wb") as f:
            import base64
            f.write(base64.b64decode(pdf["data"]))
        self.check(len(pdf["data"]) > 1000, "the submission page prints to PDF")

        # The auditor reads; the administrator manages accounts.
        self.sign_in("aud")
        self.get(sub_path + "/audit")
        self.check("session.login" in self.text() or "submission" in self.text(), "the auditor reads the audit history")
        self.get(sub_path + "/determination")
        self.check(self.h1() == "Not allowed", "the auditor cannot open the determination form")
        self.sign_in("admin")
        self.get("/admin/users")
        self.fill("new-login", "rev2")
        self.fill("new-name", "New Reviewer " + XSS)
        self.fill("new-roles", "reviewer")
        self.fill("new-password", PASSWORD)
        self.submit("form[action='/admin/users'] button")
        self.check("The account was saved." in self.text() and "New Reviewer " + XSS in self.text(), "the administrator adds a user")
        self.no_script_ran("the users page")
        self.shot("users")
        self.get(sub_path)
        self.check(self.h1() == "Not found", "the administrator sees no submission")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "reports", "browser")
    os.makedirs(out, exist_ok=True)
    run = Run(sys.argv[1], out)
    status = 0
    try:
        run.start_server()
        run.start_browser()
        run.flow()
    except Exception as error:  # a failed check, or the browser or server giving out
        status = 1
        if not isinstance(error, Failure):
            import traceback
            traceback.print_exc()
        if run.driver:
            run.driver.save_screenshot(os.path.join(run.shots, "failure.png"))
            with open(os.path.join(out, "failure.html"), "w") as f:
                f.write(run.driver.page_source)
    finally:
        with open(os.path.join(out, "axe.json"), "w") as f:
            json.dump(run.axe_results, f, indent=2, sort_keys=True)
        run.stop()
    passed = sum(1 for ok, _ in run.checks if ok)
    print(f"browser tests: {passed} of {len(run.checks)} checks passed; {len(run.axe_results)} pages checked with axe-core; screenshots in {run.shots}")
    return status


if __name__ == "__main__":
    sys.exit(main())
