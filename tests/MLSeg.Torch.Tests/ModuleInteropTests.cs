using System.Text.Json;
using MLSeg.TestKit;
using MLSeg.Torch.NN;

namespace MLSeg.Torch.Tests;

/// <summary>A PyTorch model's weights, written as safetensors by Python, load strictly into the same MLSeg structure.</summary>
public sealed class ModuleInteropTests : IDisposable
{
    private readonly string dir = RepoPaths.NewTempDir("mlseg-interop");

    public void Dispose() => Directory.Delete(dir, true);

    private const string Script = """
        import json, struct, sys, torch
        torch.manual_seed(3)
        m = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3, padding=1), torch.nn.BatchNorm2d(4), torch.nn.ReLU(),
                                torch.nn.ConvTranspose2d(4, 3, 2, stride=2), torch.nn.GroupNorm(1, 3), torch.nn.Conv2d(3, 2, 1))
        m.train(); m(torch.randn(2, 1, 6, 6) * 2 + 1)  # moves the running statistics and num_batches_tracked
        m.eval()
        x = torch.randn(1, 1, 6, 6)
        with torch.no_grad():
            y = m(x)
        codes = {torch.float32: "F32", torch.int64: "I64"}
        sd = m.state_dict()
        header, blobs, off = {}, [], 0
        for k in sd:
            raw = sd[k].contiguous().numpy().tobytes()
            header[k] = {"dtype": codes[sd[k].dtype], "shape": list(sd[k].shape), "data_offsets": [off, off + len(raw)]}
            off += len(raw); blobs.append(raw)
        h = json.dumps(header).encode()
        with open(sys.argv[1], "wb") as f:
            f.write(struct.pack("<Q", len(h))); f.write(h); f.write(b"".join(blobs))
        print(json.dumps({"keys": list(sd.keys()), "x": x.flatten().tolist(), "y": y.flatten().tolist()}))
        """;

    [ToolFact("py:torch")]
    public void Load_PyTorchStateDict_StrictNamesMatch_EvalOutputMatches()
    {
        string path = Path.Combine(dir, "torch_model.safetensors");
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(Script, path));
        using var g = new Generator(9);
        using var model = new Sequential(new Conv2d(1, 4, 3, padding: 1, generator: g), new BatchNorm2d(4), new ReLU(),
            new ConvTranspose2d(4, 3, (2, 2), stride: (2, 2), generator: g), new GroupNorm(1, 3), new Conv2d(3, 2, 1, generator: g));
        using (Torch.NewDisposeScope())
        {
            Assert.Equal(doc.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetString()), model.StateDict().Keys);
        }

        var report = model.Load(path, strict: true);
        Assert.True(report.IsExact, report.Describe());
        model.Eval();
        using var scope = Torch.NewDisposeScope();
        float[] x = doc.RootElement.GetProperty("x").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        using var noGrad = Torch.NoGrad();
        float[] y = model.Forward(Torch.FromArray(x, 1, 1, 6, 6)).ToArray<float>();
        double[] want = doc.RootElement.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(want.Length, y.Length);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.True(Math.Abs(want[i] - y[i]) <= 1e-5 * Math.Max(1, Math.Abs(want[i])), $"y[{i}]: PyTorch {want[i]:R}, MLSeg {y[i]:R}");
        }

        Assert.Equal(1L, ((BatchNorm2d)model[1]).NumBatchesTracked.ToArray<long>()[0]);
    }
}
