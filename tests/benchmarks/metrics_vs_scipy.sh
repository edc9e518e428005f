#!/usr/bin/env bash
# HD95 + ASSD + RMS-DTA on N pairs of 512x512 masks: MLSeg (tests/benchmarks/MetricsBench) vs scipy
# (binary_erosion with the 4-connected cross + distance_transform_edt with sampling), same pairs, same run.
# Prints both throughputs, checks the summed metrics agree, and ends with ratio=<MLSeg pairs/s / scipy pairs/s>.
# Both sides are single-threaded; the ratio uses CPU time (process CPU seconds) so that load from other jobs on a
# shared machine does not skew it; wall-clock throughputs and their ratio are printed as well.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${N:-100}"
SIZE=512
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

dotnet build tests/benchmarks/MetricsBench -c Release -nologo -v q >/dev/null

/usr/bin/python3 - "$WORK/pairs.bin" "$N" "$SIZE" > "$WORK/scipy.txt" <<'PY'
import sys, time
import numpy as np
from scipy import ndimage
out, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.RandomState(1122)
yy, xx = np.mgrid[0:size, 0:size]
def blob():
    # A smooth random blob (ellipse with a radial harmonic perturbation), radius 40-150 px, somewhere in the image.
    cy, cx = rng.uniform(160, size - 160, 2)
    r0 = rng.uniform(40, 150)
    a, k, ph, ar = rng.uniform(0.05, 0.2), rng.randint(2, 6), rng.uniform(0, 6.283), rng.uniform(0.7, 1.3)
    th = np.arctan2(yy - cy, xx - cx)
    rr = np.sqrt(((yy - cy) * ar) ** 2 + (xx - cx) ** 2)
    return (rr <= r0 * (1 + a * np.sin(k * th + ph))).astype(np.uint8)
pairs = []
for i in range(n):
    t = blob()
    p = np.roll(t, (rng.randint(-8, 9), rng.randint(-8, 9)), axis=(0, 1))
    p = ndimage.binary_dilation(p, iterations=int(rng.randint(0, 4))).astype(np.uint8)
    pairs.append((t, p))
with open(out, "wb") as f:
    for t, p in pairs:
        f.write(t.tobytes()); f.write(p.tobytes())
cross = ndimage.generate_binary_structure(2, 1)
sp = (0.78125, 0.78125)
def metrics(t, p):
    a, b = t.astype(bool), p.astype(bool)
    ba = a & ~ndimage.binary_erosion(a, structure=cross, border_value=0)
    bb = b & ~ndimage.binary_erosion(b, structure=cross, border_value=0)
    d = np.concatenate([ndimage.distance_transform_edt(~bb, sampling=sp)[ba], ndimage.distance_transform_edt(~ba, sampling=sp)[bb]])
    return np.percentile(d, 95), d.mean(), np.sqrt(np.mean(d * d))
start, cpu = time.perf_counter(), time.process_time()
checksum = sum(sum(metrics(t, p)) for t, p in pairs)
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
print("checksum=%r" % checksum)
print("pairs_per_s=%.2f" % (n / elapsed))
print("pairs_per_cpu_s=%.2f" % (n / cpu))
PY

DLL="artifacts/build/bin/MetricsBench/release/MetricsBench.dll"
dotnet "$DLL" "$WORK/pairs.bin" "$N" "$SIZE" 5 > "$WORK/mlseg.txt"

val() { sed -n "s/^$1=//p" "$2"; }
SCIPY_RATE=$(val pairs_per_cpu_s "$WORK/scipy.txt")
MLSEG_RATE=$(val pairs_per_cpu_s "$WORK/mlseg.txt")
SCIPY_WALL=$(val pairs_per_s "$WORK/scipy.txt")
MLSEG_WALL=$(val pairs_per_s "$WORK/mlseg.txt")
SCIPY_SUM=$(val checksum "$WORK/scipy.txt")
MLSEG_SUM=$(val checksum "$WORK/mlseg.txt")
echo "pairs=$N size=${SIZE}x${SIZE} metrics=hd95+assd+rmsDta"
echo "scipy_pairs_per_cpu_s=$SCIPY_RATE scipy_pairs_per_wall_s=$SCIPY_WALL checksum=$SCIPY_SUM"
echo "mlseg_pairs_per_cpu_s=$MLSEG_RATE mlseg_pairs_per_wall_s=$MLSEG_WALL checksum=$MLSEG_SUM"
echo "wall_ratio=$(/usr/bin/python3 -c "print('%.2f' % (float('$MLSEG_WALL') / float('$SCIPY_WALL')))")"
/usr/bin/python3 -c "
import sys
s, m = float('$SCIPY_SUM'), float('$MLSEG_SUM')
if abs(s - m) > 1e-6 * abs(s):
    sys.exit('metrics disagree: scipy %r vs MLSeg %r' % (s, m))
print('agreement=ok (relative difference %.2e)' % (abs(s - m) / abs(s)))
print('ratio=%.2f' % (float('$MLSEG_RATE') / float('$SCIPY_RATE')))
"
