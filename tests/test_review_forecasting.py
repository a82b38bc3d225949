"""Rules for forecasts and regressions of quantities (FCT): each fires on a planted flaw and
passes once the design answers it."""

from __future__ import annotations

from pathlib import Path

from test_review_uplift_anomaly import run, status

FORECAST = """\
designdoc: 1
title: Store demand forecast
framing:
  category: forecasting
  labels: {target: "units sold per store, item and day", source: natural}
data:
  sources: [{id: sales, kind: transaction, ingestion: batch}]
  features:
    - {name: sales last 7 days, source: sales, type: numeric}
evaluation:
  offline:
    - {metric: WAPE, primary: true}
"""


def findings(tmp_path: Path, name: str, *patches: dict[str, object]) -> dict[str, str]:
    result = run(tmp_path, FORECAST, name, *patches)
    return {f.rule: f.path for f in result.findings if f.rule.startswith("FCT")}


def test_a_forecast_says_how_it_sees_the_calendar(tmp_path: Path) -> None:
    assert findings(tmp_path, "bare.yaml") == {"FCT001": "data.features"}
    calendar = {"name": "day of week and public holidays", "type": "categorical"}
    features = {"data": {"features": [{"name": "sales last 7 days"}, calendar]}}
    assert findings(tmp_path, "calendar.yaml", features) == {}
    point = {"talking_points": [{"topic": "seasonality", "notes": "Weekly and yearly cycles."}]}
    assert findings(tmp_path, "point.yaml", point) == {}


def test_mape_is_asked_about_zero_actuals(tmp_path: Path) -> None:
    seasons = {"talking_points": [{"topic": "seasonality", "notes": "Weekly cycles as features."}]}
    mape = {"evaluation": {"offline": [{"metric": "MAPE", "primary": True}]}}
    result = run(tmp_path, FORECAST, "mape.yaml", seasons, mape)
    assert status(result, "FCT002") == "fail"
    fct = {f.rule: f.path for f in result.findings if f.rule.startswith("FCT")}
    assert fct == {"FCT002": "evaluation.offline[0].metric"}
    zeros = {
        "talking_points": [
            {"topic": "seasonality", "notes": "Weekly cycles as features."},
            {"topic": "slow sellers", "notes": "Intermittent series: many days sell nothing."},
        ]
    }
    answered = run(tmp_path, FORECAST, "zeros.yaml", mape, zeros)
    assert status(answered, "FCT002") == "pass"
    assert status(run(tmp_path, FORECAST, "wape.yaml", seasons), "FCT002") == "n/a"


def test_a_regression_with_mape_is_asked_too_but_not_about_seasons(tmp_path: Path) -> None:
    regression = {"framing": {"category": "regression"}}
    mape = {"evaluation": {"offline": [{"metric": "MAPE"}]}}
    result = run(tmp_path, FORECAST, "eta.yaml", regression, mape)
    assert status(result, "FCT001") == "n/a" and status(result, "FCT002") == "fail"
