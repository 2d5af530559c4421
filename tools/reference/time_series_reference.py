#!/usr/bin/env python3
"""Reference numbers for libs/analytics-core/src/lib/ml/time-series, computed independently with numpy and
statsmodels (Debian's python3-statsmodels). Writes JSON fixtures the TypeScript tests compare against:

    /usr/bin/python3 tools/reference/time_series_reference.py

Not run by CI; re-run and commit the fixtures when a definition changes (see README.md)."""
import json
import os
import warnings

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing

warnings.filterwarnings("ignore")
OUT = os.path.join(os.path.dirname(__file__), "../../libs/analytics-core/src/lib/ml/time-series/fixtures")
MAD_SCALE = 1.482602218505602


def write(name, payload):
    payload["generatedBy"] = f"tools/reference/time_series_reference.py (numpy {np.__version__}, statsmodels {statsmodels.__version__})"
    with open(os.path.join(OUT, name), "w") as out:
        json.dump(payload, out, indent=1, allow_nan=False)
        out.write("\n")


def nullable(values):
    return [None if np.isnan(v) else float(v) for v in values]


def rolling_baselines():
    """Trailing-window baselines: for point i, the present values among [i - window, i)."""
    rng = np.random.default_rng(11)
    values = 50 + 10 * rng.standard_normal(40)
    values[[3, 17, 18, 30]] = np.nan
    values[25] = 140.0
    window, min_points = 10, 4
    rows = []
    for i in range(len(values)):
        past = values[max(0, i - window):i]
        past = past[~np.isnan(past)]
        if len(past) < max(2, min_points):
            rows.append(None)
            continue
        median = float(np.median(past))
        rows.append({
            "index": i,
            "mean": float(np.mean(past)),
            "standardDeviation": float(np.std(past, ddof=1)),
            "median": median,
            "scaledMad": float(MAD_SCALE * np.median(np.abs(past - median))),
        })
    write("rolling-baselines.json", {"window": window, "minPoints": min_points, "values": nullable(values), "baselines": rows})


def seasonal_series(n, m, seed, trend=0.3, level=100.0):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return level + trend * t + 20 * np.sin(2 * np.pi * t / m) + 8 * np.cos(4 * np.pi * t / m) + 3 * rng.standard_normal(n)


def holt_winters_fixed():
    """statsmodels ExponentialSmoothing with known initial states and fixed (not optimised) parameters."""
    m, n, horizon = 12, 72, 24
    cases = []
    for name, trend, damped, seasonal, params in [
        ("additive, damped trend", "add", True, "add", dict(smoothing_level=0.35, smoothing_trend=0.1, smoothing_seasonal=0.2, damping_trend=0.9)),
        ("additive, no trend", None, False, "add", dict(smoothing_level=0.4, smoothing_seasonal=0.25)),
        ("additive, trend", "add", False, "add", dict(smoothing_level=0.3, smoothing_trend=0.05, smoothing_seasonal=0.15)),
        ("multiplicative, damped trend", "add", True, "mul", dict(smoothing_level=0.3, smoothing_trend=0.1, smoothing_seasonal=0.2, damping_trend=0.92)),
        ("multiplicative, no trend", None, False, "mul", dict(smoothing_level=0.45, smoothing_seasonal=0.3)),
    ]:
        y = seasonal_series(n, m, seed=len(cases) + 1)
        level0 = float(np.mean(y[:m]))
        trend0 = float((np.mean(y[m:2 * m]) - np.mean(y[:m])) / m) if trend else 0.0
        seasonal0 = (y[:m] - level0) if seasonal == "add" else (y[:m] / level0)
        kwargs = dict(initial_level=level0, initial_seasonal=seasonal0)
        if trend:
            kwargs["initial_trend"] = trend0
        model = ExponentialSmoothing(y, trend=trend, damped_trend=damped, seasonal=seasonal, seasonal_periods=m,
                                     initialization_method="known", **kwargs)
        fit = model.fit(optimized=False, **params)
        # statsmodels 0.13's ExponentialSmoothing.forecast leaves the last observation's seasonal update out at
        # the steps that are multiples of m (its ETSModel does not: the ETS fixtures check those steps for the
        # additive models); the tests compare the other steps.
        skipped = [h for h in range(1, horizon + 1) if h % m == 0]
        cases.append({
            "name": name,
            "trend": "none" if not trend else ("damped" if damped else "additive"),
            "seasonal": "additive" if seasonal == "add" else "multiplicative",
            "period": m,
            "holtWintersParameters": {"alpha": params["smoothing_level"], "betaStar": params.get("smoothing_trend", 0.0),
                                      "gamma": params["smoothing_seasonal"], "phi": params.get("damping_trend", 1.0)},
            "initial": {"level": level0, "trend": trend0, "seasonal": [float(v) for v in seasonal0]},
            "values": [float(v) for v in y],
            "fitted": [float(v) for v in fit.fittedvalues],
            "sse": float(fit.sse),
            "forecast": [float(v) for v in fit.forecast(horizon)],
            "forecastStepsNotCompared": skipped,
        })
    write("holt-winters-fixed.json", {"cases": cases})


def ets_intervals():
    """statsmodels ETSModel prediction intervals (80 % and 95 %) for ETS(A,A,A), (A,Ad,A) and (A,N,A)."""
    m, n, horizon = 12, 60, 30
    cases = []
    for name, trend, damped, params in [
        ("ETS(A,A,A)", "add", False, dict(alpha=0.3, beta=0.03, gamma=0.1)),
        ("ETS(A,Ad,A)", "add", True, dict(alpha=0.4, beta=0.08, gamma=0.15, phi=0.9)),
        ("ETS(A,N,A)", None, False, dict(alpha=0.5, gamma=0.2)),
    ]:
        y = seasonal_series(n, m, seed=100 + len(cases), trend=0.2)
        level0 = float(np.mean(y[:m]))
        trend0 = float((np.mean(y[m:2 * m]) - np.mean(y[:m])) / m) if trend else 0.0
        seasonal0 = y[:m] - level0
        model = ETSModel(pd.Series(y), error="add", trend=trend, damped_trend=damped, seasonal="add", seasonal_periods=m,
                         initialization_method="known", initial_level=level0,
                         initial_trend=trend0 if trend else None, initial_seasonal=seasonal0)
        with model.fix_params({
            "smoothing_level": params["alpha"],
            **({"smoothing_trend": params["beta"]} if trend else {}),
            "smoothing_seasonal": params["gamma"],
            **({"damping_trend": params["phi"]} if damped else {}),
        }):
            fit = model.fit(disp=False)
        prediction = fit.get_prediction(start=n, end=n + horizon - 1)
        frame80 = prediction.summary_frame(alpha=0.2)
        frame95 = prediction.summary_frame(alpha=0.05)
        cases.append({
            "name": name,
            "trend": "none" if not trend else ("damped" if damped else "additive"),
            "period": m,
            "parameters": {"alpha": params["alpha"], "beta": params.get("beta", 0.0), "gamma": params["gamma"], "phi": params.get("phi", 1.0)},
            "initial": {"level": level0, "trend": trend0, "seasonal": [float(v) for v in seasonal0]},
            "values": [float(v) for v in y],
            "fitted": [float(v) for v in fit.fittedvalues],
            "mse": float(fit.mse),
            "forecast": [float(v) for v in frame95["mean"]],
            "lower80": [float(v) for v in frame80["pi_lower"]],
            "upper80": [float(v) for v in frame80["pi_upper"]],
            "lower95": [float(v) for v in frame95["pi_lower"]],
            "upper95": [float(v) for v in frame95["pi_upper"]],
        })
    write("ets-intervals.json", {"cases": cases})


def accuracy():
    """MASE (scaled by the in-sample seasonal-naive MAE) and sMAPE in percent, straight from the formulas."""
    rng = np.random.default_rng(5)
    m = 7
    training = 200 + 30 * np.sin(2 * np.pi * np.arange(56) / m) + 10 * rng.standard_normal(56)
    actual = 200 + 30 * np.sin(2 * np.pi * np.arange(56, 70) / m) + 10 * rng.standard_normal(14)
    forecast = 200 + 30 * np.sin(2 * np.pi * np.arange(56, 70) / m)
    actual[3] = 0.0
    scale = np.mean(np.abs(training[m:] - training[:-m]))
    mase = np.mean(np.abs(actual - forecast)) / scale
    smape = np.mean(200 * np.abs(actual - forecast) / (np.abs(actual) + np.abs(forecast)))
    write("accuracy.json", {"period": m, "training": training.tolist(), "actual": actual.tolist(), "forecast": forecast.tolist(),
                            "mase": float(mase), "smape": float(smape)})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    rolling_baselines()
    holt_winters_fixed()
    ets_intervals()
    accuracy()
