"""Reference side of tests/benchmarks/dicom_vs_pydicom.sh (Debian /usr/bin/python3: pydicom 2.3, numpy, python3-gdcm).

  generate DIR N          write N 512x512 int16 CT slices (explicit VR little endian) into DIR
  pydicom DIR PASSES W    decode + rescale every DIR/*.dcm with pydicom (dcmread + pixel_array, numpy float32 rescale)
  gdcm DIR PASSES W       the same with gdcm.ImageReader + GetBuffer (for JPEG Lossless / JPEG 2000 files)

The timed loops mirror tests/benchmarks/DicomBench: untimed warm-up over the first W files, PASSES timed passes over
all files (sorted by name), then an untimed pass for the checksum (sum of all rescaled values as float64).
"""
import glob
import sys
import time

import numpy as np


def generate(out, n):
    import pydicom  # noqa: F401  (imported for its submodules)
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    rng = np.random.default_rng(20261122)
    series = generate_uid()
    yy, xx = np.mgrid[0:512, 0:512].astype(np.float32)
    for i in range(n):
        # CT-like content, so the compressed variants compress like real slices: air (-1000 HU) around an elliptical
        # body (~40 HU soft tissue), a fat rim, two bone discs (~700 HU) and Gaussian noise (sigma 12 HU).
        ry, rx = 170 + 20 * np.sin(i / 15), 220 + 15 * np.cos(i / 20)
        r = ((yy - 256) / ry) ** 2 + ((xx - 256) / rx) ** 2
        hu = np.where(r <= 1.0, 40.0, -1000.0)
        hu = np.where((r > 0.85) & (r <= 1.0), -100.0, hu)
        for cy, cx in ((300, 180 + i % 20), (300, 330 - i % 20)):
            hu = np.where((yy - cy) ** 2 + (xx - cx) ** 2 <= 30 ** 2, 700.0, hu)
        hu = hu + rng.normal(0, 12, size=hu.shape)
        # Three rescales (all exact in float32), so the rescale is really applied: slope 1 / 0.5 / 2.
        slope, intercept = ((1.0, -1024.0), (0.5, -1024.0), (2.0, -2048.0))[i % 3]
        stored = np.clip(np.rint((hu - intercept) / slope), -32768, 32767).astype(np.int16)

        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = Dataset()
        ds.file_meta = meta
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
        ds.PatientName, ds.PatientID, ds.StudyInstanceUID = "Bench^Dicom", "BENCH", generate_uid()
        ds.Modality, ds.SeriesInstanceUID, ds.InstanceNumber = "CT", series, i + 1
        ds.FrameOfReferenceUID = series
        ds.ImagePositionPatient, ds.ImageOrientationPatient = [0, 0, i * 2.5], [1, 0, 0, 0, 1, 0]
        ds.SliceThickness = 2.5
        ds.Rows = ds.Columns = 512
        ds.PixelSpacing = [0.7, 0.7]
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        ds.RescaleIntercept, ds.RescaleSlope, ds.RescaleType = intercept, slope, "HU"
        ds.WindowCenter, ds.WindowWidth = 40, 400
        ds.PixelData = stored.tobytes()
        ds.save_as(f"{out}/slice{i:04d}.dcm", write_like_original=False)


def load_pydicom(path):
    import pydicom
    ds = pydicom.dcmread(path)
    # The standard recipe: stored values to float32, then slope and intercept (as float32 scalars, so numpy keeps float32).
    return ds.pixel_array.astype(np.float32) * np.float32(ds.RescaleSlope) + np.float32(ds.RescaleIntercept)


def load_gdcm(path):
    import gdcm
    reader = gdcm.ImageReader()
    reader.SetFileName(path)
    if not reader.Read():
        raise SystemExit(f"gdcm cannot read {path}")
    image = reader.GetImage()
    # GetBuffer returns the decoded bytes as a str (SWIG); surrogateescape gives the bytes back unchanged.
    raw = image.GetBuffer().encode("utf-8", "surrogateescape")
    pixels = np.frombuffer(raw, dtype=np.int16)
    return pixels.astype(np.float32) * np.float32(image.GetSlope()) + np.float32(image.GetIntercept())


def bench(load, folder, passes, warmup):
    files = sorted(glob.glob(folder + "/*.dcm"))
    for _ in range(3):
        for f in files[:warmup]:
            load(f)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(passes):
        for f in files:
            load(f)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    checksum = sum(float(load(f).sum(dtype=np.float64)) for f in files)
    n = len(files) * passes
    print(f"files={len(files)} passes={passes}")
    print("checksum=%r" % checksum)
    print("slices_per_s=%.1f" % (n / elapsed))
    print("slices_per_cpu_s=%.1f" % (n / cpu))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "generate":
        generate(sys.argv[2], int(sys.argv[3]))
    elif cmd in ("pydicom", "gdcm"):
        bench(load_pydicom if cmd == "pydicom" else load_gdcm, sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        raise SystemExit(__doc__)
