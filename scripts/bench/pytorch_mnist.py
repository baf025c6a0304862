#!/usr/bin/env python3
"""The PyTorch reference for scripts/bench-local-training.sh: the tutorial MLP trained as trainctl trains it.

Linear(784,128)-ReLU-Linear(128,10), Adam lr 1e-3, batch 32, 5 epochs, (x/255-0.5)/0.5, a fresh shuffle per
epoch, the whole data set preloaded as one tensor and sliced per batch (the fast way to write it in PyTorch), and
a test pass after every epoch, as in the tutorial and in trainctl.
Prints one JSON line: wall seconds of the training loop with its test passes, samples per second, test accuracy.
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch
from torch import nn


def read_idx(directory, name):
    path = os.path.join(directory, name)
    opener = gzip.open if not os.path.exists(path) else open
    path = path if os.path.exists(path) else path + ".gz"
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = struct.unpack(">" + "I" * (magic & 0xFF), data[4:4 + 4 * (magic & 0xFF)])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def load(directory, prefix):
    images = torch.from_numpy(read_idx(directory, prefix + "-images-idx3-ubyte").copy()).float()
    labels = torch.from_numpy(read_idx(directory, prefix + "-labels-idx1-ubyte").copy()).long()
    return ((images / 255 - 0.5) / 0.5).reshape(-1, 784), labels


def test(model, test_x, test_y):
    """The tutorial's test pass after every epoch; .item() waits for the device, so the timing is complete."""
    model.eval()
    with torch.no_grad():
        return (model(test_x).argmax(1) == test_y).float().mean().item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    device = torch.device(args.device)
    train_x, train_y = (t.to(device) for t in load(args.data_dir, "train"))
    test_x, test_y = (t.to(device) for t in load(args.data_dir, "t10k"))

    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    start = time.perf_counter()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(train_x.shape[0], device=device)
        shuffled_x, shuffled_y = train_x[order], train_y[order]
        for i in range(0, train_x.shape[0], args.batch_size):
            x, y = shuffled_x[i:i + args.batch_size], shuffled_y[i:i + args.batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
        accuracy = test(model, test_x, test_y)
    seconds = time.perf_counter() - start
    batches = args.epochs * ((train_x.shape[0] + args.batch_size - 1) // args.batch_size)
    print(json.dumps({
        "engine": "pytorch " + torch.__version__,
        "device": str(device),
        "threads": args.threads,
        "batch_size": args.batch_size,
        "training_seconds": round(seconds, 3),
        "samples_per_second": round(args.epochs * train_x.shape[0] / seconds),
        "ms_per_batch": round(1000 * seconds / batches, 4),
        "test_accuracy": round(accuracy, 4),
    }))


if __name__ == "__main__":
    main()
