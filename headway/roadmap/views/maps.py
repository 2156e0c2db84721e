"""The priority map and the road map, for every member of the organisation."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from headway.accounts.access import member_required, membership_of
from headway.lib.fy import FinancialYear, span_label
from headway.roadmap.map_pages import (
    priority_map_download,
    priority_map_page,
    road_map_download,
    road_map_page,
)
from headway.roadmap.views.common import not_found
from headway.roadmap.years import priority_map_years, road_map_year, working_year


def _with_query(request: HttpRequest, url: str) -> str:
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


def _road_map_url(year: int) -> str:
    return reverse("roadmap:road_map", args=[FinancialYear(year).label])


def _priority_map_url(year: int) -> str:
    return reverse("roadmap:priority_map", args=[span_label(year, year + 1)])


def _elsewhere(request: HttpRequest) -> dict[str, str]:
    year = working_year(membership_of(request).organisation)
    return {
        f"Road map {FinancialYear(year).label}": _road_map_url(year),
        f"Priority map {span_label(year, year + 1)}": _priority_map_url(year),
    }


@require_safe
@member_required()
def road_map_now(request: HttpRequest) -> HttpResponse:
    """The road map of the year the organisation is reporting on."""
    year = working_year(membership_of(request).organisation)
    return redirect(_with_query(request, _road_map_url(year)))


@require_safe
@member_required()
def priority_map_now(request: HttpRequest) -> HttpResponse:
    """The priority map starting in the year the organisation is reporting on."""
    year = working_year(membership_of(request).organisation)
    return redirect(_with_query(request, _priority_map_url(year)))


@require_safe
@member_required()
def road_map(request: HttpRequest, year: str) -> HttpResponse:
    try:
        financial_year = road_map_year(year)
    except ValueError as error:
        return not_found(
            request, "There is no road map at this address", str(error), _elsewhere(request)
        )
    if year != financial_year.label:
        return redirect(_with_query(request, _road_map_url(financial_year.start)), permanent=True)
    page = road_map_page(membership_of(request).organisation, financial_year.start, request.GET)
    return render(request, "roadmap/road_map.html", {"page": page})


@require_safe
@member_required()
def priority_map(request: HttpRequest, years: str) -> HttpResponse:
    try:
        first_year = priority_map_years(years)
    except ValueError as error:
        return not_found(
            request, "There is no priority map at this address", str(error), _elsewhere(request)
        )
    if years != span_label(first_year, first_year + 1):
        return redirect(_with_query(request, _priority_map_url(first_year)), permanent=True)
    page = priority_map_page(membership_of(request).organisation, first_year, request.GET)
    return render(request, "roadmap/priority_map.html", {"page": page})


def _svg(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@member_required()
def road_map_svg(request: HttpRequest, year: str) -> HttpResponse:
    """The whole road map of the year as an SVG file, however large: the page may show it a
    priority at a time."""
    try:
        financial_year = road_map_year(year)
    except ValueError as error:
        raise Http404(str(error)) from error
    organisation = membership_of(request).organisation
    content = road_map_download(organisation, financial_year.start, request.GET)
    return _svg(content, f"road-map-{financial_year.label}.svg")


@require_safe
@member_required()
def priority_map_svg(request: HttpRequest, years: str) -> HttpResponse:
    """The whole priority map of the two years as an SVG file."""
    try:
        first_year = priority_map_years(years)
    except ValueError as error:
        raise Http404(str(error)) from error
    organisation = membership_of(request).organisation
    content = priority_map_download(organisation, first_year, request.GET)
    return _svg(content, f"priority-map-{span_label(first_year, first_year + 1)}.svg")
