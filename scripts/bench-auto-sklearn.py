#!/usr/bin/env python3
"""scikit-learn's default classifiers on a data set of scripts/bench-auto (its split.npz): prints one line,
name=test accuracy for RandomForestClassifier(500), HistGradientBoostingClassifier(), SVC() and MLPClassifier(),
each fitted on the training split only (features standardised for SVC and MLP, as their documentation advises).
Usage: bench-auto-sklearn.py DATA_DIR"""
import sys
import warnings

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

warnings.filterwarnings("ignore", category=ConvergenceWarning)
d = np.load(sys.argv[1] + "/split.npz")
models = {
    "random_forest": RandomForestClassifier(500, random_state=1, n_jobs=2),
    "hist_gradient_boosting": HistGradientBoostingClassifier(random_state=1),
    "svc": make_pipeline(StandardScaler(), SVC()),
    "mlp": make_pipeline(StandardScaler(), MLPClassifier(random_state=1)),
}
out = []
for name, model in models.items():
    model.fit(d["x_train"], d["y_train"])
    out.append("%s=%.4f" % (name, model.score(d["x_test"], d["y_test"])))
print(" ".join(out))
