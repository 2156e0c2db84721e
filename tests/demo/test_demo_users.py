"""One demo user for each role, named by role, signing in with the demo password."""

from headway.accounts.models import Membership, Role, User
from headway.demo import DEMO_PASSWORD, DemoSummary
from headway.strategy.models import Initiative, Service

OTHER_LEADS = (
    "lead-hr",
    "lead-leg",
    "lead-ict",
    "lead-pro",
    "lead-am",
    "lead-ia",
    "lead-pay",
    "lead-bs",
)


def test_it_creates_a_user_for_every_role(demo: DemoSummary, db: None):
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {
        "admin": Role.ADMINISTRATOR,
        "reviewer": Role.REVIEWER,
        "lead": Role.SERVICE_LEAD,
        "partner": Role.PARTNER_CONTACT,
        "partner-havering": Role.PARTNER_CONTACT,
        "viewer": Role.VIEWER,
        **{lead: Role.SERVICE_LEAD for lead in OTHER_LEADS},
    }
    assert sorted(user.username for user in demo.users) == sorted(roles)


def test_every_service_has_a_lead(demo: DemoSummary, db: None):
    for service in Service.objects.all():
        [lead] = Membership.objects.filter(role=Role.SERVICE_LEAD, services=service)
        # The Head of Finance also leads Exchequer and Transactional Services.
        assert lead.user.username == "lead" or lead.user.get_full_name() == service.head_of_service


def test_it_names_users_by_role_with_example_addresses(demo: DemoSummary, db: None):
    for user in User.objects.all():
        assert user.last_name == "(demo)"
        assert user.email == f"{user.username}@example.org"
    assert User.objects.get(username="lead").get_full_name() == "Head of Finance (demo)"


def test_every_demo_user_signs_in_with_the_demo_password(demo: DemoSummary, db: None):
    assert demo.password == DEMO_PASSWORD
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD), user.username


def test_it_gives_the_lead_services_and_partner_contacts_a_council(demo: DemoSummary, db: None):
    lead = Membership.objects.get(user__username="lead")
    assert sorted(lead.services.values_list("name", flat=True)) == [
        "Exchequer and Transactional Services",
        "Finance",
    ]
    assert Membership.objects.get(user__username="partner").partner.short_name == "Newham"  # type: ignore[union-attr]
    havering = Membership.objects.get(user__username="partner-havering")
    assert havering.partner.short_name == "Havering"  # type: ignore[union-attr]


def test_the_lead_owns_returns_only_in_their_own_services(demo: DemoSummary, db: None):
    owned = Initiative.objects.filter(owner__username="lead")
    assert owned.exists()
    assert set(owned.values_list("service__name", flat=True)) <= {
        "Finance",
        "Exchequer and Transactional Services",
    }


def test_no_demo_user_may_open_django_admin(demo: DemoSummary, db: None):
    """The demo's administrator runs the organisation from Headway's pages; Django admin is
    the operator's, made with ``createsuperuser``."""
    assert not User.objects.filter(is_staff=True).exists()
    assert not User.objects.filter(is_superuser=True).exists()
