#!/usr/bin/python3
"""Writes parity.json: fixed-seed float32 inputs and PyTorch's outputs for the NN ops MLSeg.Torch wraps.

Run with Debian's python3-torch:  /usr/bin/python3 make_parity.py  (rewrites parity.json beside this script).
The C# test ParityTests loads the inputs, runs MLSeg's ops and compares with PyTorch's outputs.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20261122)


def enc(t):
    t = t.detach()
    # float32 values are written as their shortest round-trip decimal (numpy.s float32 str): parsing one as a double
    # and narrowing to float32 gives back the exact value, at half the file size of the double expansion.
    data = [float(str(v)) for v in t.flatten().numpy()] if t.dtype == torch.float32 else t.flatten().tolist()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": data}


cases = {}


def case(name, inputs, outputs):
    cases[name] = {"inputs": {k: enc(v) for k, v in inputs.items()}, "outputs": {k: enc(v) for k, v in outputs.items()}}


x = torch.randn(2, 3, 7, 7)
w = torch.randn(4, 3, 3, 3) * 0.3
b = torch.randn(4)
case("conv2d", {"x": x, "w": w, "b": b}, {"y": F.conv2d(x, w, b, stride=2, padding=1)})
case("conv2d_dilated_grouped", {"x": x[:, :2], "w": w[:, :1]}, {"y": F.conv2d(x[:, :2], w[:, :1], None, padding=2, dilation=2, groups=2)})

xt = torch.randn(1, 3, 4, 4)
wt = torch.randn(3, 2, 3, 3) * 0.3
bt = torch.randn(2)
case("conv_transpose2d", {"x": xt, "w": wt, "b": bt}, {"y": F.conv_transpose2d(xt, wt, bt, stride=2, padding=1, output_padding=1)})

xb = torch.randn(4, 3, 5, 5) * 2 + 1
gamma = torch.rand(3) + 0.5
beta = torch.randn(3)
rm = torch.randn(3) * 0.1
rv = torch.rand(3) + 0.5
rm_train, rv_train = rm.clone(), rv.clone()
y_train = F.batch_norm(xb, rm_train, rv_train, gamma, beta, training=True, momentum=0.1, eps=1e-5)
case("batch_norm_train", {"x": xb, "weight": gamma, "bias": beta, "running_mean": rm, "running_var": rv},
     {"y": y_train, "running_mean": rm_train, "running_var": rv_train})
case("batch_norm_eval", {"x": xb, "weight": gamma, "bias": beta, "running_mean": rm, "running_var": rv},
     {"y": F.batch_norm(xb, rm.clone(), rv.clone(), gamma, beta, training=False, eps=1e-5)})

xg = torch.randn(2, 4, 5, 5)
case("group_norm", {"x": xg, "weight": torch.rand(4) + 0.5, "bias": torch.randn(4)}, {})
cases["group_norm"]["outputs"]["y"] = enc(F.group_norm(xg, 2, torch.tensor(cases["group_norm"]["inputs"]["weight"]["data"], dtype=torch.float32),
                                                        torch.tensor(cases["group_norm"]["inputs"]["bias"]["data"], dtype=torch.float32), eps=1e-5))

xp = torch.randn(2, 2, 9, 9)
case("max_pool2d", {"x": xp}, {"y": F.max_pool2d(xp, 3, stride=2, padding=1)})
case("max_pool2d_ceil", {"x": xp}, {"y": F.max_pool2d(xp, 2, stride=2, ceil_mode=True)})
case("avg_pool2d", {"x": xp}, {"y": F.avg_pool2d(xp, 3, stride=2, padding=1, count_include_pad=False)})
case("adaptive_avg_pool2d", {"x": xp}, {"y": F.adaptive_avg_pool2d(xp, (4, 3))})

xi = torch.randn(1, 2, 5, 6)
case("interpolate_nearest", {"x": xi}, {"y": F.interpolate(xi, size=(11, 8), mode="nearest")})
case("interpolate_bilinear", {"x": xi}, {"y": F.interpolate(xi, size=(11, 8), mode="bilinear", align_corners=False)})
case("interpolate_bilinear_aligned", {"x": xi}, {"y": F.interpolate(xi, size=(9, 13), mode="bilinear", align_corners=True)})

xs = torch.randn(3, 5, 4) * 3
case("softmax", {"x": xs}, {"y": F.softmax(xs, dim=1)})
case("log_softmax", {"x": xs}, {"y": F.log_softmax(xs, dim=1)})

logits = torch.randn(2, 4, 6, 6) * 2
target = torch.randint(0, 4, (2, 6, 6))
target[0, 0, :3] = 255
cw = torch.tensor([0.1, 1.0, 2.0, 0.5])
case("cross_entropy", {"x": logits, "target": target, "weight": cw},
     {"mean": F.cross_entropy(logits, target, weight=cw, ignore_index=255),
      "none": F.cross_entropy(logits, target, weight=cw, ignore_index=255, reduction="none"),
      "smoothed": F.cross_entropy(logits, target, ignore_index=255, label_smoothing=0.1)})

z = torch.randn(3, 5)
tz = torch.rand(3, 5)
case("bce_with_logits", {"x": z, "target": tz, "pos_weight": torch.tensor([1.0, 2.0, 0.5, 3.0, 1.5])}, {})
cases["bce_with_logits"]["outputs"]["y"] = enc(F.binary_cross_entropy_with_logits(z, tz, pos_weight=torch.tensor([1.0, 2.0, 0.5, 3.0, 1.5])))
case("mse", {"x": z, "target": tz}, {"y": F.mse_loss(z, tz)})

out = {"generator": "tests/MLSeg.Torch.Tests/References/make_parity.py", "torch_version": torch.__version__, "seed": 20261122, "cases": cases}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parity.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print(path, os.path.getsize(path), "bytes")
