"""The escrow desk in headless Chromium: what the agent and two purchasers see and cannot see,
the agent's and the parties' forms, and axe-core on every page.

Run by scripts/test-browser, which starts `escrow serve --demo` and sets:
ESCROW_DESK_URL, ESCROW_DEMO_LOG (the server's start banner), ESCROW_BIN (the escrow
command, to sign with a party's demo key) and ESCROW_BROWSER_OUT (screenshots go there).
"""

import os
import re
import subprocess
import sys
import tempfile
import traceback
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["ESCROW_DESK_URL"]
# A second demo server, whose deal is left alone until its clock passes the 1.7 deadline.
CLOCK_BASE = os.environ["ESCROW_DESK_CLOCK_URL"]
OUT = os.environ["ESCROW_BROWSER_OUT"]
ESCROW = os.environ["ESCROW_BIN"]
PASSWORD = "demo-password"
ESCROW_PAGE = BASE + "/desk/escrows/roo-group-2005"


def demo_keys_folder():
    with open(os.environ["ESCROW_DEMO_LOG"], encoding="utf-8") as log:
        match = re.search(r"Signing keys of the parties \(for their counterparts\): (\S+)", log.read())
    assert match, "the demo banner names the parties' keys folder"
    return match.group(1)


def new_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,2400"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Desk:
    """One user's browser."""

    def __init__(self, user, base=BASE):
        self.user = user
        self.base = base
        self.driver = new_driver()
        self.shots = 0

    def close(self):
        self.driver.quit()

    def sign_in(self):
        self.driver.get(self.base + "/desk/sign-in")
        self.check_page("sign-in")
        self.driver.find_element(By.ID, "user").send_keys(self.user)
        self.driver.find_element(By.ID, "password").send_keys(PASSWORD)
        self.click(self.driver.find_element(By.CSS_SELECTOR, "form[action='/desk/sign-in'] button"))
        assert "Signed in as " + self.user in self.text(), f"{self.user} is signed in"

    def open(self, url, name):
        self.driver.get(url)
        self.check_page(name)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def check_page(self, name):
        """A screenshot, then axe-core: no serious or critical violation."""
        self.shots += 1
        prefix = "clock-" if self.base != BASE else ""
        self.driver.save_screenshot(os.path.join(OUT, "screenshots", f"{prefix}{self.user}-{self.shots:02d}-{name}.png"))
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        assert not bad, f"axe on {name} as {self.user}: " + "; ".join(f"{v['id']} ({v['impact']}): {v['help']}" for v in bad)
        CHECKED_PAGES.append(f"{self.user}:{name}")

    def fill(self, form_id_prefix, values):
        for name, value in values.items():
            element = self.driver.find_element(By.ID, f"{form_id_prefix}-{name}")
            if element.tag_name == "select":
                Select(element).select_by_value(value)
            else:
                element.clear()
                element.send_keys(value)

    def click(self, element):
        """Clicks a submit button and waits for the next page to replace this one."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        element.click()

        def replaced(_driver):
            # Chromium reports a replaced page either as a stale element or, while it is being
            # swapped, as a node that no longer belongs to the document.
            try:
                page.is_enabled()
                return False
            except WebDriverException:
                return True

        WebDriverWait(self.driver, 20).until(replaced)

    def submit(self, action_suffix):
        self.click(self.driver.find_element(By.CSS_SELECTOR, f"form[action$='{action_suffix}'] button[type=submit]"))

    def session_cookie(self):
        return "escrow_session=" + self.driver.get_cookie("escrow_session")["value"]


def fetch(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as answer:
        return answer.read()


def sign_file(party, data, folder):
    message = os.path.join(folder, f"{party}-message.txt")
    with open(message, "wb") as file:
        file.write(data)
    signature = subprocess.run(
        [ESCROW, "keys", "sign", "--key", os.path.join(demo_keys_folder(), f"{party}.key"), "--message", message],
        check=True, capture_output=True, text=True).stdout.strip()
    path = os.path.join(folder, f"{party}-signature.txt")
    with open(path, "w", encoding="utf-8") as file:
        file.write(signature + "\n")
    return path


CHECKED_PAGES = []


def test_agent_sees_every_purchaser_and_records_a_wire():
    desk = Desk("alice")
    try:
        desk.sign_in()
        desk.check_page("escrow-list")
        assert "Escrow Agreement" in desk.text() and "refund: 2 Sep 2005" in desk.text(), "the list shows the escrow and its next deadline"
        desk.open(ESCROW_PAGE, "escrow")
        text = desk.text()
        for reference in ("FW20050822001", "FW20050822002", "FW20050822003", "FW20050822004"):
            assert reference in text, f"the agent sees wire {reference}"
        assert "USD 2,499,999.99" in text and "Ledger" in text
        # A bad amount is refused beside its field, and what was typed is kept.
        desk.fill("deposit", {"purchaser": "purchaser-2", "amount": "1,000.001", "bankReference": "FW-BROWSER-1"})
        desk.submit("/deposits")
        error = desk.driver.find_element(By.ID, "deposit-amount-error").text
        assert "not an amount" in error and "(1.1)" in error, error
        assert desk.driver.find_element(By.ID, "deposit-amount").get_attribute("value") == "1,000.001"
        assert desk.driver.find_element(By.ID, "deposit-bankReference").get_attribute("value") == "FW-BROWSER-1"
        desk.check_page("bad-amount-refused")
        desk.fill("deposit", {"amount": "1,000.00"})
        desk.submit("/deposits")
        assert "The wire is recorded." in desk.text()
        assert "FW-BROWSER-1" in desk.text() and "USD 2,500,999.99" in desk.text()
        desk.check_page("wire-recorded")
        desk.open(BASE + "/desk/clauses#clause-1.7", "agreement-text")
        assert "ten (10)" in desk.driver.find_element(By.ID, "clause-1.7").text
        desk.open(ESCROW_PAGE + "/documents/statement", "statement")
        assert "SHA-256 of this document's text" in desk.text()
        # The NIR Waiver arrives: the last condition of 1.2, so the agent advises the funds.
        desk.open(ESCROW_PAGE + "#conditions", "before-waiver")
        waiver = os.path.join(tempfile.mkdtemp(), "nir-waiver.pdf")
        with open(waiver, "wb") as file:
            file.write(b"Omnibus Consent and Waiver of 2005-08-18, executed (browser test)")
        desk.fill("document", {"condition": "nir-waiver", "from": "nir-group"})
        desk.driver.find_element(By.ID, "document-file").send_keys(waiver)
        desk.submit("/documents")
        assert "The document is received." in desk.text(), desk.text()[:600]
        assert "Advised under 1.2" in desk.text()
        desk.check_page("waiver-received")
        desk.open(ESCROW_PAGE + "/documents/advice", "advice")
        assert "USD 8,000,999.98" in desk.text(), "the advice names the funds received, the browser's wire too"
    finally:
        desk.close()


def test_purchaser_1_sees_only_its_own_and_signs_its_counterpart():
    desk = Desk("purchaser-1-desk")
    folder = tempfile.mkdtemp()
    try:
        desk.sign_in()
        desk.open(ESCROW_PAGE, "escrow")
        text = desk.text()
        assert "FW20050822001" in text and "USD 3,000,000.00" in text
        for other in ("FW20050822002", "FW20050822003", "Purchaser 2", "USD 2,499,999.99", "Ledger"):
            assert other not in text, f"purchaser 1 must not see {other}"
        assert "Record a wire" not in text
        signing_text = fetch(ESCROW_PAGE + "/signing-text", desk.session_cookie())
        desk.driver.find_element(By.ID, "sign-signature").send_keys(sign_file("purchaser-1", signing_text, folder))
        desk.submit("/signatures")
        assert "Your counterpart is delivered." in desk.text(), desk.text()[:600]
        desk.check_page("counterpart-signed")
    finally:
        desk.close()


def test_purchaser_2_gives_bank_details_and_a_second_agent_user_approves_them():
    desk = Desk("purchaser-2-desk")
    folder = tempfile.mkdtemp()
    try:
        desk.sign_in()
        desk.open(ESCROW_PAGE, "escrow")
        text = desk.text()
        assert "FW20050822002" in text and "FW-BROWSER-1" in text, "purchaser 2 sees its own wires, the one the desk just recorded too"
        for other in ("FW20050822001", "Purchaser 1", "USD 3,000,000.00", "Ledger"):
            assert other not in text, f"purchaser 2 must not see {other}"
        desk.fill("instructions", {"accountName": "Purchaser 2", "bank": "JPMorgan Chase Bank, N.A.", "routingNumber": "021000021", "accountNumber": "123456789"})
        desk.submit("/instructions")
        desk.check_page("instructions-to-sign")
        text_to_sign = fetch(
            desk.driver.find_element(By.ID, "instructions-text-link").get_attribute("href"), desk.session_cookie())
        desk.driver.find_element(By.ID, "instructions-signature").send_keys(sign_file("purchaser-2", text_to_sign, folder))
        desk.submit("/instructions")
        assert "take effect once the desk confirms them" in desk.text(), desk.text()[:600]
    finally:
        desk.close()
    checker = Desk("bob")
    try:
        checker.sign_in()
        checker.open(ESCROW_PAGE + "#approvals", "approvals")
        forms = checker.driver.find_elements(By.CSS_SELECTOR, "form[action$='/approve']")
        assert len(forms) == 1, "one approval awaits bob"
        assert len(checker.driver.find_elements(By.CSS_SELECTOR, "form[action$='/reject']")) == 1, "bob may reject it instead"
        note = forms[0].find_element(By.CSS_SELECTOR, "input[name=note]")
        note.send_keys("Called Purchaser 2 at the number on file, 23 Aug 2005 15:10")
        checker.click(forms[0].find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert "Approved: the command ran." in checker.text()
        assert "Nothing awaits a second agent user." in checker.text()
        assert "123456789" in checker.text()
        checker.check_page("approved")
    finally:
        checker.close()


def give_company_instructions_and_confirm(folder):
    """The company gives its bank details for the remainder (1.6); bob confirms them by call-back."""
    company = Desk("company-desk")
    try:
        company.sign_in()
        company.driver.get(ESCROW_PAGE)
        company.fill("instructions", {"accountName": "ROO Group, Inc.", "bank": "Citibank, N.A.", "routingNumber": "021000089", "accountNumber": "40012345"})
        company.submit("/instructions")
        text_to_sign = fetch(
            company.driver.find_element(By.ID, "instructions-text-link").get_attribute("href"), company.session_cookie())
        company.driver.find_element(By.ID, "instructions-signature").send_keys(sign_file("company", text_to_sign, folder))
        company.submit("/instructions")
        assert "take effect once the desk confirms them" in company.text(), company.text()[:600]
    finally:
        company.close()
    checker = Desk("bob")
    try:
        checker.sign_in()
        checker.driver.get(ESCROW_PAGE + "#approvals")
        form = checker.driver.find_element(By.CSS_SELECTOR, "form[action$='/approve']")
        form.find_element(By.CSS_SELECTOR, "input[name=note]").send_keys("Called the company's CFO at the number on file, 23 Aug 2005 16:00")
        checker.click(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert "Approved: the command ran." in checker.text()
    finally:
        checker.close()


def test_a_second_agent_user_rejects_a_release_and_the_money_stays_held():
    folder = tempfile.mkdtemp()
    give_company_instructions_and_confirm(folder)
    maker = Desk("alice")
    try:
        maker.sign_in()
        maker.driver.get(ESCROW_PAGE + "#counterparts")
        # The counterparts purchaser 1 did not sign with its key arrive on paper, attested by the desk (2.10).
        for signer in ("company", "purchaser-2", "purchaser-3", "purchaser-4"):
            scan = os.path.join(folder, f"{signer}-page.pdf")
            with open(scan, "wb") as file:
                file.write(f"Release Notice signature page of {signer} (browser test)".encode())
            maker.fill("attest", {"signer": signer})
            maker.driver.find_element(By.ID, "attest-scan").send_keys(scan)
            maker.submit("/signatures")
            assert "The paper counterpart is attested." in maker.text(), maker.text()[:600]
        held = maker.driver.find_element(By.XPATH, "//p[@class='label' and text()='Funds held']/following-sibling::p").text
        maker.submit("/release")
        assert "The release is requested; a second agent user must approve it." in maker.text(), maker.text()[:600]
        maker.check_page("release-requested")
    finally:
        maker.close()
    checker = Desk("bob")
    try:
        checker.sign_in()
        checker.open(ESCROW_PAGE + "#approvals", "release-to-check")
        form = checker.driver.find_element(By.CSS_SELECTOR, "form[action$='/reject']")
        # A reject without a reason is refused beside the reason field; nothing changes.
        checker.click(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        reason_field = checker.driver.find_element(By.CSS_SELECTOR, "form[action$='/reject'] input[name=reason]")
        error = checker.driver.find_element(By.ID, reason_field.get_attribute("id") + "-error").text
        assert "enter the reason for the rejection" in error, error
        assert reason_field.get_attribute("aria-invalid") == "true"
        checker.check_page("reject-needs-a-reason")
        reason = "The company's account changed by e-mail this morning; call the CFO before any release"
        reason_field.send_keys(reason)
        checker.click(checker.driver.find_element(By.CSS_SELECTOR, "form[action$='/reject'] button[type=submit]"))
        text = checker.text()
        assert "Rejected: nothing ran, the money stays held, and the reason is in the log." in text, text[:600]
        assert "Nothing awaits a second agent user." in text
        assert "rejected by agent user bob (checker): " + reason in text, "the timeline names who rejected it and why"
        assert checker.driver.find_element(By.CSS_SELECTOR, ".cards").text.count(held) >= 1, "the funds are still held"
        assert "disbursed" not in checker.driver.find_element(By.ID, "timeline").find_element(By.XPATH, "following-sibling::table").text
        checker.check_page("release-rejected")
    finally:
        checker.close()


def test_each_document_prints_as_a_pdf_with_a_signature_page_per_signer():
    desk = Desk("alice")
    try:
        desk.sign_in()
        desk.open(ESCROW_PAGE + "#documents", "documents")
        links = desk.driver.find_elements(By.CSS_SELECTOR, "a[href$='.pdf']")
        kinds = sorted(link.get_attribute("href").rsplit("/", 1)[1] for link in links)
        assert kinds == ["advice.pdf", "disbursement-memo.pdf", "release-instrument.pdf", "statement.pdf"], kinds
        for link in links:
            data = fetch(link.get_attribute("href"), desk.session_cookie())
            assert data.startswith(b"%PDF-"), f"{link.get_attribute('href')} is a PDF"
            pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
            if link.get_attribute("href").endswith("/release-instrument.pdf"):
                # The notice itself, then one signature page for each of the five signers.
                assert pages == 6, f"the release instrument prints {pages} pages"
            else:
                assert pages >= 1
    finally:
        desk.close()


def test_the_demo_clock_reaches_the_17_refund():
    desk = Desk("alice", base=CLOCK_BASE)
    try:
        desk.sign_in()
        desk.open(CLOCK_BASE + "/desk", "before-deadline")
        phase = lambda: desk.driver.find_element(By.CSS_SELECTOR, "tbody tr td").text
        assert phase() == "open"
        for _ in range(12):
            if phase() == "refunded":
                break
            desk.click(desk.driver.find_element(By.CSS_SELECTOR, "form[action='/desk/demo/next-business-day'] button"))
        assert phase() == "refunded", "the 1.7 deadline passed and the funds went back"
        assert "6 Sep 2005" in desk.text(), "the first business day after 2 Sep 2005 (5 Sep is Labor Day)"
        desk.check_page("refunded-list")
        desk.open(CLOCK_BASE + "/desk/escrows/roo-group-2005", "refunded")
        assert "refund" in desk.driver.find_element(By.ID, "timeline").find_element(By.XPATH, "following-sibling::table").text
    finally:
        desk.close()


def main():
    tests = [value for name, value in sorted(globals().items()) if name.startswith("test_")]
    # The order matters: the wire, the counterpart and the bank details come before the refund.
    tests.sort(key=lambda test: test.__code__.co_firstlineno)
    passed = failed = 0
    for test in tests:
        try:
            test()
            passed += 1
            print(f"ok   {test.__name__}")
        except Exception:  # noqa: BLE001 - every failure is reported and counted
            failed += 1
            print(f"FAIL {test.__name__}")
            traceback.print_exc()
    print(f"axe-checked pages: {len(CHECKED_PAGES)}; screenshots in {os.path.join(OUT, 'screenshots')}")
    print(f"browser: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
