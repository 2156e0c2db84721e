"""The demo's open-quarter returns start from last quarter's approved text, as opening a
period makes them: the next steps as well as the narrative."""

from __future__ import annotations

from headway.demo import DemoSummary
from headway.progress.models import Update


def test_open_returns_follow_last_quarter_s_approved_return(demo: DemoSummary) -> None:
    returns = Update.objects.filter(period__state="open").select_related("previous__period")
    followed = [u for u in returns if u.previous is not None]

    assert len(followed) > len(returns) / 2
    assert all(u.previous.period.label == "2021-22 Q2" for u in followed if u.previous)
    assert all(u.previous.state == "approved" for u in followed if u.previous)


def test_drafts_keep_last_quarter_s_next_steps_until_rewritten(demo: DemoSummary) -> None:
    drafts = list(
        Update.objects.filter(
            period__state="open", state="draft", previous__isnull=False
        ).select_related("previous")
    )

    assert drafts
    for draft in drafts:
        assert draft.previous is not None
        assert draft.next_steps == draft.previous.next_steps != ""
        assert draft.risks == draft.previous.risks
    untouched = [d for d in drafts if d.started_at is None]
    assert untouched and all(d.narrative == d.previous.narrative for d in untouched if d.previous)
