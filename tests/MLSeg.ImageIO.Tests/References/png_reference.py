"""PNG cross-check cases for MLSeg.ImageIO.Tests (run with Debian's /usr/bin/python3; needs numpy and PIL).

usage: png_reference.py OUT_DIR  -> writes PNG files into OUT_DIR and prints a JSON list of cases:
  {file, channels, height, width, values}  where values are the expected Image2D samples in (C, Y, X) order
  (stored values; palette expanded to RGB; alpha dropped).

Two sources of files:
  * PIL's own encoder (modes L, I;16, 1, P, LA, RGB, RGBA): the expected values are PIL's decode of its file.
  * a small encoder below that covers what PIL cannot write (2/4-bit grey, 16-bit RGB(A)/grey+alpha, Adam7
    interlacing, each filter type forced). Every such file is decoded by PIL too and must agree (after PIL's
    documented depth mapping) with the samples it was built from, so the encoder is itself checked.
"""
import json, os, struct, sys, zlib
import numpy as np
from PIL import Image

out = sys.argv[1]
rng = np.random.default_rng(20261122)
cases = []

def add(name, arr_cyx):
    c, h, w = arr_cyx.shape
    cases.append({"file": os.path.join(out, name), "channels": int(c), "height": int(h), "width": int(w),
                  "values": [int(v) for v in arr_cyx.reshape(-1)]})

# --- PIL-written files -----------------------------------------------------------------------------------
h, w = 13, 17
g8 = rng.integers(0, 256, (h, w), dtype=np.uint8)
Image.fromarray(g8, "L").save(os.path.join(out, "pil_L.png")); add("pil_L.png", g8[None])
g16 = rng.integers(0, 65536, (h, w)).astype(np.uint16)
im16 = Image.fromarray(g16.astype(np.int32), "I"); im16.save(os.path.join(out, "pil_I16.png"))
back = np.array(Image.open(os.path.join(out, "pil_I16.png"))); assert (back == g16).all(); add("pil_I16.png", g16[None])
b1 = rng.integers(0, 2, (h, w)).astype(bool)
Image.fromarray(b1).save(os.path.join(out, "pil_1.png")); add("pil_1.png", b1.astype(np.uint8)[None])
rgb = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
Image.fromarray(rgb, "RGB").save(os.path.join(out, "pil_RGB.png")); add("pil_RGB.png", rgb.transpose(2, 0, 1))
rgba = rng.integers(0, 256, (h, w, 4), dtype=np.uint8)
Image.fromarray(rgba, "RGBA").save(os.path.join(out, "pil_RGBA.png")); add("pil_RGBA.png", rgba[..., :3].transpose(2, 0, 1))
la = rng.integers(0, 256, (h, w, 2), dtype=np.uint8)
Image.fromarray(la, "LA").save(os.path.join(out, "pil_LA.png")); add("pil_LA.png", la[..., :1].transpose(2, 0, 1))
for bits, colours in ((8, 200), (4, 16), (2, 4), (1, 2)):
    p = Image.fromarray(rgb, "RGB").quantize(colors=colours)
    name = f"pil_P{bits}.png"
    p.save(os.path.join(out, name), bits=bits)
    dec = np.array(Image.open(os.path.join(out, name)).convert("RGB"))
    add(name, dec.transpose(2, 0, 1))

# --- small reference encoder ---------------------------------------------------------------------------
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]

def chunk(t, body):
    return struct.pack(">I", len(body)) + t + body + struct.pack(">I", zlib.crc32(t + body) & 0xFFFFFFFF)

def pack_rows(a, depth):
    """a: (h, w, s) samples -> list of row byte strings."""
    rows = []
    for r in a:
        flat = r.reshape(-1)
        if depth == 16:
            rows.append(b"".join(struct.pack(">H", int(v)) for v in flat))
        elif depth == 8:
            rows.append(bytes(int(v) for v in flat))
        else:
            bits = "".join(format(int(v), f"0{depth}b") for v in flat)
            bits += "0" * (-len(bits) % 8)
            rows.append(bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)))
    return rows

def paeth(a, b, c):
    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)

def filt(rows, bpp, ftype):
    out_b, prev = b"", bytes(len(rows[0])) if rows else b""
    for y, row in enumerate(rows):
        f = ftype if ftype is not None else y % 5
        res = bytearray()
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][f]
            res.append((x - pred) & 0xFF)
        out_b += bytes([f]) + bytes(res)
        prev = row
    return out_b

def encode(name, a, depth, colour, interlace, ftype):
    hh, ww, s = a.shape
    bpp = max(1, depth * s // 8)
    if interlace:
        data = b""
        for x0, y0, dx, dy in ADAM7:
            sub = a[y0::dy, x0::dx]
            if sub.size:
                data += filt(pack_rows(sub, depth), bpp, ftype)
    else:
        data = filt(pack_rows(a, depth), bpp, ftype)
    ihdr = struct.pack(">IIBBBBB", ww, hh, depth, colour, 0, 0, 1 if interlace else 0)
    with open(os.path.join(out, name), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(data, 9)) + chunk(b"IEND", b""))
    pil = np.array(Image.open(os.path.join(out, name)))
    return pil

for interlace in (False, True):
    for ftype in (None, 0, 1, 2, 3, 4):
        tag = f"{'i' if interlace else 'n'}{'m' if ftype is None else ftype}"
        for depth in (1, 2, 4, 8, 16):
            g = rng.integers(0, 2 ** depth, (11, 9, 1))
            pil = encode(f"ref_gray{depth}_{tag}.png", g, depth, 0, interlace, ftype)
            if depth == 1:
                assert (pil.astype(int) == g[..., 0]).all(), depth
            elif depth in (2, 4):
                assert (pil.astype(int) == g[..., 0] * (255 // (2 ** depth - 1))).all(), depth
            else:
                assert (pil.astype(int) == g[..., 0]).all(), depth
            add(f"ref_gray{depth}_{tag}.png", g.transpose(2, 0, 1))
        for depth in (8, 16):
            for colour, s in ((2, 3), (6, 4), (4, 2)):
                a = rng.integers(0, 2 ** depth, (10, 7, s))
                pil = encode(f"ref_c{colour}_{depth}_{tag}.png", a, depth, colour, interlace, ftype)
                keep = a[..., :3] if s >= 3 else a[..., :1]
                if depth == 8:
                    assert (pil.reshape(a.shape).astype(int) == a).all()
                else:  # PIL keeps 16-bit precision only for grey; colour comes back as the high byte
                    ref = a if colour == 4 else a >> 8
                    got = pil.reshape(10, 7, -1).astype(int)
                    assert colour == 4 or (got[..., :3] == ref[..., :3]).all()
                add(f"ref_c{colour}_{depth}_{tag}.png", keep.transpose(2, 0, 1))

print(json.dumps(cases))
