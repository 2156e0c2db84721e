"""Every writing endpoint for every role, each on a world of its own."""

from __future__ import annotations

import pytest

from tests.api.conftest import World
from tests.api.endpoints import CALLERS, WRITES, Case, call, check


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", WRITES, ids=[case.id for case in WRITES])
def test_each_writing_endpoint_lets_in_only_its_roles(
    case: Case, caller: str, world: World
) -> None:
    check(call(world.client(caller), case, world), case, caller)
