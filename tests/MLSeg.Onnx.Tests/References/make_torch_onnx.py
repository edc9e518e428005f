"""Writes a tiny conv net exported by PyTorch's own torch.onnx.export (opset 13) plus a fixed input and PyTorch's output.

Run with Debian's Python (torch 1.13):  /usr/bin/python3 make_torch_onnx.py
Outputs (kept as test data, a few KB): torch_tiny_net.onnx, torch_tiny_net.json (input, output, shapes, versions).
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.conv2 = nn.Conv2d(4, 4, 3, padding=1, bias=False)
        self.gn = nn.GroupNorm(2, 4)
        self.up = nn.ConvTranspose2d(4, 4, 2, stride=2)
        self.head = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        a = F.relu(self.bn(self.conv1(x)))
        b = F.leaky_relu(self.gn(self.conv2(F.max_pool2d(a, 2))), 0.1)
        b = self.up(b)
        y = self.head(torch.cat([a, b], dim=1))
        y = F.interpolate(y, scale_factor=2, mode="bilinear", align_corners=False)
        return torch.softmax(y, dim=1)


def main():
    torch.manual_seed(20261122)
    net = TinyNet()
    with torch.no_grad():
        net.bn.running_mean.uniform_(-0.2, 0.2)
        net.bn.running_var.uniform_(0.5, 1.5)
        net.gn.weight.uniform_(0.5, 1.5)
        net.gn.bias.uniform_(-0.3, 0.3)
    net.eval()
    x = torch.randn(1, 1, 8, 8)
    with torch.no_grad():
        y = net(x)
    path = os.path.join(HERE, "torch_tiny_net.onnx")
    torch.onnx.export(net, x, path, opset_version=13, input_names=["image"], output_names=["probabilities"],
                      do_constant_folding=True)
    with open(os.path.join(HERE, "torch_tiny_net.json"), "w") as f:
        json.dump({
            "torch": torch.__version__,
            "opset": 13,
            "inputShape": list(x.shape),
            "input": [float(v) for v in x.flatten().tolist()],
            "outputShape": list(y.shape),
            "output": [float(v) for v in y.flatten().tolist()],
        }, f)
        f.write("\n")


if __name__ == "__main__":
    main()
