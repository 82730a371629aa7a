#!/usr/bin/env python3
"""The yardstick of scripts/bench-train: the same network, data shape, optimizer and measurements in PyTorch.

Runs with any python3 that has torch (Debian: apt-get install python3-torch, then /usr/bin/python3).
Prints images_per_sec=<n> and latency_ms=<n>, as TrainBenchmark does.
"""
import statistics
import sys
import time

import torch
import torch.nn as nn

BATCH = 64


def block(in_ch, out_ch):
    return nn.Sequential(nn.Conv2d(in_ch, out_ch, 3, padding='same'), nn.BatchNorm2d(out_ch), nn.ReLU())


def model():
    return nn.Sequential(
        nn.Sequential(nn.Conv2d(1, 16, 3, stride=1, padding=1), nn.BatchNorm2d(16), nn.ReLU()),
        block(16, 32), block(32, 32), nn.MaxPool2d(2),
        block(32, 64), nn.MaxPool2d(2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))


def main():
    timed_steps = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    torch.manual_seed(1)
    net = model()
    images = torch.rand(BATCH * 100, 1, 28, 28)
    labels = torch.randint(0, 10, (BATCH * 100,))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def step(i):
        k = (i % 100) * BATCH
        opt.zero_grad()
        loss = loss_fn(net(images[k:k + BATCH]), labels[k:k + BATCH])
        loss.backward()
        opt.step()
        return loss.item()

    net.train()
    for i in range(30):
        step(i)
    start = time.perf_counter()
    for i in range(timed_steps):
        step(30 + i)
    print(f"images_per_sec={timed_steps * BATCH / (time.perf_counter() - start):.0f}")

    net.eval()
    x = torch.rand(1, 1, 28, 28)
    samples = []
    with torch.no_grad():
        for i in range(220):
            start = time.perf_counter()
            net(x)
            if i >= 20:
                samples.append(time.perf_counter() - start)
    print(f"latency_ms={statistics.median(samples) * 1e3:.3f}")


if __name__ == "__main__":
    main()
