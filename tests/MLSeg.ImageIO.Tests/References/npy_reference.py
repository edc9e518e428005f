"""NPY cross-check cases for MLSeg.ImageIO.Tests (Debian's /usr/bin/python3 with numpy).

usage: npy_reference.py OUT_DIR -> writes .npy files with numpy and prints a JSON list of
{file, shape, values} where values are the elements in C order (as numbers; bool as 0/1).
Covers every supported dtype in both byte orders, C and Fortran order, and format versions 1.0, 2.0 and 3.0.
"""
import json, os, sys
import numpy as np
from numpy.lib import format as npf

out = sys.argv[1]
rng = np.random.default_rng(11)
cases = []
for code in ["f4", "f8", "i2", "i4", "i8", "u1", "b1", "u2"]:
    for order in ("<", ">"):
        if code in ("u1", "b1") and order == ">":
            continue
        for fortran in (False, True):
            for version in ((1, 0), (2, 0), (3, 0)):
                dt = np.dtype(("|" if code in ("u1", "b1") else order) + code)
                a = (rng.normal(0, 1000, (3, 4, 5)) if code[0] == "f" else rng.integers(0, 200, (3, 4, 5))).astype(dt)
                if code == "b1":
                    a = rng.integers(0, 2, (3, 4, 5)).astype(bool)
                if code[0] == "i":
                    a = (a.astype(np.int64) - 100).astype(dt)
                a = np.asfortranarray(a) if fortran else np.ascontiguousarray(a)
                name = f"{order.replace('<', 'le').replace('>', 'be')}_{code}_{'F' if fortran else 'C'}_v{version[0]}.npy"
                with open(os.path.join(out, name), "wb") as f:
                    npf.write_array(f, a, version=version)
                cases.append({"file": os.path.join(out, name), "shape": list(a.shape),
                              "values": [float(v) for v in np.ascontiguousarray(a).reshape(-1).astype(np.float64)]})
print(json.dumps(cases))
