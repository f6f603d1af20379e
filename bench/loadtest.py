"""`make loadtest`: locust's visitors against the production stack on 127.0.0.1.

Deans browse, filter and search the repository and read items; trainers open resources,
download documents and subscribe to the calendar; regional teams fill in the submission form
and check their answers. Run headless by the Makefile (50 users for 2 minutes); the figures
are in docs/performance.md.
"""

import random
import re

from locust import HttpUser, between, task

THEMES = [
    "international-medical-graduates",
    "differential-attainment",
    "governance-and-representation",
    "forums-and-support",
    "training-and-development",
]
WORDS = ["induction", "bystander", "mentoring", "attainment", "support", "training", "faculty"]
TOKEN = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"')
LINK = re.compile(r'href="(/good-practice/[a-z0-9-]+/)"')
DOCUMENT = re.compile(r'href="(/documents/[^"]+)"')
RESOURCE = re.compile(r'href="(/resources/[a-z0-9-]+/)"')


class Dean(HttpUser):
    weight = 5
    wait_time = between(1, 3)

    def on_start(self):
        listing = self.client.get("/good-practice/").text
        self.items = sorted(set(LINK.findall(listing))) or ["/good-practice/"]

    @task(4)
    def browse(self):
        self.client.get(random.choice(["/", "/good-practice/", "/good-practice/themes/"]))

    @task(4)
    def filter(self):
        self.client.get(
            "/good-practice/",
            params={"theme": random.choice(THEMES), "status": "embedded"},
            name="/good-practice/?theme=...",
        )

    @task(3)
    def search(self):
        self.client.get(
            "/good-practice/", params={"q": random.choice(WORDS)}, name="/good-practice/?q=..."
        )

    @task(4)
    def read_an_item(self):
        self.client.get(random.choice(self.items), name="/good-practice/<item>/")

    @task(1)
    def coverage(self):
        self.client.get("/good-practice/coverage/")


class Trainer(HttpUser):
    weight = 3
    wait_time = between(1, 3)

    def on_start(self):
        library = self.client.get("/resources/").text
        self.resources = sorted(set(RESOURCE.findall(library))) or ["/resources/"]
        page = self.client.get(self.resources[0]).text
        self.documents = sorted(set(DOCUMENT.findall(page)))

    @task(3)
    def resources(self):
        self.client.get(random.choice(self.resources), name="/resources/<resource>/")

    @task(2)
    def download(self):
        if self.documents:
            self.client.get(random.choice(self.documents), name="/documents/<document>")

    @task(2)
    def calendar(self):
        self.client.get("/multi-faith-calendar/")

    @task(1)
    def subscribe(self):
        self.client.get("/multi-faith-calendar/ics/")


class RegionalTeam(HttpUser):
    weight = 1
    wait_time = between(2, 5)

    @task
    def fill_in_the_form(self):
        form = self.client.get("/submit/").text
        fields = dict(TOKEN.findall(form))
        self.client.post(
            "/submit/",
            data={
                **fields,
                "title": "A load-test initiative",
                "summary": "Written by the load test.",
                "action": "check",
            },
            headers={"Referer": f"{self.host}/submit/"},
            name="/submit/ (check)",
        )
