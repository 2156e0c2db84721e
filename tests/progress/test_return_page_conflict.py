"""Two people edit one return: the second save is refused, their text is kept, and the page
says who changed what, and when; saving again then works."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import Membership, Role, User
from headway.progress.models import Update
from headway.progress.returns import save_return
from headway.strategy.models import Organisation
from tests.conftest import signed_in
from tests.factories import UserFactory, status_value
from tests.pages import Page
from tests.progress.conftest import good_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(org: Organisation, lead: User) -> Membership:
    other = Membership.objects.create(
        user=UserFactory.create(username="deputy", first_name="Deputy", last_name="Head"),
        organisation=org,
        role=Role.SERVICE_LEAD,
    )
    other.services.set(Membership.objects.get(user=lead).services.all())
    return other


def test_the_second_save_keeps_its_text_and_shows_the_first_person_s_changes(
    lead: User, draft: Update, org: Organisation, colleague: Membership
) -> None:
    path = reverse("progress:return", args=[draft.pk])
    opened_at = draft.version
    # The colleague saves first, while the lead has the form open.
    save_return(
        draft,
        good_changes(org, status=status_value(org, "amber"), risks="Supplier late."),
        opened_at,
        by=colleague,
        submit=False,
    )

    mine = {
        "version": str(opened_at),
        "status": str(status_value(org, "green").pk),
        "narrative": "My own account of the quarter.",
        "action": "draft",
    }
    response = signed_in(lead).post(path, mine)

    assert response.status_code == 200
    page = Page.of(response)
    banner = page.text("//div[@id='conflict']")
    assert "Deputy Head changed this return while you were editing it." in banner
    assert "Nothing you typed has been lost" in banner
    changes = page.texts("//div[@id='conflict']//tbody/tr")
    assert "Status (empty) Amber" in changes
    assert "Risks and issues (empty) Supplier late." in changes
    # The lead's own text is on the page, ready to save over the version now stored.
    assert page.texts("//textarea[@name='narrative']") == ["My own account of the quarter."]
    assert page.tree.xpath("//input[@name='version']/@value") == [str(opened_at + 1)]
    assert Update.objects.get(pk=draft.pk).narrative != mine["narrative"]

    mine["version"] = str(opened_at + 1)
    assert signed_in(lead).post(path, mine).status_code == 302
    assert Update.objects.get(pk=draft.pk).narrative == "My own account of the quarter."
