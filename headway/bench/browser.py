"""A person's browser, as far as Headway's pages need one: cookies, forms with their CSRF
token, redirects followed. Standard library HTTP, one connection per browser (one thread)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

from lxml import html

TIMEOUT_SECONDS = 120
SECOND_STEP_PAGES = "/accounts/2fa/"
SET_UP_APP = "/accounts/2fa/totp/activate/"


def app_code(key: str, at: float | None = None) -> str:
    """An authenticator app's code for ``key`` now (RFC 6238: 30-second steps, 6 digits)."""
    secret = base64.b32decode(key.replace(" ", "").upper() + "=" * (-len(key) % 8))
    step = int(time.time() if at is None else at) // 30
    digest = hmac.new(secret, step.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{number % 1_000_000:06}"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float  # from sending the request to the last byte of the answer

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self, xpath: str = "//main//form[.//input[@name='csrfmiddlewaretoken']]") -> Form:
        """The first form the XPath finds, with the values a browser would send."""
        forms = html.fromstring(self.body).xpath(xpath)
        if not forms:
            raise LookupError(f"no form at {xpath}")
        return Form(forms[0].get("action") or "", dict(forms[0].form_values()))


@dataclass
class Form:
    action: str
    values: dict[str, str]


@dataclass
class Browser:
    base_url: str
    cookies: dict[str, str] = field(default_factory=dict)
    bearer: str | None = None

    def __post_init__(self) -> None:
        address = urllib.parse.urlsplit(self.base_url)
        self._host = address.hostname or "127.0.0.1"
        self._port = address.port or 80
        self._connection: http.client.HTTPConnection | None = None

    def beside(self) -> Browser:
        """Another tab of the same person: the same session, a connection of its own."""
        return Browser(self.base_url, dict(self.cookies), self.bearer)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        sent = {"Host": f"{self._host}:{self._port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.bearer:
            sent["Authorization"] = f"Bearer {self.bearer}"
        started = time.perf_counter()
        for attempt in (1, 2):
            connection = self._connect()
            try:
                connection.request(method, path, body=body, headers=sent)
                response = connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed a kept-alive connection between requests: open another,
                # but never send a form twice (the first may have been saved).
                self.close()
                if attempt == 2 or method not in ("GET", "HEAD"):
                    raise
        if response.will_close:
            self.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Answer(
            response.status, dict(response.getheaders()), data, time.perf_counter() - started
        )

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self._host, self._port, timeout=TIMEOUT_SECONDS
            )
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def get(self, path: str, follow: bool = True) -> Answer:
        answer = self.request("GET", path)
        while follow and answer.status in (301, 302, 303) and "Location" in answer.headers:
            answer = self.request("GET", self._local(answer.headers["Location"]))
        return answer

    def post(self, path: str, fields: dict[str, str], follow: bool = True) -> Answer:
        """Post a form as a browser does (with the CSRF cookie's token), following where it
        sends you; the answer's time is the whole round, post and redirect."""
        values = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        body = urllib.parse.urlencode(values).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base_url}
        answer = self.request("POST", path, body, headers)
        if follow and answer.status in (302, 303) and "Location" in answer.headers:
            spent = answer.seconds
            answer = self.get(self._local(answer.headers["Location"]))
            answer.seconds += spent
        return answer

    def api(self, method: str, path: str, data: Any = None) -> Answer:
        body = None if data is None else json.dumps(data).encode()
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        return self.request(method, path, body, headers)

    def sign_in(self, username: str, password: str) -> None:
        page = self.get("/accounts/login/")
        form = page.form("//form[.//input[@name='login']]")
        answer = self.post(
            form.action or "/accounts/login/",
            {**form.values, "login": username, "password": password},
            follow=False,
        )
        if answer.status != 302:
            raise RuntimeError(f"{username} could not sign in: {answer.status}")
        start = self.get("/", follow=False)
        if start.status == 302 and self._local(start.headers["Location"]).startswith(
            SECOND_STEP_PAGES
        ):
            self.set_up_authenticator_app()

    def set_up_authenticator_app(self) -> None:
        """Take the second step someone signed in with a password must set up (every
        administrator), as a person with an authenticator app does: read the key the page
        shows and answer with the app's code for it."""
        page = self.get(SET_UP_APP)
        key = html.fromstring(page.body).xpath("string(//*[@id='authenticator-key'])").strip()
        if not key:
            raise RuntimeError(f"{SET_UP_APP} shows no key to set up an app with.")
        form = page.form(f"//form[@action='{SET_UP_APP}']")
        answer = self.post(SET_UP_APP, {**form.values, "code": app_code(key)}, follow=False)
        if answer.status != 302:
            raise RuntimeError(f"The authenticator app could not be set up: {answer.status}")

    def _local(self, location: str) -> str:
        address = urllib.parse.urlsplit(location)
        return address.path + (f"?{address.query}" if address.query else "")
