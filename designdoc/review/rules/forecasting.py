"""Rules for forecasts and regressions of quantities: seasonality, and an error measure that
holds where the actuals are zero."""

from __future__ import annotations

from collections.abc import Iterator

from designdoc.review.rules.context import Context, contains, keywords
from designdoc.review.rules.rule import WARNING, Hit, Rule
from designdoc.spec.vocab import Category

FORECASTING = frozenset({Category.forecasting})
QUANTITIES = frozenset({Category.forecasting, Category.regression})
FPP = "Forecasting: Principles and Practice (Hyndman, Athanasopoulos), 3rd ed."
SEASON_WORDS = keywords(
    "season | holiday | day of week | day of the week | weekday | weekend | calendar | "
    "fourier | weekly pattern | yearly pattern | annual pattern | christmas | ramadan"
)
SEASON_SECTIONS = ("data", "framing", "model", "evaluation", "talking_points")
ZERO_WORDS = keywords(
    "no zero | never zero | zeros | zero sales | zero demand | intermittent | wape | mase | "
    "scaled error | weighted absolute percentage"
)
ZERO_SECTIONS = ("evaluation", "data", "talking_points")
MAPE = keywords("mape | mean absolute percentage")


def _fct001(ctx: Context) -> Iterator[Hit]:
    if not ctx.addressed(("seasonality", "holidays", "calendar"), SEASON_WORDS, SEASON_SECTIONS):
        yield Hit(
            ("data", "features"),
            "no word on seasonality, holidays or the calendar: say which cycles the demand "
            "follows (day of week, year, holidays, events) and how the model sees them "
            "(calendar features, seasonal terms), or why there are none",
        )


def _mape_metric(ctx: Context) -> int | None:
    for i, metric in enumerate(ctx.spec.evaluation.offline):
        if contains(metric.metric, MAPE):
            return i
    return None


def _fct002(ctx: Context) -> Iterator[Hit]:
    i = _mape_metric(ctx)
    if i is None or ctx.mentions(ZERO_WORDS, ZERO_SECTIONS):
        return
    yield Hit(
        ("evaluation", "offline", i, "metric"),
        "MAPE divides by the actual value, so it is undefined on a day with zero sales and "
        "explodes on slow sellers; use WAPE (total error over total actuals) or MASE, or say "
        "that the series have no zeros",
    )


RULES = [
    Rule(
        "FCT001",
        3,
        WARNING,
        "A forecast and no word on seasonality, holidays or the calendar.",
        "Most demand follows the week, the year and the holidays; a forecast that does not "
        "model them misses every peak.",
        f"{FPP}, ch. 2 (seasonal patterns)",
        _fct001,
        categories=FORECASTING,
        reads="data.features",
    ),
    Rule(
        "FCT002",
        5,
        WARNING,
        "MAPE as an offline metric with no word on zero actuals.",
        "A percentage error is infinite where the actual is zero and dominated by the smallest "
        "series; intermittent demand needs a scaled or weighted error.",
        f"{FPP}, 5.8 (evaluating point forecast accuracy)",
        _fct002,
        categories=QUANTITIES,
        applies=lambda c: _mape_metric(c) is not None,
        when="an offline metric is MAPE",
        reads="evaluation.offline",
    ),
]
