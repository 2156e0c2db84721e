"""List initiatives and submit a return for the open period, with an API token.

Uses nothing but Python's standard library, so it runs wherever Python 3.11 does:

    HEADWAY_URL=https://headway.example.org HEADWAY_TOKEN=hw_... python3 api-example.py

Make the token on Headway's "API tokens" page (or `headway token create USERNAME`). The
script acts as the token's owner: a service lead may write the returns of their own
services only, exactly as on the return's page.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any


class Headway:
    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/") + "/api/v1"
        self.token = token

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        url = path if path.startswith("http") else self.base_url + path
        request = urllib.request.Request(
            url,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={
                "Authorization": f"Bearer {self.token}",
                "Accept": "application/json",
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def every(self, path: str) -> list[dict[str, Any]]:
        """Every item of a list, following its pages."""
        items: list[dict[str, Any]] = []
        page: str | None = path
        while page:
            answer = self.call("GET", page)
            items += answer["results"]
            page = answer["next"]
        return items


def submit_first_return(headway: Headway) -> dict[str, Any]:
    """Print the portfolio, then submit one of your returns for the open period."""
    for initiative in headway.every("/initiatives/?ordering=title"):
        print(f"{initiative['external_reference'] or '-':10} {initiative['title']}")

    periods = headway.call("GET", "/periods/?state=open")["results"]
    if not periods:
        raise SystemExit("No reporting period is open.")
    period = periods[0]
    mine = [
        update
        for update in headway.every(f"/updates/?period={period['id']}&editable=true")
        if update["state"] != "approved"
    ]
    if not mine:
        raise SystemExit(f"You have no returns to write for {period['label']}.")
    update = mine[0]
    return headway.call(
        "PATCH",
        f"/updates/{update['id']}/",
        {
            # The version you read: if someone saved the return since, nothing is saved
            # and the answer is 409 with what they changed.
            "expected_version": update["version"],
            "status": "green",
            "narrative": "Work is on track. Sent from a script.",
            "submit": True,
        },
    )


def main() -> None:
    headway = Headway(os.environ["HEADWAY_URL"], os.environ["HEADWAY_TOKEN"])
    try:
        saved = submit_first_return(headway)
    except urllib.error.HTTPError as error:
        # A problem (application/problem+json): its detail says what went wrong; 400 lists
        # what to fix by field under errors; 401: the token; 403: your role; 409: a conflict.
        print(error.code, error.read().decode(), file=sys.stderr)
        raise SystemExit(1) from None
    print(f"Submitted the {saved['period_label']} return for {saved['initiative_title']}.")


if __name__ == "__main__":
    main()
