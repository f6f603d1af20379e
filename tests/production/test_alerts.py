"""Email alerts on the running production stack: the confirmation email is sent by the task
worker (the web process only queues it), read from the file-based mail directory."""

import os
import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

CONFIRM_LINK = re.compile(r"https?://[^\s/]+(/alerts/confirm/[\w-]+/)")


def form_data(html):
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one("main form[method=post]") or soup.select_one("form[method=post]")
    data = {
        field["name"]: field.get("value", "")
        for field in form.select("input[name]")
        if field.get("type") not in {"radio", "checkbox", "submit"}
    }
    return form, data


def emailed_to(mail_dir, address, deadline):
    while time.monotonic() < deadline:
        for path in mail_dir.glob("*.log"):
            text = path.read_text(errors="replace")
            if f"To: {address}" in text:
                return text
        time.sleep(0.5)
    return None


def test_an_alert_is_asked_for_and_confirmed_through_the_worker(browser, site):
    page = browser.get(f"{site}/good-practice/")
    assert page.status_code == 200
    signup = re.search(r'href="(/alerts/[^"]*)"', page.text)
    assert signup, "the finder has no 'Get emails about new items like these' link"

    form_page = browser.get(site + signup.group(1).replace("&amp;", "&"))
    assert form_page.status_code == 200
    _form, data = form_data(form_page.text)
    address = f"alerts-{time.time_ns()}@example.invalid"
    data.update(email=address, frequency="weekly")
    sent = browser.post(f"{site}/alerts/", data=data, headers={"Referer": form_page.url})
    assert sent.status_code == 200
    assert sent.url.endswith("/alerts/check-your-email/")

    mail_dir = Path(os.environ["PRODUCTION_MAIL_DIR"])
    message = emailed_to(mail_dir, address, time.monotonic() + 60)
    if message is None:
        pytest.fail(f"the worker sent no confirmation to {address} within a minute")
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in message
    confirm_path = CONFIRM_LINK.search(message).group(1)

    confirm_page = browser.get(site + confirm_path)
    assert confirm_page.status_code == 200
    assert "no-store" in confirm_page.headers["Cache-Control"]
    _form, data = form_data(confirm_page.text)
    confirmed = browser.post(site + confirm_path, data=data, headers={"Referer": confirm_page.url})
    assert confirmed.status_code == 200
    assert "Your alert is confirmed" in confirmed.text

    # Tidy up as a mail client would: the one-click unsubscribe, with no CSRF token.
    unsubscribe = confirm_path.replace("/confirm/", "/unsubscribe/")
    gone = browser.post(site + unsubscribe, data={"List-Unsubscribe": "One-Click"})
    assert gone.status_code == 200
    assert "You have unsubscribed" in gone.text
