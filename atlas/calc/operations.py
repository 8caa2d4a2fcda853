"""Hours saved in day-to-day operations by the article's industry models: a city's traffic
signals (Xi'an) and a coal mine's safety inspection.

The package docstring (`atlas.calc`) gives the conventions: faults, division, sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.calc.inputs import (
    InputError,
    amount_fault,
    every_fault,
    optional_fault,
    raise_first,
    share_fault,
)

DAYS_PER_YEAR = 365.0
HOURS_PER_DAY = 24.0  # peak hours cannot exceed a day


# Traffic signals

# As claimed by the article, not confirmed elsewhere: Zhongke Shiyu's Qinling·Qinchuan traffic
# model raised Xi'an's peak-hour arterial traffic efficiency by 33 % (#30) and cut road
# maintenance cost by 45 % (#32).
ARTICLE_TRAFFIC = {"efficiency_gain": 0.33, "maintenance_saving": 0.45}


@dataclass(frozen=True)
class TrafficResult:
    """Hours of delay and yuan of maintenance saved by optimised signals."""

    hours_saved_per_day: float  # vehicle-hours of delay saved a day
    hours_saved_per_year: float  # = per day × 365
    time_value_cny_per_year: float  # = hours a year × value of time
    maintenance_saved_cny_per_year: float  # = budget × saving


def validate_traffic(vehicles_per_peak_hour: float, delay_min_per_vehicle: float,
                     peak_hours_per_day: float, efficiency_gain: float,
                     value_of_time_cny_per_h: float, maintenance_budget_cny: float,
                     maintenance_saving: float) -> list[InputError]:
    """Every fault of the inputs of `traffic_signals`, in argument order (empty when all are valid).

    Parameters and rules are those of `traffic_signals`; each input yields at most one fault
    (`not_a_number` before any range rule).
    """
    return every_fault(
        amount_fault("vehicles_per_peak_hour", vehicles_per_peak_hour),
        amount_fault("delay_min_per_vehicle", delay_min_per_vehicle),
        amount_fault("peak_hours_per_day", peak_hours_per_day, hi=HOURS_PER_DAY),
        amount_fault("efficiency_gain", efficiency_gain),
        amount_fault("value_of_time_cny_per_h", value_of_time_cny_per_h),
        amount_fault("maintenance_budget_cny", maintenance_budget_cny),
        share_fault("maintenance_saving", maintenance_saving),
    )


def traffic_signals(vehicles_per_peak_hour: float, delay_min_per_vehicle: float,
                    peak_hours_per_day: float, efficiency_gain: float,
                    value_of_time_cny_per_h: float, maintenance_budget_cny: float,
                    maintenance_saving: float) -> TrafficResult:
    """Delay hours and maintenance money saved when signal timing raises arterial efficiency.

    Parameters
    ----------
    vehicles_per_peak_hour : float
        Vehicles on the arterials in a peak hour, vehicles/h (≥ 0).
    delay_min_per_vehicle : float
        Delay per vehicle at the peak before optimisation, min (≥ 0).
    peak_hours_per_day : float
        Peak hours a day, h/d (0–24).
    efficiency_gain : float
        Rise in arterial traffic efficiency, fraction (≥ 0; 0.33 = +33 %).
    value_of_time_cny_per_h : float
        Value of one vehicle-hour, CNY/h (≥ 0).
    maintenance_budget_cny : float
        Road maintenance budget, CNY/yr (≥ 0).
    maintenance_saving : float
        Share of the maintenance budget saved, fraction (0–1).

    Returns
    -------
    TrafficResult
        hours_saved_per_day (vehicle-h/d), hours_saved_per_year (vehicle-h/yr),
        time_value_cny_per_year (CNY/yr), maintenance_saved_cny_per_year (CNY/yr).

    Raises
    ------
    InputError
        The first fault that `validate_traffic` finds.

    Notes
    -----
    delay hours/day = vehicles × delay_min / 60 × peak hours;
    saved/day = delay hours × (1 − 1/(1 + gain)) = delay hours × gain / (1 + gain);
    saved/year = saved/day × 365; value = saved/year × value of time;
    maintenance saved = budget × saving.

    Modelling choice: the article does not define "traffic efficiency" (通行效率). It is read
    here as the rate at which the arterials clear vehicles, and the delay is assumed to scale
    inversely with it. The same demand then spends 1/(1 + gain) of the old delay, so +33 %
    efficiency cuts delay by 1 − 1/1.33 ≈ 24.8 %, not by 33 %. A reader who takes the 33 % as
    a cut in delay can enter a gain of 0.33 / 0.67 ≈ 0.4925. Every day of the year counts as a
    day with peaks (×365); weekends make that an upper bound.

    The +33 % (claim #30) and −45 % maintenance (#32) are as claimed by the article and were not
    confirmed by another source. Vehicles, delay and peak hours are not in the article.

    References
    ----------
    .. [1] The article, claims #29–#32 (research/facts.md §1 and §6).

    Examples
    --------
    3,000 vehicles, 2 min of delay each, 4 peak hours, +33 %, 30 CNY/h, 10 M CNY budget, 45 %
    saved: 3000 × 2/60 × 4 = 400 h/day; × 0.33/1.33 = 99.248 h/day; × 365 = 36,225.6 h/yr;
    × 30 = 1,086,767 CNY/yr; 10,000,000 × 0.45 = 4,500,000 CNY/yr.

    >>> r = traffic_signals(3000, 2, 4, 0.33, 30, 10_000_000, 0.45)
    >>> round(r.hours_saved_per_day, 3), round(r.hours_saved_per_year, 1)
    (99.248, 36225.6)
    >>> round(r.time_value_cny_per_year), round(r.maintenance_saved_cny_per_year)
    (1086767, 4500000)
    """
    raise_first(validate_traffic(vehicles_per_peak_hour, delay_min_per_vehicle,
                                  peak_hours_per_day, efficiency_gain, value_of_time_cny_per_h,
                                  maintenance_budget_cny, maintenance_saving))
    delay_h = vehicles_per_peak_hour * delay_min_per_vehicle / 60.0 * peak_hours_per_day
    # gain / (1 + gain) equals 1 − 1/(1 + gain) without subtracting two numbers near 1.
    per_day = delay_h * (efficiency_gain / (1.0 + efficiency_gain))
    per_year = per_day * DAYS_PER_YEAR
    return TrafficResult(
        hours_saved_per_day=per_day,
        hours_saved_per_year=per_year,
        time_value_cny_per_year=per_year * value_of_time_cny_per_h,
        maintenance_saved_cny_per_year=maintenance_budget_cny * maintenance_saving,
    )


# Inspection

# As claimed by the article, not confirmed elsewhere: Xi'an Shengtong's coal-mine model watches
# more than ten hazard classes (#27, "十余类", so 10 is a floor) and identifies accidents 20×
# more efficiently (#28).
ARTICLE_INSPECTION = {"speedup": 20.0, "hazard_classes": 10}


@dataclass(frozen=True)
class InspectionResult:
    """Staff time saved when each event is handled faster."""

    minutes_per_event_after: float  # = before / speedup
    hours_saved_per_day: float  # = events × (before − after) / 60
    hours_saved_per_year: float  # = per day × 365


def validate_inspection(events_per_day: float, minutes_per_event_before: float, speedup: float,
                        hazard_classes: float | None = None) -> list[InputError]:
    """Every fault of the inputs of `inspection`, in argument order (empty when all are valid).

    Parameters and rules are those of `inspection`; each input yields at most one fault
    (`not_a_number` before any range rule).
    """
    return every_fault(
        amount_fault("events_per_day", events_per_day),
        amount_fault("minutes_per_event_before", minutes_per_event_before),
        amount_fault("speedup", speedup, positive=True),
        optional_fault(amount_fault, "hazard_classes", hazard_classes),
    )


def inspection(events_per_day: float, minutes_per_event_before: float, speedup: float,
               hazard_classes: float | None = None) -> InspectionResult:
    """Hours saved when a model identifies each safety event `speedup` times faster.

    Parameters
    ----------
    events_per_day : float
        Events (alarms, video clips) to identify a day, events/d (≥ 0).
    minutes_per_event_before : float
        Time to identify one event before, min (≥ 0).
    speedup : float
        How many times faster identification is, ratio (> 0; below 1 is a slow-down).
    hazard_classes : float, optional
        Hazard classes the model covers, count (≥ 0). Validated and kept for display; it does
        not enter the arithmetic (enter the events of all classes in events_per_day).

    Returns
    -------
    InspectionResult
        minutes_per_event_after (min), hours_saved_per_day (h/d), hours_saved_per_year (h/yr).

    Raises
    ------
    InputError
        The first fault that `validate_inspection` finds.

    Notes
    -----
    after = before / speedup; saved/day = events × (before − after) / 60;
    saved/year = saved/day × 365 (mines run every day).

    The article's "accident-identification efficiency ×20" (claim #28) is read as 20× less time
    per event; ">10 hazard classes" is claim #27. Both are as claimed by the article, not
    confirmed elsewhere. The article gives no event counts or times.

    References
    ----------
    .. [1] The article, claims #27, #28 (research/facts.md §1 and §6).

    Examples
    --------
    An illustration: 200 events a day at 6 min each, 20× faster: 6 / 20 = 0.3 min;
    200 × 5.7 / 60 = 19 h/day; × 365 = 6,935 h/yr.

    >>> r = inspection(200, 6, 20)
    >>> r.minutes_per_event_after, round(r.hours_saved_per_day, 9), round(r.hours_saved_per_year, 6)
    (0.3, 19.0, 6935.0)
    """
    raise_first(validate_inspection(events_per_day, minutes_per_event_before, speedup,
                                     hazard_classes))
    after = minutes_per_event_before / speedup
    per_day = events_per_day * (minutes_per_event_before - after) / 60.0
    return InspectionResult(minutes_per_event_after=after, hours_saved_per_day=per_day,
                            hours_saved_per_year=per_day * DAYS_PER_YEAR)
