#!/usr/bin/env bash
# Decode + Modality LUT of N generated 512x512 int16 CT slices, in-process on both sides, same files, same run:
#   MLSeg (tests/benchmarks/DicomBench): DicomFile.Open → DicomPixelData.Create → DecodeRescaledFrame(0, reused float[])
#     (GetImage(0), a new float[] per slice, is timed and printed too);
#   pydicom 2.3 (tests/benchmarks/dicom_bench.py): dcmread → pixel_array.astype(float32) * slope + intercept.
# Then the same slices as JPEG Lossless SV1 (dcmcjpeg +e1, process 14, TS 1.2.840.10008.1.2.4.70) and JPEG 2000
# lossless (gdcmconv --j2k): MLSeg (same calls) vs gdcm (gdcm.ImageReader + GetBuffer, same numpy rescale).
# Each side: untimed warm-up on the first files, PASSES timed passes, then a checksum (sum of all rescaled values as
# double) that must agree to 1e-6 relative or the script fails. Prints wall-clock and CPU-time throughput, then
# jpegll_ratio= and j2k_ratio= (MLSeg slices/s ÷ gdcm slices/s), and last ratio=<MLSeg slices/s ÷ pydicom slices/s>.
# Usage: tests/benchmarks/dicom_vs_pydicom.sh [N=200] [PASSES=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-200}"
PASSES="${2:-3}"
WARMUP=10
PY=/usr/bin/python3
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

dotnet build tests/benchmarks/DicomBench -c Release -nologo -v q >/dev/null
DLL=artifacts/build/bin/DicomBench/release/DicomBench.dll

mkdir -p "$WORK/native" "$WORK/jpegll" "$WORK/j2k"
"$PY" tests/benchmarks/dicom_bench.py generate "$WORK/native" "$N"
for f in "$WORK"/native/*.dcm; do
  b="$(basename "$f")"
  dcmcjpeg +e1 "$f" "$WORK/jpegll/$b"
  gdcmconv --j2k "$f" "$WORK/j2k/$b"
done

val() { sed -n "s/^$1=//p" "$2"; }
# compare NAME MLSEG_OUT REF_OUT REF_NAME: prints both sides, fails on checksum disagreement, prints NAME_ratio (wall).
compare() {
  "$PY" - "$1" "$2" "$3" "$4" <<'PY'
import sys
name, ours, theirs, ref = sys.argv[1:5]
def kv(path):
    return dict(line.strip().split("=", 1) for line in open(path) if "=" in line and " " not in line.strip())
o, t = kv(ours), kv(theirs)
so, st = float(o["checksum"]), float(t["checksum"])
if abs(so - st) > 1e-6 * max(abs(st), 1.0):
    sys.exit(f"{name}: checksums disagree: MLSeg {so!r} vs {ref} {st!r}")
print(f"{name}: mlseg_slices_per_s={o['slices_per_s']} mlseg_slices_per_cpu_s={o['slices_per_cpu_s']}"
      + (f" (GetImage: {o['getimage_slices_per_s']} /s, {o['getimage_slices_per_cpu_s']} /cpu-s)" if "getimage_slices_per_s" in o else ""))
print(f"{name}: {ref}_slices_per_s={t['slices_per_s']} {ref}_slices_per_cpu_s={t['slices_per_cpu_s']}")
print(f"{name}: checksum={so!r} agreement=ok cpu_ratio={float(o['slices_per_cpu_s']) / float(t['slices_per_cpu_s']):.2f}")
print(f"{name}_wall_ratio={float(o['slices_per_s']) / float(t['slices_per_s']):.2f}")
PY
}

echo "load_average_start=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "slices=$N size=512x512 int16 passes=$PASSES"
# Reference first, then MLSeg, for each set; page cache is warm for both (the files were just written / converted).
"$PY" tests/benchmarks/dicom_bench.py pydicom "$WORK/native" "$PASSES" "$WARMUP" >"$WORK/pydicom.txt"
dotnet "$DLL" "$WORK/native" "$PASSES" "$WARMUP" >"$WORK/mlseg.txt"
"$PY" tests/benchmarks/dicom_bench.py gdcm "$WORK/jpegll" 1 "$WARMUP" >"$WORK/gdcm_jpegll.txt"
dotnet "$DLL" "$WORK/jpegll" 1 "$WARMUP" >"$WORK/mlseg_jpegll.txt"
"$PY" tests/benchmarks/dicom_bench.py gdcm "$WORK/j2k" 1 "$WARMUP" >"$WORK/gdcm_j2k.txt"
dotnet "$DLL" "$WORK/j2k" 1 "$WARMUP" >"$WORK/mlseg_j2k.txt"

compare native "$WORK/mlseg.txt" "$WORK/pydicom.txt" pydicom | sed 's/^native_wall_ratio=/native_ratio=/' >"$WORK/native.txt"
compare jpegll "$WORK/mlseg_jpegll.txt" "$WORK/gdcm_jpegll.txt" gdcm | sed 's/^jpegll_wall_ratio=/jpegll_ratio=/'
compare j2k "$WORK/mlseg_j2k.txt" "$WORK/gdcm_j2k.txt" gdcm | sed 's/^j2k_wall_ratio=/j2k_ratio=/'
grep -v '^native_ratio=' "$WORK/native.txt"
echo "load_average_end=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "ratio=$(val native_ratio "$WORK/native.txt")"
