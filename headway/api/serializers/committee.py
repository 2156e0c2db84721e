"""Committee reports and the files of their packs, read only."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.reverse import reverse

from headway.committee.models import Pack, PackFile, Report


class PackFileSerializer(serializers.ModelSerializer[PackFile]):
    content_type = serializers.CharField(read_only=True)
    download = serializers.SerializerMethodField(help_text="Where to download the file.")

    class Meta:
        model = PackFile
        fields = ["name", "content_type", "size", "sha256", "download"]

    def get_download(self, file: PackFile) -> str:
        return reverse(
            "api:pack-file",
            kwargs={"pk": file.pack_id, "name": file.name},
            request=self.context.get("request"),
        )


class PackSerializer(serializers.ModelSerializer[Pack]):
    files = PackFileSerializer(many=True, read_only=True)

    class Meta:
        model = Pack
        fields = ["id", "report", "state", "progress", "requested_at", "finished_at", "files"]


class ReportSerializer(serializers.ModelSerializer[Report]):
    committee = serializers.CharField(source="meeting.committee.name", read_only=True)
    meeting_date = serializers.DateField(source="meeting.date", read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)
    packs = PackSerializer(many=True, read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "subject_heading",
            "committee",
            "meeting_date",
            "period",
            "period_label",
            "state",
            "author_name",
            "author_title",
            "approved_at",
            "published_at",
            "withdrawn_at",
            "withdrawal_reason",
            "slug",
            "packs",
        ]
