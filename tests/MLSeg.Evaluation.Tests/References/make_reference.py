#!/usr/bin/python3
"""Independent reference values for MLSeg.Evaluation's tests (scipy 1.10 / numpy, Debian 12).

Generates mask pairs deterministically, computes Dice and surface distances with scipy's binary erosion
(4-connected cross, background boundary) and distance_transform_edt (with sampling), and statistics with
scipy.stats / numpy, then writes metrics_reference.json next to this file (or to the path given as the first argument).
Run: /usr/bin/python3 make_reference.py [OUT.json]
The 512x512 ring pair is not stored: the C# test generates it from the same formula (see ring()).
"""
import json
import os
import sys

import numpy as np
from scipy import ndimage, stats

CROSS = ndimage.generate_binary_structure(2, 1)


def border(mask):
    return mask & ~ndimage.binary_erosion(mask, structure=CROSS, border_value=0)


def surface(a, b, spacing):
    ba, bb = border(a), border(b)
    to_b = ndimage.distance_transform_edt(~bb, sampling=spacing)
    to_a = ndimage.distance_transform_edt(~ba, sampling=spacing)
    d = np.concatenate([to_b[ba], to_a[bb]])
    return {"hd": float(d.max()), "hd95": float(np.percentile(d, 95)), "assd": float(d.mean()),
            "rmsDta": float(np.sqrt(np.mean(d * d)))}


def metrics(truth, pred, spacing, labels):
    out = {}
    for lab in labels:
        a, b = truth == lab, pred == lab
        sa, sb = int(a.sum()), int(b.sum())
        dice = 1.0 if sa + sb == 0 else 2.0 * int((a & b).sum()) / (sa + sb)
        entry = {"dice": dice, "hd": None, "hd95": None, "assd": None, "rmsDta": None}
        if sa > 0 and sb > 0:
            entry.update(surface(a, b, spacing))
        out[str(lab)] = entry
    return out


def rle(img):
    flat = img.ravel()
    runs, start = [], 0
    for i in range(1, len(flat) + 1):
        if i == len(flat) or flat[i] != flat[start]:
            runs.append([int(flat[start]), i - start])
            start = i
    return runs


def ellipse(h, w, cy, cx, ry, rx, value, img):
    yy, xx = np.mgrid[0:h, 0:w]
    img[((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1.0] = value


def ring(size, cy, cx, r_in, r_out):
    # Integer formula shared with the C# test: label 1 where r_in^2 <= dy^2 + dx^2 <= r_out^2.
    yy, xx = np.mgrid[0:size, 0:size]
    d2 = (yy - cy) ** 2 + (xx - cx) ** 2
    return ((d2 >= r_in * r_in) & (d2 <= r_out * r_out)).astype(np.uint8)


def mask_cases():
    rng = np.random.RandomState(20261122)
    cases = []

    def add(name, truth, pred, spacing, labels):
        cases.append({"name": name, "height": truth.shape[0], "width": truth.shape[1], "spacing": list(spacing),
                      "labels": labels, "truth": rle(truth), "pred": rle(pred),
                      "expected": metrics(truth, pred, spacing, labels)})

    for k in range(4):
        h, w = 40 + 4 * k, 48 - 2 * k
        t = np.zeros((h, w), np.uint8)
        p = np.zeros((h, w), np.uint8)
        ellipse(h, w, h / 2 + rng.uniform(-3, 3), w / 2 + rng.uniform(-3, 3), rng.uniform(8, 15), rng.uniform(8, 15), 1, t)
        ellipse(h, w, h / 2 + rng.uniform(-3, 3), w / 2 + rng.uniform(-3, 3), rng.uniform(8, 15), rng.uniform(8, 15), 1, p)
        ellipse(h, w, h / 2, w / 2, rng.uniform(3, 6), rng.uniform(3, 6), 2, t)
        ellipse(h, w, h / 2 + 1, w / 2 - 1, rng.uniform(3, 6), rng.uniform(3, 6), 2, p)
        spacing = (1.0, 1.0) if k % 2 == 0 else (round(rng.uniform(0.5, 1.5), 4), round(rng.uniform(0.5, 1.5), 4))
        add(f"ellipses_{k}", t, p, spacing, [1, 2])

    t = np.zeros((30, 36), np.uint8)
    p = np.zeros((30, 36), np.uint8)
    t[0:12, 0:20] = 1
    p[0:30, 30:36] = 1
    p[3:10, 2:18] = 1
    add("edge_touching_anisotropic", t, p, (0.7, 1.9), [1])

    t = np.zeros((20, 20), np.uint8)
    t[:, :] = 1
    p = np.zeros((20, 20), np.uint8)
    p[5:15, 5:15] = 1
    add("full_image_vs_square", t, p, (1.25, 0.8), [1])

    for k in range(3):
        t = (rng.uniform(size=(24, 26)) < 0.3).astype(np.uint8) * rng.randint(1, 3, size=(24, 26)).astype(np.uint8)
        p = (rng.uniform(size=(24, 26)) < 0.3).astype(np.uint8) * rng.randint(1, 3, size=(24, 26)).astype(np.uint8)
        add(f"noise_{k}", t, p, (0.9, 1.1 + 0.2 * k), [1, 2])

    t = np.zeros((16, 16), np.uint8)
    t[4:10, 3:12] = 1
    t[11:14, 2:6] = 2
    add("identical", t, t.copy(), (0.5, 2.0), [1, 2])

    p = t.copy()
    p[p == 2] = 0
    add("label_missing_in_prediction", t, p, (1.0, 1.0), [1, 2, 3])

    t = np.zeros((12, 14), np.uint8)
    p = np.zeros((12, 14), np.uint8)
    t[3, 4] = 1
    p[9, 11] = 1
    add("single_pixels", t, p, (1.5, 0.6), [1])
    return cases


def ring_case():
    t = ring(512, 256, 256, 100, 140)
    p = ring(512, 261, 249, 97, 136)
    spacing = (0.78125, 0.703125)
    return {"size": 512, "truth": [256, 256, 100, 140], "pred": [261, 249, 97, 136], "spacing": list(spacing),
            "expected": metrics(t, p, spacing, [1])}


def wilcoxon_cases():
    rng = np.random.RandomState(7)
    cases = []
    for n, shift, mode in [(8, 0.3, "exact"), (15, 0.1, "exact"), (20, -0.2, "exact"), (40, 0.05, "exact")]:
        x = rng.normal(size=n)
        y = x + rng.normal(loc=shift, size=n)
        res = stats.wilcoxon(x, y, mode=mode)
        cases.append({"x": x.tolist(), "y": y.tolist(), "mode": mode, "statistic": float(res.statistic), "p": float(res.pvalue)})
    for n, shift in [(60, 0.15), (120, 0.0), (30, 0.4)]:
        x = np.round(rng.normal(size=n), 1)
        y = np.round(x + rng.normal(loc=shift, size=n), 1)  # rounding makes ties and zero differences
        res = stats.wilcoxon(x, y, mode="approx", correction=True)
        cases.append({"x": x.tolist(), "y": y.tolist(), "mode": "approx", "statistic": float(res.statistic), "p": float(res.pvalue)})
    return cases


def bland_altman_cases():
    rng = np.random.RandomState(11)
    cases = []
    for n in (12, 40):
        truth = rng.uniform(100, 200, size=n)
        pred = truth + rng.normal(2.0, 5.0, size=n)
        d = pred - truth
        bias, sd = float(d.mean()), float(d.std(ddof=1))
        cases.append({"truth": truth.tolist(), "pred": pred.tolist(), "bias": bias, "sd": sd,
                      "lower": bias - 1.96 * sd, "upper": bias + 1.96 * sd,
                      "meanAbsoluteError": float(np.abs(d).mean()),
                      "meanAbsolutePercentError": float(np.mean(np.abs(d) / np.abs(truth)) * 100)})
    return cases


def power_law_cases():
    n = np.array([5, 10, 20, 40, 80, 160], float)
    dice = 1 - 0.6 * n ** -0.45 + np.array([0.004, -0.003, 0.002, -0.001, 0.0015, -0.0005])
    b, loga = np.polyfit(np.log(n), np.log(1 - dice), 1)
    return [{"n": n.tolist(), "dice": dice.tolist(), "a": float(np.exp(loga)), "b": float(-b)}]


def percentile_cases():
    rng = np.random.RandomState(3)
    v = rng.exponential(size=37)
    return [{"values": v.tolist(), "q": q, "expected": float(np.percentile(v, q))} for q in (0, 5, 50, 95, 99.5, 100)]


def main():
    data = {"generator": "make_reference.py (scipy %s, numpy %s)" % (__import__("scipy").__version__, np.__version__),
            "masks": mask_cases(), "ring": ring_case(), "wilcoxon": wilcoxon_cases(),
            "blandAltman": bland_altman_cases(), "powerLaw": power_law_cases(), "percentile": percentile_cases()}
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "metrics_reference.json")
    with open(out + ".tmp", "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
