#!/usr/bin/env python3
"""Writes the data collection of scripts/bench-auto into a directory: for each data set, a seeded train/test split as
the automatic job reads it (class folders of PNG images, or CSV files) and as scikit-learn reads it (split.npz).

Images: Fashion-MNIST subsets of 1,000 and 5,000 training images (Debian's dataset-fashion-mnist, test: 2,000 of its
test images), scikit-learn's 8x8 digits (1,797 images). Tables: scikit-learn's iris, wine and breast cancer, a
simulated 5,000-row, 20-feature, 4-class table, and two held out by scripts/bench-auto: scikit-learn's diabetes (442
patients, 10 features) with its disease progression above or below the median as the class, and a simulated 800-row,
15-feature, 3-class table with 3% of its labels flipped. Usage: bench-auto-data.py DIR
"""
import csv
import gzip
import os
import struct
import sys
import zlib

import numpy as np
from sklearn import datasets
from sklearn.model_selection import train_test_split

FASHION = "/usr/share/datasets/fashion-mnist"


def png(path, pixels):
    """An 8-bit grayscale PNG of a 2-D uint8 array."""
    h, w = pixels.shape
    raw = b"".join(b"\x00" + pixels[y].tobytes() for y in range(h))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def idx(name):
    with gzip.open(os.path.join(FASHION, name), "rb") as f:
        data = f.read()
    if struct.unpack(">I", data[:4])[0] == 2051:
        n, r, c = struct.unpack(">III", data[4:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, r, c)
    return np.frombuffer(data, np.uint8, offset=8)


def write_images(root, name, x_train, y_train, x_test, y_test, classes):
    """x: uint8 images (n, h, w)."""
    base = os.path.join(root, name)
    for part, xs, ys in (("train", x_train, y_train), ("test", x_test, y_test)):
        for label in range(len(classes)):
            os.makedirs(os.path.join(base, part, classes[label]), exist_ok=True)
        for i, (img, label) in enumerate(zip(xs, ys)):
            png(os.path.join(base, part, classes[label], "%05d.png" % i), img)
    np.savez_compressed(os.path.join(base, "split.npz"), x_train=x_train.reshape(len(x_train), -1) / 255.0,
                        y_train=y_train, x_test=x_test.reshape(len(x_test), -1) / 255.0, y_test=y_test)


def write_table(root, name, x, y, names, classes):
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, random_state=1, stratify=y)
    base = os.path.join(root, name)
    os.makedirs(base, exist_ok=True)
    for part, xs, ys in (("train", x_train, y_train), ("test", x_test, y_test)):
        with open(os.path.join(base, part + ".csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(list(names) + ["class"])
            for row, label in zip(xs, ys):
                w.writerow(["%.6g" % v for v in row] + [classes[label]])
    np.savez_compressed(os.path.join(base, "split.npz"), x_train=x_train, y_train=y_train, x_test=x_test,
                        y_test=y_test)


def main(root):
    rng = np.random.RandomState(1)
    fx, fy = idx("train-images-idx3-ubyte.gz"), idx("train-labels-idx1-ubyte.gz")
    tx, ty = idx("t10k-images-idx3-ubyte.gz"), idx("t10k-labels-idx1-ubyte.gz")
    names = ["tshirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot"]
    test = rng.permutation(len(tx))[:2000]
    for n in (1000, 5000):
        pick = rng.permutation(len(fx))[:n]
        write_images(root, "fmnist-%dk" % (n // 1000), fx[pick], fy[pick], tx[test], ty[test], names)
    digits = datasets.load_digits()
    images = (digits.images * 255.0 / 16.0).round().astype(np.uint8)
    x_train, x_test, y_train, y_test = train_test_split(images, digits.target, test_size=0.2, random_state=1,
                                                        stratify=digits.target)
    write_images(root, "digits", x_train, y_train, x_test, y_test, ["d%d" % d for d in range(10)])
    for name, loader in (("iris", datasets.load_iris), ("wine", datasets.load_wine),
                         ("breast-cancer", datasets.load_breast_cancer)):
        d = loader()
        write_table(root, name, d.data, d.target, ["f%d" % i for i in range(d.data.shape[1])],
                    ["c%d" % c for c in range(len(d.target_names))])
    x, y = datasets.make_classification(n_samples=5000, n_features=20, n_informative=8, n_classes=4,
                                        n_clusters_per_class=2, random_state=1)
    write_table(root, "simulated", x, y, ["f%d" % i for i in range(20)], ["c%d" % c for c in range(4)])
    diabetes = datasets.load_diabetes()
    high = (diabetes.target > np.median(diabetes.target)).astype(int)
    write_table(root, "diabetes", diabetes.data, high, diabetes.feature_names, ["low", "high"])
    x, y = datasets.make_classification(n_samples=800, n_features=15, n_informative=6, n_redundant=3, n_classes=3,
                                        flip_y=0.03, class_sep=0.8, random_state=7)
    write_table(root, "simulated-small", x, y, ["f%d" % i for i in range(15)], ["c%d" % c for c in range(3)])


if __name__ == "__main__":
    main(sys.argv[1])
