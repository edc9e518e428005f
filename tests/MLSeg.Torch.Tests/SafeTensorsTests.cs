using System.Buffers.Binary;
using System.Text;
using MLSeg.TestKit;
using MLSeg.Torch.Serialization;

namespace MLSeg.Torch.Tests;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string dir = RepoPaths.NewTempDir("mlseg-st");

    public void Dispose() => Directory.Delete(dir, true);

    // A tiny pure-Python safetensors reader/writer (json + struct + torch.frombuffer): the pip package is not installed.
    private const string PyCommon = """
        import json, struct, sys, torch
        DT = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16,
              "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8, "BOOL": torch.bool}
        def read(path):
            b = open(path, "rb").read()
            n = struct.unpack("<Q", b[:8])[0]
            h = json.loads(b[8:8 + n])
            meta = h.pop("__metadata__", {})
            out = {}
            for k, v in h.items():
                s, e = v["data_offsets"]
                raw = bytearray(b[8 + n + s:8 + n + e])
                t = torch.frombuffer(raw, dtype=DT[v["dtype"]]) if e > s else torch.empty(0, dtype=DT[v["dtype"]])
                out[k] = t.reshape(v["shape"])
            return out, meta, n
        """;

    [NativeFact]
    public void SaveLoad_AllDtypes_RoundTripExactly()
    {
        string path = Path.Combine(dir, "all.safetensors");
        using var scope = Torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = Torch.FromArray(new float[] { 1.5f, -2, 3e-7f, float.MaxValue, 0, 6 }, 2, 3),
            ["f64"] = Torch.FromArray(new double[] { Math.PI, -1e300 }),
            ["f16"] = Torch.FromArray(new Half[] { (Half)0.5, (Half)(-3) }),
            ["bf16"] = Torch.FromArray(new float[] { 1.5f, -256, 0.0078125f }).To(ScalarType.BFloat16),
            ["i64"] = Torch.FromArray(new long[] { long.MinValue, 5 }),
            ["i32"] = Torch.FromArray(new int[] { -7, 8, 9 }),
            ["u8"] = Torch.FromArray(new byte[] { 0, 255 }),
            ["bool"] = Torch.FromArray(new bool[] { true, false, true }),
            ["scalar"] = Torch.Scalar(42, ScalarType.Int64),
            ["empty"] = Torch.Zeros([0, 3]),
        };
        SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        using var loaded = SafeTensors.Load(path);
        Assert.Equal("pt", loaded.Metadata["format"]);
        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), loaded.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var (k, t) in tensors)
        {
            Tensor r = loaded.Tensors[k];
            Assert.Equal(t.Dtype, r.Dtype);
            Assert.Equal(t.Shape, r.Shape);
            using var a = t.To(ScalarType.Float64);
            using var b = r.To(ScalarType.Float64);
            Assert.Equal(a.ToArray<double>(), b.ToArray<double>());
        }
    }

    [NativeFact]
    public void Save_HeaderIsPaddedToEight_KeysSorted_NoTempFileLeft()
    {
        string path = Path.Combine(dir, "p.safetensors");
        using var scope = Torch.NewDisposeScope();
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["zeta"] = Torch.Ones([3]), ["alpha"] = Torch.Ones([1]) });
        byte[] bytes = File.ReadAllBytes(path);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, n % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.True(header.IndexOf("alpha", StringComparison.Ordinal) < header.IndexOf("zeta", StringComparison.Ordinal));
        Assert.Equal(8 + (int)n + 16, bytes.Length);
        Assert.Single(Directory.GetFiles(dir));
    }

    public static TheoryData<string, string?, string> LyingHeaders => new()
    {
        { """{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,800]}}""", "w", "data area" },
        { """{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", "w", "needs 12 bytes" },
        { """{"w":{"dtype":"F99","shape":[2],"data_offsets":[0,8]}}""", "w", "unknown dtype 'F99'" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "b", "overlaps tensor 'a'" },
        { """{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", "w", "non-negative integer" },
        { """{"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}""", "w", "too large" },
        { """{"w": [1, 2""", null, "not valid JSON" },
    };

    [NativeTheory]
    [MemberData(nameof(LyingHeaders))]
    public void Load_LyingHeader_ThrowsNamingFileKeyAndProblem(string header, string? key, string problem)
    {
        string path = Path.Combine(dir, "bad.safetensors");
        WriteRaw(path, Encoding.UTF8.GetBytes(header), new byte[8]);
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        if (key is not null)
        {
            Assert.Contains($"tensor '{key}'", ex.Message, StringComparison.Ordinal);
        }
    }

    [NativeFact]
    public void Load_AbsurdHeaderLength_ThrowsWithoutAllocating()
    {
        string path = Path.Combine(dir, "absurd.safetensors");
        var bytes = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue / 2);
        File.WriteAllBytes(path, bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("exceeds the 56 bytes", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [ToolFact("py:torch")]
    public void Save_ReadByPythonTorch_ValuesMatch()
    {
        string path = Path.Combine(dir, "mlseg.safetensors");
        using var g = new Generator(5);
        using var scope = Torch.NewDisposeScope();
        var w = Torch.Randn([3, 4], g);
        var idx = Torch.FromArray(new long[] { 1, -2, 3 });
        var bf = Torch.FromArray(new float[] { 0.5f, -1.25f }).To(ScalarType.BFloat16);
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = w, ["idx"] = idx, ["bf"] = bf }, new Dictionary<string, string> { ["by"] = "mlseg" });
        string script = PyCommon + "\n" + """
            t, meta, n = read(sys.argv[1])
            assert n % 8 == 0 and meta == {"by": "mlseg"}, (n, meta)
            print(json.dumps({k: [v.dtype.__repr__(), list(v.shape), v.double().flatten().tolist()] for k, v in t.items()}))
            """;
        string json = ExternalTools.RunPython(script, path);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("torch.float32", root.GetProperty("w")[0].GetString());
        Assert.Equal("torch.int64", root.GetProperty("idx")[0].GetString());
        Assert.Equal("torch.bfloat16", root.GetProperty("bf")[0].GetString());
        Assert.Equal(w.ToArray<float>().Select(v => (double)v), root.GetProperty("w")[2].EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([1.0, -2, 3], root.GetProperty("idx")[2].EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([0.5, -1.25], root.GetProperty("bf")[2].EnumerateArray().Select(e => e.GetDouble()));
    }

    [ToolFact("py:torch")]
    public void Load_WrittenByPythonTorch_ValuesMatch()
    {
        string path = Path.Combine(dir, "py.safetensors");
        string script = """
            import json, struct, sys, torch
            torch.manual_seed(0)
            t = {"conv.weight": torch.randn(2, 3, 3, 3), "bn.num_batches_tracked": torch.tensor(7), "mask": torch.tensor([True, False]),
                 "half": torch.tensor([1.5, -0.25], dtype=torch.float16), "d": torch.tensor([[1e-300, 2.0]], dtype=torch.float64)}
            codes = {torch.float32: "F32", torch.int64: "I64", torch.bool: "BOOL", torch.float16: "F16", torch.float64: "F64"}
            header, blobs, off = {"__metadata__": {"format": "pt"}}, [], 0
            for k in sorted(t):  # python's own layout order, written independently of MLSeg
                raw = t[k].contiguous().numpy().tobytes()
                header[k] = {"dtype": codes[t[k].dtype], "shape": list(t[k].shape), "data_offsets": [off, off + len(raw)]}
                off += len(raw); blobs.append(raw)
            h = json.dumps(header).encode()
            with open(sys.argv[1], "wb") as f:
                f.write(struct.pack("<Q", len(h))); f.write(h); f.write(b"".join(blobs))
            print(json.dumps({k: v.double().flatten().tolist() for k, v in t.items()}))
            """;
        string json = ExternalTools.RunPython(script, path);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        using var content = SafeTensors.Load(path);
        Assert.Equal("pt", content.Metadata["format"]);
        Assert.Equal([2L, 3, 3, 3], content.Tensors["conv.weight"].Shape);
        Assert.Empty(content.Tensors["bn.num_batches_tracked"].Shape);
        Assert.Equal(ScalarType.Bool, content.Tensors["mask"].Dtype);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            using var d = content.Tensors[p.Name].To(ScalarType.Float64);
            Assert.Equal(p.Value.EnumerateArray().Select(e => e.GetDouble()), d.ToArray<double>());
        }
    }

    private static void WriteRaw(string path, byte[] header, byte[] data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        File.WriteAllBytes(path, bytes);
    }
}
