"""Text sent to the API is stored without bidirectional controls, words kept."""

from __future__ import annotations

import pytest

from tests.api.conftest import World

pytestmark = pytest.mark.django_db


def test_a_return_sent_as_json_is_stored_without_the_controls(world: World) -> None:
    response = world.client("lead").patch(
        f"/api/v1/updates/{world.draft.pk}/",
        {"expected_version": world.draft.version, "narrative": "Testing \u202ehas\u202c started."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["narrative"] == "Testing has started."
    world.draft.refresh_from_db()
    assert world.draft.narrative == "Testing has started."
