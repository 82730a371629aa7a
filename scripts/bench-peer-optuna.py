#!/usr/bin/env python3
"""The main job (examples/fashion-mnist.yaml) done the way a Python user would: Optuna picks the networks, PyTorch
trains them. Everything but the search algorithm is the main job's: the compact-cnn family layer for layer (the
same parameter and activation counts), 16,000 seeded training images to screen on and 5,000 to validate on, the
recipe (AdamW 0.01, one-cycle, weight decay 0.0005, label smoothing 0.1, batch 128, half an epoch per network), the
constraints (parameters <= 100,000 and activations <= 90,000; an infeasible network is not trained), the time
(8m30s, of which 5m05s are kept for the final stage) and the final stage (the most accurate network of <= 15,000,
<= 50,000 and <= 5,000 parameters, then the most accurate, then spread along the frontier, four in all, each 5 epochs
on all 60,000 images, left out when it would end after the budget; the test split read once per model). A network the sampler suggests again is answered
from the first training, not trained twice.

Writes OUT/final.json and OUT/run.json in the shape of an archai4j run, for QualityReport.
Usage: bench-peer-optuna.py tpe|nsga2 SEED OUT
       bench-peer-optuna.py --parity RUN_DIR   (the replica's counts against an archai4j run's journal)
Needs Debian's python3-optuna, python3-torch and dataset-fashion-mnist.
"""
import gzip
import json
import os
import sys
import time
import warnings

import numpy as np
import optuna
import torch
import torch.nn as nn

DATA = "/usr/share/datasets/fashion-mnist"
BUDGET_S, RESERVE_S = 510, 305
TRAIN, VALIDATION, BATCH = 16000, 5000, 128
SCREEN_EPOCHS, FINAL_EPOCHS = 0.5, 5
MAX_PARAMETERS, MAX_ACTIVATIONS = 100_000, 90_000
CEILINGS = [15000, 50000, 5000]
FINAL_MODELS = 4


def idx(name):
    with gzip.open(os.path.join(DATA, name)) as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * dims).reshape(shape)


def network(config, classes=10):
    """The compact-cnn family (CompactClassifier): conv-BN-ReLU without bias, 2x2 pools, pooled or flat head."""
    layers, channels, side = [], 1, 28
    stem = config["stem"]
    stride = 2 if stem["downsample"] == "stride" else 1
    layers += [nn.Conv2d(channels, stem["channels"], 3, stride, 1, bias=False), nn.BatchNorm2d(stem["channels"]),
               nn.ReLU()]
    channels, side = stem["channels"], (side + 2 - 3) // stride + 1
    if stem["downsample"] == "pool":
        layers.append(nn.MaxPool2d(2))
        side //= 2
    for stage in config["stages"]:
        k = stage["kernel_size"]
        for _ in range(stage["convs"]):
            layers += [nn.Conv2d(channels, stage["channels"], k, 1, k // 2, bias=False),
                       nn.BatchNorm2d(stage["channels"]), nn.ReLU()]
            channels = stage["channels"]
        if stage["pool"]:
            layers.append(nn.MaxPool2d(2))
            side //= 2
    if config["head"]["kind"] == "global_pool":
        layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
        features = channels
    else:
        layers.append(nn.Flatten())
        features = channels * side * side
    if config["head"]["hidden"] > 0:
        layers += [nn.Linear(features, config["head"]["hidden"]), nn.ReLU()]
        features = config["head"]["hidden"]
    layers.append(nn.Linear(features, classes))
    return nn.Sequential(*layers)


def counts(net):
    """Trainable parameters, and the activation elements one forward pass writes (every layer's output summed, as
    archai4j's ForwardCost.activations counts: a Sequential of leaves)."""
    parameters = sum(p.numel() for p in net.parameters() if p.requires_grad)
    activations, x = 0, torch.zeros(1, 1, 28, 28)
    with torch.no_grad():
        for layer in net:
            x = layer(x)
            activations += x.numel()
    return parameters, activations


def suggest(trial):
    """compact-cnn.yaml, define-by-run: a stage's choices exist only when the stage does."""
    config = {"stem": {"channels": trial.suggest_categorical("stem.channels", [8, 12, 16, 24, 32]),
                       "downsample": trial.suggest_categorical("stem.downsample", ["none", "stride", "pool"])},
              "stages": [], "head": {}}
    for i in range(trial.suggest_categorical("stages", [1, 2, 3])):
        config["stages"].append({
            "channels": trial.suggest_categorical(f"stage{i}.channels", [16, 24, 32, 48, 64]),
            "convs": trial.suggest_categorical(f"stage{i}.convs", [1, 2]),
            "kernel_size": trial.suggest_categorical(f"stage{i}.kernel_size", [3, 5]),
            "pool": trial.suggest_categorical(f"stage{i}.pool", [True, False])})
    config["head"] = {"kind": trial.suggest_categorical("head.kind", ["global_pool", "flatten"]),
                      "hidden": trial.suggest_categorical("head.hidden", [0, 16, 32, 64])}
    return config


def train(net, x, y, epochs, seed):
    """AdamW 0.01, one-cycle, weight decay 0.0005, label smoothing 0.1, batch 128; returns seconds per step."""
    torch.manual_seed(seed)
    steps = max(1, int(round(epochs * len(x) / BATCH)))
    opt = torch.optim.AdamW(net.parameters(), lr=0.01, weight_decay=0.0005)
    schedule = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.01, total_steps=steps)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(x), generator=generator)
    net.train()
    start = time.perf_counter()
    for step in range(steps):
        k = (step * BATCH) % len(x)
        if k + BATCH > len(x):
            order = torch.randperm(len(x), generator=generator)
            k = 0
        batch = order[k:k + BATCH]
        opt.zero_grad()
        loss_fn(net(x[batch]), y[batch]).backward()
        opt.step()
        schedule.step()
    return (time.perf_counter() - start) / steps


def accuracy(net, x, y):
    net.eval()
    with torch.no_grad():
        return sum((net(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item() for i in range(0, len(x), 1000)) \
            / len(x)


def hypervolume(points):
    """The area (minimised objectives, both in [0, 1]) that the points dominate, up to the reference (1, 1)."""
    area, best_y = 0.0, 1.0
    for x, y in sorted(points):
        if y < best_y:
            area += (1 - x) * (best_y - y)
            best_y = y
    return area


def final_choice(trained):
    """The main job's final stage choice (FrontierSelection.spread, 4 models): of the Pareto frontier of
    (validation accuracy, parameters), the most accurate network within each ceiling, then the most accurate, then
    the member that adds the most hypervolume, on (error, log10 parameters) scaled to [0, 1] over the frontier. (The
    main job's ceilings cut bands; on this two-objective frontier that chooses the same networks: a network above a
    lower ceiling that is less accurate than the best below it is not on the frontier.)"""
    frontier = [t for t in trained if not any(o[1] >= t[1] and o[2] <= t[2] and (o[1] > t[1] or o[2] < t[2])
                                              for o in trained)]
    frontier.sort(key=lambda t: (-t[1], t[2]))
    picks = []
    for ceiling in CEILINGS + [None]:
        within = [t for t in frontier if ceiling is None or t[2] <= ceiling]
        if within and within[0][0] not in picks:
            picks.append(within[0][0])
    errors = [1 - t[1] for t in frontier]
    sizes = [np.log10(t[2]) for t in frontier]

    def scaled(v, values):
        return 0.0 if max(values) == min(values) else (v - min(values)) / (max(values) - min(values))
    point = {t[0]: (scaled(1 - t[1], errors), scaled(np.log10(t[2]), sizes)) for t in frontier}
    while len(picks) < FINAL_MODELS and len(picks) < len(frontier):
        rest = [t[0] for t in frontier if t[0] not in picks]
        base = [point[k] for k in picks]
        picks.append(max(rest, key=lambda k: hypervolume(base + [point[k]])))
    return picks


def parity(run_dir):
    """The replica's parameters and activations against the counts an archai4j run journalled (constraints
    'small' and 'affordable' of the main job), for every network of its configs.jsonl."""
    journal = {}
    with open(os.path.join(run_dir, "evaluations.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            if r.get("objective") in ("small", "affordable") and r.get("value") is not None:
                journal[(r["archid"], r["objective"])] = r["value"]
    checked = 0
    with open(os.path.join(run_dir, "configs.jsonl")) as f:
        for line in f:
            c = json.loads(line)
            raw = c["config"]["stages"]
            config = dict(c["config"], stages=[raw["_configs"][str(i)] for i in range(raw["_repeat_times"])])
            try:
                parameters, activations = counts(network(config))
            except RuntimeError:
                continue  # a network that cannot run on 28x28 images: archai4j journals it as a failure
            for name, mine in (("small", parameters), ("affordable", activations)):
                theirs = journal.get((c["archid"], name))
                if theirs is not None:
                    if int(theirs) != mine:
                        sys.exit(f"parity: {c['archid'][:12]} {name}: archai4j {int(theirs)}, replica {mine}")
                    checked += 1
    print(f"parity: {checked} counts of {run_dir} agree (parameters and activations)")


def main():
    if sys.argv[1] == "--parity":
        parity(sys.argv[2])
        return
    sampler_name, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    began = time.perf_counter()
    torch.set_num_threads(2)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    images = idx("train-images-idx3-ubyte.gz").astype(np.float32) / 255
    labels = idx("train-labels-idx1-ubyte.gz").astype(np.int64)
    rng = np.random.default_rng(seed)
    chosen = rng.permutation(len(images))[:TRAIN + VALIDATION]
    mean, std = images.mean(), images.std()
    x = torch.tensor((images[:, None] - mean) / std)
    y = torch.tensor(labels)
    x_train, y_train = x[chosen[:TRAIN]], y[chosen[:TRAIN]]
    x_val, y_val = x[chosen[TRAIN:]], y[chosen[TRAIN:]]

    def constraints(trial):
        return trial.user_attrs["constraints"]

    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
    if sampler_name == "tpe":
        # Conditional stages are sampled independently of the rest (what multivariate TPE does with a
        # define-by-run space); the warning that says so for every trial is turned off, nothing else.
        sampler = optuna.samplers.TPESampler(multivariate=True, seed=seed, constraints_func=constraints,
                                             warn_independent_sampling=False)
    elif sampler_name == "nsga2":
        sampler = optuna.samplers.NSGAIISampler(seed=seed, constraints_func=constraints)
    else:
        sys.exit(f"bench-peer-optuna: sampler '{sampler_name}'; expected tpe or nsga2")
    study = optuna.create_study(directions=["maximize", "minimize"], sampler=sampler)
    seen, configs, tally = {}, {}, {"trained": 0, "infeasible": 0, "repeats": 0, "failed": 0}
    step_seconds = {}

    def objective(trial):
        config = suggest(trial)
        key = json.dumps(config, sort_keys=True)
        net = network(config)
        try:
            parameters, activations = counts(net)
        except RuntimeError:
            # Pools that shrink the image to nothing: archai4j records such a network as a failed evaluation.
            tally["failed"] += 1
            raise optuna.TrialPruned()
        trial.set_user_attr("constraints", [parameters - MAX_PARAMETERS, activations - MAX_ACTIVATIONS])
        trial.set_user_attr("config", key)
        if parameters > MAX_PARAMETERS or activations > MAX_ACTIVATIONS:
            tally["infeasible"] += 1
            return 0.0, parameters
        if key in seen:
            tally["repeats"] += 1
            return seen[key], parameters
        step_seconds[key] = train(net, x_train, y_train, SCREEN_EPOCHS, seed)
        seen[key] = accuracy(net, x_val, y_val)
        configs[key] = (config, parameters)
        tally["trained"] += 1
        return seen[key], parameters

    search_end = began + BUDGET_S - RESERVE_S
    while time.perf_counter() < search_end:
        study.optimize(objective, n_trials=1)
    search_seconds = time.perf_counter() - began

    picks = final_choice([(key, seen[key], configs[key][1]) for key in seen])
    test_x = torch.tensor((idx("t10k-images-idx3-ubyte.gz").astype(np.float32)[:, None] / 255 - mean) / std)
    test_y = torch.tensor(idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))
    models, left_out = [], []
    for key in picks:
        config, parameters = configs[key]
        steps = FINAL_EPOCHS * len(x) / BATCH
        if time.perf_counter() + 1.1 * steps * step_seconds[key] > began + BUDGET_S:
            left_out.append(key)
            continue
        net = network(config)
        train(net, x, y, FINAL_EPOCHS, seed)
        models.append({"config": config, "parameters": parameters, "validation_accuracy": seen[key],
                       "test_accuracy": accuracy(net, test_x, test_y)})
        print(f"final: test accuracy {models[-1]['test_accuracy']:.4f}, {parameters:,} parameters", flush=True)
    wall = time.perf_counter() - began
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "final.json"), "w") as f:
        json.dump({"models": models, "left_out": len(left_out)}, f, indent=1)
    with open(os.path.join(out, "run.json"), "w") as f:
        json.dump({"name": f"optuna-{sampler_name}", "evaluations": tally["trained"], "trials": len(study.trials),
                   "infeasible": tally["infeasible"], "repeats": tally["repeats"], "failed": tally["failed"],
                   "search_seconds": search_seconds, "wall_seconds": wall, "time_budget_seconds": BUDGET_S}, f,
                  indent=1)
    print(f"optuna-{sampler_name} seed {seed}: {len(study.trials)} trials ({tally['trained']} trained, "
          f"{tally['infeasible']} infeasible, {tally['repeats']} repeats) in {search_seconds:.0f} s; "
          f"{len(models)} final models, {len(left_out)} left out; {wall:.0f} s of {BUDGET_S}", flush=True)


if __name__ == "__main__":
    main()
