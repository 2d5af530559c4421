#!/usr/bin/python3
"""Reference numbers for analytics-core's classification and text models, computed with scikit-learn.

Run with Debian's Python (python3-sklearn, python3-numpy): `/usr/bin/python3 tools/reference/classification_reference.py`.
Writes JSON fixtures beside the TypeScript tests:
  libs/analytics-core/src/lib/ml/classification/fixtures/logistic-regression.json
  libs/analytics-core/src/lib/ml/classification/fixtures/classification-metrics.json
  libs/analytics-core/src/lib/ml/text/fixtures/naive-bayes.json
The inputs are generated here with a fixed seed and stored in the fixtures, so the TypeScript side fits
exactly the same data. Not run by CI.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, precision_score, recall_score, roc_auc_score
from sklearn.naive_bayes import MultinomialNB
from sklearn.preprocessing import StandardScaler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
CLASSIFICATION = os.path.join(ROOT, 'libs/analytics-core/src/lib/ml/classification/fixtures')
TEXT = os.path.join(ROOT, 'libs/analytics-core/src/lib/ml/text/fixtures')
# The tokenizer analytics-core's tokenize() implements: runs of letters and digits, inner apostrophes kept.
TOKEN_PATTERN = r"[^\W_]+(?:'[^\W_]+)*"


def to_json(value, depth=0):
    """Indented JSON with lists of plain values on one line (short, readable diffs)."""
    pad = '  ' * (depth + 1)
    if isinstance(value, dict):
        items = [f'{pad}{json.dumps(key)}: {to_json(item, depth + 1)}' for key, item in value.items()]
        return '{\n' + ',\n'.join(items) + '\n' + '  ' * depth + '}'
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        return '[\n' + ',\n'.join(pad + to_json(item, depth + 1) for item in value) + '\n' + '  ' * depth + ']'
    return json.dumps(value)


def write(directory, name, payload):
    os.makedirs(directory, exist_ok=True)
    payload = {'generatedBy': 'tools/reference/classification_reference.py', 'sklearn': sklearn.__version__, **payload}
    with open(os.path.join(directory, name), 'w') as out:
        out.write(to_json(payload) + '\n')


def logistic_cases():
    """Churn-like features on very different scales, labels drawn from a known logistic model."""
    rng = np.random.RandomState(20260511)
    n = 240
    recency_days = rng.exponential(12.0, n).round(2)
    sessions = rng.poisson(9, n).astype(float)
    conversions = rng.binomial(4, 0.3, n).astype(float)
    escalations = rng.binomial(2, 0.15, n).astype(float)
    constant = np.full(n, 3.0)  # a feature that never varies: standardised to 0, its weight 0
    rows = np.column_stack([recency_days, sessions, conversions, escalations, constant])
    logit = -0.4 + 0.09 * (recency_days - 12) - 0.18 * (sessions - 9) - 0.5 * conversions + 0.9 * escalations
    labels = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(int)
    scaler = StandardScaler().fit(rows)
    scaled = scaler.transform(rows)
    score_rows = rows[:6]
    cases = []
    for c in [0.05, 1.0, 100.0]:
        model = LogisticRegression(C=c, penalty='l2', solver='lbfgs', tol=1e-12, max_iter=100000).fit(scaled, labels)
        # lbfgs stops a few 1e-6 short of the optimum whatever tol says; newton-cg reaches it to ~1e-12
        # (it then warns that its line search cannot improve further, which is expected).
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            exact = LogisticRegression(C=c, penalty='l2', solver='newton-cg', tol=1e-14, max_iter=200).fit(scaled, labels)
        cases.append({
            'c': c,
            'coefficients': model.coef_[0].tolist(),
            'intercept': float(model.intercept_[0]),
            'probabilities': model.predict_proba(scaler.transform(score_rows))[:, 1].tolist(),
            'newtonCg': {'coefficients': exact.coef_[0].tolist(), 'intercept': float(exact.intercept_[0])},
        })
    return {
        'featureNames': ['recency_days', 'sessions', 'conversions', 'escalations', 'constant'],
        'rows': rows.tolist(),
        'labels': labels.tolist(),
        'means': scaler.mean_.tolist(),
        # StandardScaler leaves a constant column's scale at 1.
        'stds': scaler.scale_.tolist(),
        'cases': cases,
    }


def metric_cases():
    rng = np.random.RandomState(7)
    n = 60
    labels = rng.binomial(1, 0.4, n)
    # Scores rounded to one decimal, so many are tied (some across classes), several on bin edges.
    scores = np.clip((0.35 * labels + rng.uniform(0, 0.65, n)).round(1), 0, 1)
    edges = np.array([0.0, 0.1, 0.2, 0.3, 0.30000000000000004, 0.5, 0.7, 0.7000000000000001, 1.0])
    edge_labels = np.array([0, 0, 1, 0, 1, 1, 0, 1, 1])
    out = {
        'labels': labels.tolist(),
        'scores': scores.tolist(),
        'rocAuc': roc_auc_score(labels, scores),
        'brier': brier_score_loss(labels, scores),
        'thresholds': [],
        'calibration': [],
        'edgeCase': {'labels': edge_labels.tolist(), 'scores': edges.tolist(), 'bins': 10},
    }
    for threshold in [0.3, 0.5, 0.7]:
        predicted = (scores >= threshold).astype(int)
        out['thresholds'].append({
            'threshold': threshold,
            'precision': precision_score(labels, predicted, zero_division=0),
            'recall': recall_score(labels, predicted),
        })
    for bins in [5, 10]:
        observed, predicted = calibration_curve(labels, scores, n_bins=bins, strategy='uniform')
        out['calibration'].append({'bins': bins, 'observedRate': observed.tolist(), 'meanPredicted': predicted.tolist()})
    observed, predicted = calibration_curve(edge_labels, edges, n_bins=10, strategy='uniform')
    out['edgeCase']['observedRate'] = observed.tolist()
    out['edgeCase']['meanPredicted'] = predicted.tolist()
    return out


TRAINING = [
    ('Where is my order? It has not arrived', 'order_status'),
    ('my package has not shipped yet', 'order_status'),
    ('when will my order arrive', 'order_status'),
    ('track my order please', 'order_status'),
    ('I want a refund for my order', 'refund'),
    ('please refund me, the item was broken', 'refund'),
    ("refund my money, it doesn't work", 'refund'),
    ('how do I get my money back', 'refund'),
    ('I forgot my password', 'account_access'),
    ("can't log in to my account", 'account_access'),
    ('reset my password please', 'account_access'),
    ('my account is locked', 'account_access'),
    ('I love it, thanks a lot', 'praise'),
]
PROBES = [
    'where is my refund',
    'my account order',
    'password reset for my order',
    'thanks, I love the package',
    'completely unrelated words here',
    "doesn't work, locked out",
]


def naive_bayes_cases():
    cases = []
    for bigrams in [False, True]:
        vectorizer = CountVectorizer(lowercase=True, token_pattern=TOKEN_PATTERN, ngram_range=(1, 2) if bigrams else (1, 1))
        counts = vectorizer.fit_transform([text for text, _ in TRAINING])
        model = MultinomialNB(alpha=1.0).fit(counts, [label for _, label in TRAINING])
        cases.append({
            'bigrams': bigrams,
            'classes': model.classes_.tolist(),
            'vocabularySize': len(vectorizer.vocabulary_),
            'probabilities': model.predict_proba(vectorizer.transform(PROBES)).tolist(),
        })
    return {
        'training': [{'text': text, 'label': label} for text, label in TRAINING],
        'probes': PROBES,
        'cases': cases,
    }


if __name__ == '__main__':
    write(CLASSIFICATION, 'logistic-regression.json', logistic_cases())
    write(CLASSIFICATION, 'classification-metrics.json', metric_cases())
    write(TEXT, 'naive-bayes.json', naive_bayes_cases())
    print('fixtures written')
