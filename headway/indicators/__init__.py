"""Performance indicators: measures reported per partner council, their targets and
tolerances, the quarter's figures and the computed status and direction of travel.

For other apps (the committee pack, the API, the import), the API is:

- ``models``: ``Measure`` (reference unique per organisation, unit, polarity, frequency,
  owner ``service``, the ``priority`` it evidences, ``partners`` it is reported for, how its
  whole-service figure is made: ``whole_service`` sum / weighted / own), ``Target`` (measure,
  year, optional quarter, partner or None for the whole service, value, tolerance kind and
  amount) and ``Figure`` (measure, reporting period, partner or None for the whole service,
  value, weight, exception note ``exception_why`` / ``exception_action`` /
  ``exception_recovery``, state draft / submitted / returned / approved like a return;
  history in ``Figure.history``, a correction's reason in ``history_change_reason``).
  ``Measure.objects.of(organisation)`` starts every query.
- ``status``: pure arithmetic: ``status``, ``direction``, ``whole_service``, with the
  ``Status`` and ``Direction`` enums (each with ``label`` and ``symbol``, so that nothing
  rests on colour alone) and ``STATUS_ORDER`` (worst first).
- ``readings``: what the database holds, computed: ``readings_for(org_id, quarter)`` gives
  each measure's rows (per partner, then the whole service) with value, target, status,
  short- and long-term direction and the figure with its exception note;
  ``trend_for(measure, quarter)`` the points of its trend chart; ``counts_by_status``.
  Approved figures only unless ``states=EVERY_STATE``.
- ``units``: how a value is written in its unit (``format_value``).
- ``cycle``: the rules of entering, submitting, approving, returning and correcting figures.
"""
