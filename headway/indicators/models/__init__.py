from headway.indicators.models.figure import Figure
from headway.indicators.models.measure import Measure
from headway.indicators.models.target import Target

__all__ = ["Figure", "Measure", "Target"]
