#!/usr/bin/python3
"""Reference numbers for the satisfaction model: the fractional logit and the regression metrics it is judged by.

Run with Debian's Python (python3-statsmodels, python3-scipy, python3-sklearn):
`/usr/bin/python3 tools/reference/satisfaction_reference.py`. Writes
  libs/analytics-core/src/lib/ml/regression/fixtures/fractional-logit.json
The satisfaction model fits analytics-core's `trainLogisticRegression` to scores in [0, 1] (the fractional logit
of Papke and Wooldridge). Two independent fits of the same rows check it:
  - unpenalised: statsmodels' GLM with a binomial family and logit link on the standardised rows, which is the
    fractional logit's quasi-likelihood estimator (analytics-core with C = 1e8 is within rounding of it);
  - penalised (C = 1 and C = 0.1): scipy's BFGS minimising C × Σ [log(1 + e^z) − y z] + ½‖w‖² (intercept free),
    the objective analytics-core documents, with its analytic gradient to 1e-12.
And scikit-learn's mean_absolute_error, mean_squared_error and r2_score of one prediction vector.
Inputs are generated here with a fixed seed and stored in the fixture. Not run by CI.
"""
import json
import os
import warnings

import numpy as np
import scipy
import sklearn
import statsmodels
import statsmodels.api as sm
from scipy.optimize import minimize
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
REGRESSION = os.path.join(ROOT, 'libs/analytics-core/src/lib/ml/regression/fixtures')


def to_json(value, depth=0):
    """Indented JSON with lists of plain values on one line (short, readable diffs)."""
    pad = '  ' * (depth + 1)
    if isinstance(value, dict):
        items = [f'{pad}{json.dumps(key)}: {to_json(item, depth + 1)}' for key, item in value.items()]
        return '{\n' + ',\n'.join(items) + '\n' + '  ' * depth + '}'
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        return '[\n' + ',\n'.join(pad + to_json(item, depth + 1) for item in value) + '\n' + '  ' * depth + ']'
    return json.dumps(value)


def softplus(z):
    return np.logaddexp(0.0, z)


def penalised_fit(design, y, c):
    """BFGS on the documented objective; design has the intercept column first (not penalised)."""
    def objective(w):
        z = design @ w
        return c * np.sum(softplus(z) - y * z) + 0.5 * np.sum(w[1:] ** 2)

    def gradient(w):
        z = design @ w
        g = c * design.T @ (1 / (1 + np.exp(-z)) - y)
        g[1:] += w[1:]
        return g

    result = minimize(objective, np.zeros(design.shape[1]), jac=gradient, method='BFGS', options={'gtol': 1e-12, 'maxiter': 10000})
    return result.x, float(np.max(np.abs(gradient(result.x))))


def fractional_logit_case():
    rng = np.random.RandomState(20261207)
    n = 200
    response_seconds = rng.exponential(20.0, n).round(1)
    messages = rng.poisson(8, n).astype(float)
    escalated = rng.binomial(1, 0.2, n).astype(float)
    sentiment_final = np.clip(rng.normal(0.1, 0.4, n), -1, 1).round(3)
    rows = np.column_stack([response_seconds, messages, escalated, sentiment_final])
    logit = 0.8 - 0.04 * (response_seconds - 20) - 0.05 * (messages - 8) - 1.1 * escalated + 1.5 * sentiment_final
    # Star ratings 1-5 as the contract's 0-1 score: (stars - 1) / 4, drawn around the logistic mean.
    stars = np.clip(np.rint(1 + 4 * (1 / (1 + np.exp(-logit))) + rng.normal(0, 0.7, n)), 1, 5)
    scores = (stars - 1) / 4
    means = rows.mean(axis=0)
    stds = rows.std(axis=0)  # population standard deviation, as StandardScaler
    scaled = (rows - means) / stds
    design = np.column_stack([np.ones(n), scaled])
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # statsmodels notes that the binomial response is not 0/1
        glm = sm.GLM(scores, design, family=sm.families.Binomial()).fit(tol=1e-14, maxiter=200)
    penalised = []
    for c in [1.0, 0.1]:
        w, gradient_max = penalised_fit(design, scores, c)
        penalised.append({'c': c, 'intercept': float(w[0]), 'coefficients': w[1:].tolist(), 'maxGradient': gradient_max})
    predictions = 1 / (1 + np.exp(-(design @ np.concatenate([[penalised[0]['intercept']], penalised[0]['coefficients']]))))
    return {
        'featureNames': ['response_seconds', 'messages', 'escalated', 'sentiment_final'],
        'rows': rows.tolist(),
        'scores': scores.tolist(),
        'means': means.tolist(),
        'stds': stds.tolist(),
        'unpenalised': {'intercept': float(glm.params[0]), 'coefficients': glm.params[1:].tolist()},
        'penalised': penalised,
        'metrics': {
            'predictions': predictions.tolist(),
            'meanAbsoluteError': mean_absolute_error(scores, predictions),
            'meanSquaredError': mean_squared_error(scores, predictions),
            'r2': r2_score(scores, predictions),
        },
    }


if __name__ == '__main__':
    os.makedirs(REGRESSION, exist_ok=True)
    payload = {
        'generatedBy': 'tools/reference/satisfaction_reference.py',
        'sklearn': sklearn.__version__,
        'statsmodels': statsmodels.__version__,
        'scipy': scipy.__version__,
        **fractional_logit_case(),
    }
    with open(os.path.join(REGRESSION, 'fractional-logit.json'), 'w') as out:
        out.write(to_json(payload) + '\n')
    print('fixture written')
