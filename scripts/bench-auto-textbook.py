#!/usr/bin/env python3
"""A textbook CNN given the automatic job's wall clock, on an image data set of scripts/bench-auto (its split.npz):
conv3x3(16)+BN+ReLU, maxpool, conv3x3(32)+BN+ReLU, maxpool, flatten, linear(30), ReLU, linear(10 classes) (52,276
parameters on 28x28 Fashion-MNIST), Adam with a one-cycle schedule (max 0.01), batch 128 (32 below 2,000 images),
on every training image. It times 20 steps, then trains a fresh network for as many epochs as fit in the budget
(at most 200), two threads, and measures it once on the test split. Prints one line: textbook=ACC
textbook_parameters=N textbook_epochs=E textbook_s=S. Needs Debian's python3-torch.
Usage: bench-auto-textbook.py DATA_DIR BUDGET_SECONDS"""
import math
import sys
import time

import numpy as np
import torch
from torch import nn

MAX_EPOCHS = 200


def network(side, classes):
    flat = 32 * (side // 4) ** 2
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(flat, 30), nn.ReLU(), nn.Linear(30, classes))


def main(data_dir, budget):
    start = time.time()
    torch.set_num_threads(2)
    torch.manual_seed(1)
    d = np.load(data_dir + "/split.npz")
    side = int(math.isqrt(d["x_train"].shape[1]))
    x = torch.tensor(d["x_train"], dtype=torch.float32).reshape(-1, 1, side, side)
    y = torch.tensor(d["y_train"], dtype=torch.long)
    mean, std = x.mean(), x.std()
    x = (x - mean) / std
    x_test = (torch.tensor(d["x_test"], dtype=torch.float32).reshape(-1, 1, side, side) - mean) / std
    classes = int(max(y.max(), int(d["y_test"].max())) + 1)
    batch = 128 if len(x) >= 2000 else 32
    steps_per_epoch = math.ceil(len(x) / batch)
    loss = nn.CrossEntropyLoss()

    def train(model, steps):
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
        schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.01, total_steps=steps)
        model.train()
        done = 0
        while done < steps:
            order = torch.randperm(len(x))
            for i in range(0, len(x), batch):
                if done == steps:
                    break
                pick = order[i:i + batch]
                optimizer.zero_grad()
                loss(model(x[pick]), y[pick]).backward()
                optimizer.step()
                schedule.step()
                done += 1

    timer = time.time()
    train(network(side, classes), 20)
    per_step = (time.time() - timer) / 20
    left = budget - (time.time() - start) - 5
    epochs = max(1, min(MAX_EPOCHS, int(left / per_step / steps_per_epoch)))
    model = network(side, classes)
    train(model, epochs * steps_per_epoch)
    model.eval()
    with torch.no_grad():
        accuracy = (model(x_test).argmax(1).numpy() == d["y_test"]).mean()
    print("textbook=%.4f textbook_parameters=%d textbook_epochs=%d textbook_s=%.0f"
          % (accuracy, sum(p.numel() for p in model.parameters()), epochs, time.time() - start))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
