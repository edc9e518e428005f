"""Reference data for MLSeg.Models' torchvision-compatible ResNet encoder.

Usage: /usr/bin/python3 make_resnet18.py OUT_DIR

Writes, with Debian's torch + torchvision and without the safetensors package (the format is written by hand:
8-byte little-endian header length, JSON header {name: {dtype, shape, data_offsets}} with sorted keys, raw
little-endian row-major data):
  OUT_DIR/resnet18.safetensors   state dict of torchvision.models.resnet18(weights=None) after torch.manual_seed(0)
                                 and one training-mode batch (so running statistics and num_batches_tracked are not
                                 at their defaults), fc.* included
  OUT_DIR/reference.safetensors  "input" (1x3x64x64), eval-mode features "rgb.stem", "rgb.layer1".."rgb.layer4";
                                 "gray" = mean of the input over RGB (1x1x64x64) and the features of the network whose
                                 conv1.weight is averaged ("avg.*") or summed ("sum.*") over dim 1, applied to "gray"
  OUT_DIR/keys.json              state_dict keys and parameter counts (total and fc) of resnet18 and resnet34
"""
import json
import os
import struct
import sys

import torch
import torchvision

CODES = {torch.float32: "F32", torch.int64: "I64"}


def save_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for key in sorted(tensors):
        t = tensors[key].detach().contiguous().cpu()
        raw = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[key] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    encoded = json.dumps(header, sort_keys=True).encode("utf-8")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for raw in blobs:
            f.write(raw)


def stages(model, x):
    stem = model.relu(model.bn1(model.conv1(x)))
    out = {"stem": stem}
    h = model.maxpool(stem)
    for name in ("layer1", "layer2", "layer3", "layer4"):
        h = getattr(model, name)(h)
        out[name] = h
    return out


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None)
    model.train()
    with torch.no_grad():
        model(torch.randn(4, 3, 64, 64) * 2 + 0.5)
    model.eval()
    save_safetensors(os.path.join(out_dir, "resnet18.safetensors"), model.state_dict())

    x = torch.randn(1, 3, 64, 64)
    gray = x.mean(dim=1, keepdim=True)
    ref = {"input": x, "gray": gray}
    with torch.no_grad():
        for key, value in stages(model, x).items():
            ref["rgb." + key] = value
        rgb_weight = model.conv1.weight.detach().clone()
        for prefix, folded in (("avg.", rgb_weight.mean(dim=1, keepdim=True)), ("sum.", rgb_weight.sum(dim=1, keepdim=True))):
            conv = torch.nn.Conv2d(1, 64, 7, stride=2, padding=3, bias=False)
            conv.weight.copy_(folded)
            model.conv1 = conv
            for key, value in stages(model, gray).items():
                ref[prefix + key] = value
    save_safetensors(os.path.join(out_dir, "reference.safetensors"), ref)

    keys = {}
    for name, factory in (("resnet18", torchvision.models.resnet18), ("resnet34", torchvision.models.resnet34)):
        m = factory(weights=None)
        keys[name] = {
            "keys": list(m.state_dict().keys()),
            "parameters": sum(p.numel() for p in m.parameters()),
            "fc_parameters": sum(p.numel() for p in m.fc.parameters()),
        }
    with open(os.path.join(out_dir, "keys.json"), "w", encoding="utf-8") as f:
        json.dump(keys, f)


if __name__ == "__main__":
    main(sys.argv[1])
