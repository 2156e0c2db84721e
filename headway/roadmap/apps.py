from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "headway.roadmap"
    verbose_name = "Priority map and road map"
