#!/usr/bin/env bash
# Decode + Modality LUT of N generated 512x512 int16 CT slices: MLSeg (`mlseg dicom stats`) vs pydicom 2.3 (numpy),
# both computing min/max/mean of the rescaled values. Prints timings and `ratio=<pydicom seconds / MLSeg seconds>` last.
# Usage: tests/benchmarks/dicom_vs_pydicom.sh [N=200]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-200}"
py=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$py" - "$work" "$n" <<'PY'
import sys, numpy as np, pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
out, n = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(20261122)
series = generate_uid()
for i in range(n):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
    ds.Modality, ds.SeriesInstanceUID, ds.InstanceNumber = "CT", series, i + 1
    ds.ImagePositionPatient, ds.ImageOrientationPatient = [0, 0, i * 2.5], [1, 0, 0, 0, 1, 0]
    ds.Rows = ds.Columns = 512
    ds.PixelSpacing = [0.7, 0.7]
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
    ds.PixelData = rng.integers(0, 3000, size=(512, 512), dtype=np.int16).tobytes()
    ds.save_as(f"{out}/slice{i:04d}.dcm", write_like_original=False)
PY

# Build outside the timed region, then run the built CLI directly (./mlseg also checks sources for staleness).
"$root/mlseg" version >/dev/null
dll="$root/artifacts/build/bin/MLSeg.Cli/release/MLSeg.Cli.dll"
cat >"$work/pydicom_stats.py" <<'PY'
import sys, glob, numpy as np, pydicom
for f in sorted(glob.glob(sys.argv[1] + "/*.dcm")):
    ds = pydicom.dcmread(f)
    hu = ds.pixel_array.astype(np.float64) * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
    print(f, hu.min(), hu.max(), hu.mean())
PY

# Best of 3 runs each (files in the page cache for both; includes process start-up for both).
best() { sort -g | head -1; }
mlseg_s=$(for r in 1 2 3; do
  start=$(date +%s.%N); dotnet "$dll" dicom stats "$work"/*.dcm --json >"$work/mlseg.json"
  echo "$(date +%s.%N) - $start" | bc -l; done | best)
pydicom_s=$(for r in 1 2 3; do
  start=$(date +%s.%N); "$py" "$work/pydicom_stats.py" "$work" >"$work/pydicom.txt"
  echo "$(date +%s.%N) - $start" | bc -l; done | best)

# Same answers: the first file's mean after rescale.
"$py" - "$work" <<'PY'
import sys, json
ours = json.load(open(sys.argv[1] + "/mlseg.json"))
theirs = [l.split() for l in open(sys.argv[1] + "/pydicom.txt")]
assert len(ours) == len(theirs), (len(ours), len(theirs))
for o, t in zip(ours, theirs):
    assert abs(o["modMean"] - float(t[3])) < 1e-6 and o["modMin"] == float(t[1]) and o["modMax"] == float(t[2]), (o, t)
print(f"checked {len(ours)} files: MLSeg and pydicom agree on min/max/mean after rescale")
PY
printf 'files=%s mlseg_s=%.3f pydicom_s=%.3f (both include process start-up)\n' "$n" "$mlseg_s" "$pydicom_s"
printf 'ratio=%.2f\n' "$(echo "$pydicom_s / $mlseg_s" | bc -l)"
