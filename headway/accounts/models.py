"""People, and the role each plays in an organisation."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.crypto import salted_hmac

from headway.strategy.models import Organisation, Partner, Service


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships."""

    sessions_ended = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Counts the times every session the person had open was ended (when an "
        "administrator resets their two-step sign-in, say).",
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    # Django keeps a hash of the password in each session and ends the session when it no
    # longer matches; mixing in ``sessions_ended`` lets Headway end them without a new password.
    # Left as Django's own until the first time, so no session ends when this is deployed.

    def get_session_auth_hash(self) -> str:
        return self._with_sessions_ended(super().get_session_auth_hash())

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        for fallback in super().get_session_auth_fallback_hash():
            yield self._with_sessions_ended(fallback)

    def _with_sessions_ended(self, password_hash: str) -> str:
        if not self.sessions_ended:
            return password_hash
        return salted_hmac(
            "headway.accounts.User.sessions_ended",
            f"{password_hash}:{self.sessions_ended}",
            algorithm="sha256",
        ).hexdigest()

    def end_sessions(self) -> None:
        """Sign the person out everywhere: each session of theirs ends at its next request."""
        User.objects.filter(pk=self.pk).update(sessions_ended=F("sessions_ended") + 1)
        self.refresh_from_db(fields=["sessions_ended"])


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    REVIEWER = "reviewer", "Reviewer"
    SERVICE_LEAD = "service_lead", "Service lead"
    PARTNER_CONTACT = "partner_contact", "Partner contact"
    VIEWER = "viewer", "Viewer"


class Membership(models.Model):
    """A user's role in one organisation. Users see only their organisations' data."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    services = models.ManyToManyField(
        Service,
        blank=True,
        related_name="lead_memberships",
        help_text="For a service lead: the services whose returns they write.",
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        help_text="For a partner contact: the council they answer for.",
    )

    class Meta:
        ordering = ["organisation", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="membership_unique",
                violation_error_message="This person already has a role in this organisation.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"

    def clean(self) -> None:
        if self.role == Role.PARTNER_CONTACT and self.partner_id is None:
            raise ValidationError(
                {"partner": "Choose the council this partner contact answers for."}
            )
        if self.role != Role.PARTNER_CONTACT and self.partner_id is not None:
            raise ValidationError({"partner": "Only a partner contact answers for a council."})
        partner = self.partner if self.partner_id else None
        if partner and self.organisation_id and partner.organisation_id != self.organisation_id:
            raise ValidationError({"partner": "Choose one of the organisation's own partners."})


class PersonEvent(models.Model):
    """Something done to a person's account in one organisation: an administrator invited
    them, changed their role, switched their account off or on, reset their second step; or
    the person added or removed a second step, used a recovery code or failed the step.
    Shown on the person's page; kept per organisation, so one organisation never reads
    another's record of a person."""

    class Kind(models.TextChoices):
        INVITED = "invited", "Invited"
        INVITATION_SENT_AGAIN = "invitation_sent_again", "Invitation sent again"
        ROLE_CHANGED = "role_changed", "Role changed"
        DEACTIVATED = "deactivated", "Account switched off"
        REACTIVATED = "reactivated", "Account switched back on"
        # Their second step after the password (headway.accounts.second_factor).
        SECOND_STEP_ADDED = "second_step_added", "Two-step sign-in added"
        SECOND_STEP_REMOVED = "second_step_removed", "Two-step sign-in removed"
        SECOND_STEP_RESET = "second_step_reset", "Two-step sign-in reset"
        RECOVERY_CODE_USED = "recovery_code_used", "Signed in with a recovery code"
        SECOND_STEP_FAILED = "second_step_failed", "Second step failed"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="person_events"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # Words that follow the kind: "as Service lead for Finance", "from Viewer to Reviewer".
    detail = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["organisation", "user", "-at", "-id"]
        indexes = [models.Index(fields=["organisation", "user", "at"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.description}"

    @property
    def description(self) -> str:
        """``Role changed from Viewer to Reviewer``."""
        return f"{self.get_kind_display()} {self.detail}".strip()
