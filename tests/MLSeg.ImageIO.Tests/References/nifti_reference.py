"""NIfTI reference values for MLSeg.ImageIO.Tests, computed by nibabel (run with Debian's /usr/bin/python3).

usage: nifti_reference.py FIXTURES_DIR > nifti_reference.json
For each fixture: shape, per-volume NaN-ignoring min/max/mean and NaN count of get_fdata()
(scaling applied), voxel samples (i, j, k, t, value; null = NaN),
spacing in mm (zooms scaled by xyzt_units), and the geometry MLSeg's Volume uses: LPS origin (affine column 3 with
x, y negated) and the direction cosines of axes i, j, k in LPS.
"""
import json, os, sys
import numpy as np
import nibabel as nib

root = sys.argv[1]
files = ["nifti/standard.nii.gz", "nifti/anatomical.nii", "nifti-extra/example_nifti2.nii.gz",
         "nifti-extra/functional.nii", "nifti-extra/resampled_anat_moved.nii"]
unit_mm = {"meter": 1000.0, "mm": 1.0, "micron": 0.001, "unknown": 1.0}
out = []
rng = np.random.default_rng(5)
for rel in files:
    img = nib.load(os.path.join(root, rel))
    data = img.get_fdata(dtype=np.float64)
    if data.ndim == 3:
        data = data[..., None]
    aff = img.affine
    lps = np.diag([-1.0, -1.0, 1.0]) @ aff[:3, :]
    direction = [float(v) for axis in range(3) for v in (lps[:, axis] / np.linalg.norm(lps[:, axis]))]
    unit = unit_mm[img.header.get_xyzt_units()[0]]
    zooms = [float(z) * unit for z in img.header.get_zooms()[:3]]
    samples = []
    for _ in range(12):
        i, j, k, t = (int(rng.integers(0, n)) for n in data.shape)
        v = float(data[i, j, k, t])
        samples.append([i, j, k, t, None if np.isnan(v) else v])
    out.append({
        "file": rel, "version": 2 if isinstance(img, nib.Nifti2Image) else 1,
        "shape": [int(s) for s in data.shape],
        "min": [float(np.nanmin(data[..., t])) for t in range(data.shape[3])],
        "max": [float(np.nanmax(data[..., t])) for t in range(data.shape[3])],
        "mean": [float(np.nanmean(data[..., t])) for t in range(data.shape[3])],
        "nanCount": [int(np.isnan(data[..., t]).sum()) for t in range(data.shape[3])],
        "samples": samples, "spacingMm": zooms,
        "originLps": [float(v) for v in lps[:, 3]], "directionLps": direction,
        "affineRas": [float(v) for v in aff[:3, :].reshape(-1)],
    })
print(json.dumps(out, indent=1))
