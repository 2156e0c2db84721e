from headway.strategy.models.organisation import Organisation, Partner, Service
from headway.strategy.models.portfolio import Initiative, Milestone
from headway.strategy.models.strategy import Priority, Strategy, StrategyEvent

__all__ = [
    "Initiative",
    "Milestone",
    "Organisation",
    "Partner",
    "Priority",
    "Service",
    "Strategy",
    "StrategyEvent",
]
