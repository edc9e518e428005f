"""Writes an MLSeg model checkpoint from PyTorch: a U-Net laid out as MLSeg's UNet (depth 2, 4 base channels,
BatchNorm, bilinear upsampling, 3 classes) with PyTorch's own layers, saved as safetensors with MLSeg's metadata,
plus a fixed input and PyTorch's logits.

The file format is written here by hand from the safetensors specification (8-byte little-endian header length,
JSON header with dtype/shape/data_offsets and __metadata__, raw little-endian data), independently of MLSeg's writer,
so the test that reads it checks MLSeg's loader, module names and forward against PyTorch.

Run with Debian's Python (torch 1.13):  /usr/bin/python3 make_torch_checkpoint.py
Outputs (test data, a few KB): torch_unet_checkpoint.safetensors, torch_unet_checkpoint.json.
"""
import json
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = {"architecture": "UNet", "inChannels": 1, "numClasses": 3, "depth": 2, "baseChannels": 4, "norm": "Batch",
          "normGroups": 8, "upsampling": "Bilinear", "inputAdaptation": "AverageFirstConv"}


class DoubleConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.norm1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.norm2 = nn.BatchNorm2d(cout)

    def forward(self, x):
        return F.relu(self.norm2(self.conv2(F.relu(self.norm1(self.conv1(x))))))


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.stages = nn.ModuleList([DoubleConv(1, 4), DoubleConv(4, 8), DoubleConv(8, 16)])

    def forward(self, x):
        features = [self.stages[0](x)]
        for stage in self.stages[1:]:
            features.append(stage(F.max_pool2d(features[-1], 2)))
        return features


class UpBlock(nn.Module):
    def __init__(self, cin, skip, cout):
        super().__init__()
        self.up = nn.Sequential(nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False), nn.Conv2d(cin, cout, 3, padding=1))
        self.conv = DoubleConv(cout + skip, cout)

    def forward(self, x, skip):
        return self.conv(torch.cat([self.up(x), skip], dim=1))


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([UpBlock(16, 8, 8), UpBlock(8, 4, 4)])

    def forward(self, features):
        x = features[-1]
        for b, block in enumerate(self.blocks):
            x = block(x, features[len(features) - 2 - b])
        return x


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = Encoder()
        self.decoder = Decoder()
        self.head = nn.Conv2d(4, 3, 1)

    def forward(self, x):
        return self.head(self.decoder(self.encoder(x)))


def write_safetensors(path, tensors, metadata):
    codes = {torch.float32: "F32", torch.int64: "I64"}
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": codes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def main():
    torch.manual_seed(20261204)
    net = UNet()
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.3, 0.3)
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
                m.num_batches_tracked.fill_(7)
    net.eval()
    x = torch.randn(1, 1, 16, 16)
    with torch.no_grad():
        y = net(x)
    metadata = {"mlseg.model_config": json.dumps(CONFIG, separators=(",", ":")), "mlseg.input_size": "16x16"}
    write_safetensors(os.path.join(HERE, "torch_unet_checkpoint.safetensors"), net.state_dict(), metadata)
    with open(os.path.join(HERE, "torch_unet_checkpoint.json"), "w") as f:
        json.dump({"torch": torch.__version__, "config": CONFIG, "inputShape": list(x.shape), "outputShape": list(y.shape),
                   "input": x.flatten().tolist(), "output": y.flatten().tolist()}, f)


if __name__ == "__main__":
    main()
