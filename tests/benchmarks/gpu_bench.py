"""PyTorch side of tests/benchmarks/gpu_check.sh: the U-Net of engine_bench.py (MLSeg's names and shapes), trained with
Adam + cross-entropy on a CUDA device in float32, bfloat16 autocast, or bfloat16 autocast with channels_last, on the
same random data EngineBench saved. Prints key=value lines: images_per_s (wall clock over the timed steps, synchronised).

usage: gpu_bench.py STATE.safetensors float32|bfloat16 contiguous|channels_last WARMUP STEPS BATCH SIZE
"""
import sys
import time

import torch
import torch.nn.functional as F

from engine_bench import UNet, read_safetensors


def main():
    if len(sys.argv) != 8:
        sys.exit(__doc__)
    state_path, precision, layout = sys.argv[1:4]
    warmup, steps, batch, size = (int(a) for a in sys.argv[4:8])
    if precision not in ("float32", "bfloat16") or layout not in ("contiguous", "channels_last"):
        sys.exit("gpu_bench.py: precision must be float32|bfloat16 and layout contiguous|channels_last")
    dev = torch.device("cuda")
    torch.backends.cudnn.benchmark = True
    state = read_safetensors(state_path)
    x, target = state.pop("__input").to(dev), state.pop("__target").to(dev)
    if tuple(x.shape) != (batch, 1, size, size):
        sys.exit("gpu_bench.py: saved input is %s, expected (%d, 1, %d, %d)" % (tuple(x.shape), batch, size, size))
    model = UNet().to(dev)
    model.load_state_dict({k: v.to(dev) for k, v in state.items()}, strict=True)
    if layout == "channels_last":
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    wall0 = None
    for step in range(warmup + steps):
        if step == warmup:
            torch.cuda.synchronize()
            wall0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=precision == "bfloat16"):
            logits = model(x)
        loss = F.cross_entropy(logits.float(), target)
        loss.backward()
        opt.step()
    torch.cuda.synchronize()
    wall = time.perf_counter() - wall0
    print("torch_version=%s device=%s" % (torch.__version__, torch.cuda.get_device_name(0)))
    print("images_per_s=%.2f" % (batch * steps / wall))


if __name__ == "__main__":
    main()
