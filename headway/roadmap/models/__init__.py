from headway.roadmap.models.change import ChangeRequest
from headway.roadmap.models.consultation import Consultation, ConsultationReminder
from headway.roadmap.models.version import MapVersion

__all__ = ["ChangeRequest", "Consultation", "ConsultationReminder", "MapVersion"]
