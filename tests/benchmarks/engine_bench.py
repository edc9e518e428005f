"""PyTorch side of tests/benchmarks/engine_vs_pytorch.sh (run with /usr/bin/python3: Debian's torch 1.13, the libtorch
MLSeg's shim links against).

The U-Net below is written from MLSeg's UNetEncoder / SkipDecoder / UpBlock / DoubleConv / SegmentationHead, with the
same child names, so MLSeg's initial state dict (saved by EngineBench with the random input and target) loads into it
with strict=True: equal names, shapes and parameter count are checked before anything is timed, and the first loss (or
the inference output) must match MLSeg's. Prints key=value lines like EngineBench.

usage: engine_bench.py train|inference STATE.safetensors THREADS WARMUP STEPS BATCH SIZE MLSEG_RESULTS.txt
"""
import json
import struct
import sys
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


class DoubleConv(nn.Module):
    """(3x3 conv without bias -> BatchNorm -> ReLU) twice, padding 1."""

    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.norm1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.norm2 = nn.BatchNorm2d(cout)

    def forward(self, x):
        x = F.relu(self.norm1(self.conv1(x)))
        return F.relu(self.norm2(self.conv2(x)))


class Encoder(nn.Module):
    """Stage 0 at full resolution, then depth stages of 2x2 max-pool + DoubleConv doubling the channels."""

    def __init__(self, cin, depth, base):
        super().__init__()
        chans = [base << i for i in range(depth + 1)]
        self.stages = nn.ModuleList()
        prev = cin
        for c in chans:
            self.stages.append(DoubleConv(prev, c))
            prev = c
        self.channels = chans

    def forward(self, x):
        feats = [self.stages[0](x)]
        for stage in self.stages[1:]:
            feats.append(stage(F.max_pool2d(feats[-1], 2)))
        return feats


class UpBlock(nn.Module):
    """2x2 stride-2 transposed conv (with bias), concatenation with the skip, DoubleConv."""

    def __init__(self, cin, cskip, cout):
        super().__init__()
        self.up = nn.ConvTranspose2d(cin, cout, 2, stride=2)
        self.conv = DoubleConv(cout + cskip, cout)

    def forward(self, x, skip):
        return self.conv(torch.cat([self.up(x), skip], 1))


class Decoder(nn.Module):
    def __init__(self, chans):
        super().__init__()
        self.blocks = nn.ModuleList()
        cur = chans[-1]
        for c in reversed(chans[:-1]):
            self.blocks.append(UpBlock(cur, c, c))
            cur = c

    def forward(self, feats):
        x = feats[-1]
        for b, block in enumerate(self.blocks):
            x = block(x, feats[len(feats) - 2 - b])
        return x


class UNet(nn.Module):
    def __init__(self, cin=1, classes=2, depth=4, base=32):
        super().__init__()
        self.encoder = Encoder(cin, depth, base)
        self.decoder = Decoder(self.encoder.channels)
        self.head = nn.Conv2d(base, classes, 1)

    def forward(self, x):
        return self.head(self.decoder(self.encoder(x)))


def read_safetensors(path):
    """The tensors of a safetensors file (8-byte little-endian header length, JSON header, raw little-endian data)."""
    dtypes = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32}
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack_from("<Q", blob, 0)
    header = json.loads(blob[8:8 + n])
    base = 8 + n
    out = {}
    for key, info in header.items():
        if key == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        arr = np.frombuffer(blob, dtype=dtypes[info["dtype"]], count=(end - begin) // np.dtype(dtypes[info["dtype"]]).itemsize,
                            offset=base + begin)
        out[key] = torch.from_numpy(arr.copy().reshape(info["shape"]))
    return out


def vmrss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("/proc/self/status has no VmRSS line")


def fail(msg):
    sys.exit("engine_bench.py: " + msg)


def main():
    if len(sys.argv) != 9:
        fail("usage: engine_bench.py train|inference STATE.safetensors THREADS WARMUP STEPS BATCH SIZE MLSEG_RESULTS.txt")
    mode, state_path = sys.argv[1], sys.argv[2]
    threads, warmup, steps, batch, size = (int(a) for a in sys.argv[3:8])
    mlseg = dict(line.strip().split("=", 1) for line in open(sys.argv[8]) if "=" in line)
    if mode not in ("train", "inference"):
        fail("mode %r is not 'train' or 'inference'" % mode)
    train = mode == "train"

    torch.set_num_threads(threads)
    state = read_safetensors(state_path)
    x, target = state.pop("__input"), state.pop("__target", None)
    if tuple(x.shape) != (batch, 1, size, size):
        fail("MLSeg's saved input is %s, expected (%d, 1, %d, %d)" % (tuple(x.shape), batch, size, size))
    model = UNet()
    params = sum(p.numel() for p in model.parameters())
    print("torch_version=%s" % torch.__version__)
    print("threads=%d" % torch.get_num_threads())
    print("params=%d" % params)
    if params != int(mlseg["params"]):
        fail("parameter counts differ: PyTorch %d, MLSeg %s" % (params, mlseg["params"]))
    # strict: every name and shape of MLSeg's state dict (parameters and BatchNorm buffers) must match this network.
    model.load_state_dict(state, strict=True)

    times, values = [], []
    rss0 = cpu0 = wall0 = None
    if train:
        model.train()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        for step in range(warmup + steps):
            if step == warmup:
                rss0, cpu0, wall0 = vmrss_kb(), time.process_time(), time.perf_counter()
            t0 = time.perf_counter()
            # set_to_none=True: MLSeg's ZeroGrad drops the gradients too (1.13's default would zero-fill them).
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x), target)
            loss.backward()
            opt.step()
            values.append(loss.item())
            if step >= warmup:
                times.append(time.perf_counter() - t0)
    else:
        model.eval()
        with torch.no_grad():
            for step in range(warmup + steps):
                if step == warmup:
                    rss0, cpu0, wall0 = vmrss_kb(), time.process_time(), time.perf_counter()
                t0 = time.perf_counter()
                out = model(x)
                if step == 0:
                    values = [out.sum().item(), out.abs().sum().item()]
                if step >= warmup:
                    times.append(time.perf_counter() - t0)
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    rss1 = vmrss_kb()
    images = batch * steps
    print("%s=%s" % ("losses" if train else "output_sum", ",".join(repr(v) for v in values)))
    print("images_per_s=%.4f" % (images / wall))
    print("images_per_s_median_step=%.4f" % (batch / float(np.median(times))))
    print("images_per_cpu_s=%.4f" % (images / cpu))
    print("rss_after_warmup_kb=%d" % rss0)
    print("rss_end_kb=%d" % rss1)
    print("rss_growth_pct=%.2f" % (100.0 * (rss1 - rss0) / rss0))

    # Same network, same weights, same data, same libtorch: the first loss (a forward pass) must agree closely; later
    # losses may drift by float non-associativity in multithreaded reductions, which Adam's normalisation amplifies.
    theirs = [float(v) for v in mlseg["losses" if train else "output_sum"].split(",")]
    if train:
        rel = [abs(a - b) / abs(b) for a, b in zip(values, theirs)]
        print("loss_rel_diff_first=%.2e loss_rel_diff_max=%.2e" % (rel[0], max(rel)))
        if rel[0] > 1e-4:
            fail("first loss differs: PyTorch %r, MLSeg %r (relative %.2e > 1e-4)" % (values[0], theirs[0], rel[0]))
        if max(rel) > 1e-2:
            fail("losses diverge: max relative difference %.2e > 1e-2 (PyTorch %s, MLSeg %s)" % (max(rel), values, theirs))
    else:
        diff = abs(values[0] - theirs[0]) / theirs[1]
        print("output_sum_diff_over_abs_sum=%.2e" % diff)
        if diff > 1e-5:
            fail("inference outputs differ: sum PyTorch %r vs MLSeg %r (|diff| / sum|out| = %.2e > 1e-5)" % (values[0], theirs[0], diff))


if __name__ == "__main__":
    main()
