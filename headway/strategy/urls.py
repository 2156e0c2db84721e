from django.urls import path

from headway.strategy import strategy_views, views

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("initiatives/<int:pk>/", views.initiative, name="initiative"),
    path("initiatives/<int:pk>/owner/", views.initiative_owner, name="initiative_owner"),
    path("initiatives/<int:pk>/start-return/", views.start_return, name="start_return"),
    path("strategy/", strategy_views.strategy, name="strategy"),
    path("strategy/edit/", strategy_views.edit_strategy, name="strategy_edit"),
    path("strategy/events/add/", strategy_views.add_event, name="strategy_add_event"),
    path("strategy/events/<int:pk>/", strategy_views.change_event, name="strategy_event"),
    path(
        "strategy/events/<int:pk>/remove/",
        strategy_views.remove_event_page,
        name="strategy_remove_event",
    ),
    path(
        "strategy/priorities/<int:pk>/",
        strategy_views.change_priority_page,
        name="strategy_priority",
    ),
    path(
        "strategy/priorities/<int:pk>/move/",
        strategy_views.move_priority_page,
        name="strategy_move_priority",
    ),
    path(
        "strategy/priorities/<int:pk>/retire/",
        strategy_views.retire_priority_page,
        name="strategy_retire_priority",
    ),
    path(
        "strategy/priorities/<int:pk>/reinstate/",
        strategy_views.reinstate_priority_page,
        name="strategy_reinstate_priority",
    ),
    path("organisation/branding/", views.branding, name="branding"),
]
