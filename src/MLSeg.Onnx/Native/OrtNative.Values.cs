using System.Text;

namespace MLSeg.Onnx.Native;

/// <summary>Tensor values and <c>OrtApi::Run</c>.</summary>
internal static unsafe partial class OrtNative
{
    /// <summary>
    /// Wraps caller memory as a tensor without copying. The memory must stay pinned until the value is released.
    /// </summary>
    public static OrtValueHandle CreateTensorOver(void* data, long byteLength, ReadOnlySpan<long> shape, int elementType)
    {
        IntPtr raw;
        fixed (long* s = shape)
        {
            Check(((delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)Api[OrtApiIndex.CreateTensorWithDataAsOrtValue])(
                CpuMemoryInfo.DangerousGetHandle(), data, (nuint)byteLength, s, (nuint)shape.Length, elementType, &raw), "CreateTensorWithDataAsOrtValue");
        }

        return new OrtValueHandle(raw);
    }

    /// <summary>Runs <paramref name="session"/>; returns one owned value per requested output, in order.</summary>
    public static OrtValueHandle[] Run(OrtSessionHandle session, IReadOnlyList<string> inputNames, IReadOnlyList<OrtValueHandle> inputs, IReadOnlyList<string> outputNames)
    {
        byte[] inputBlob = NameBlob(inputNames, out int[] inputOffsets);
        byte[] outputBlob = NameBlob(outputNames, out int[] outputOffsets);
        var inputNamePtrs = new IntPtr[inputNames.Count];
        var outputNamePtrs = new IntPtr[outputNames.Count];
        var inputPtrs = new IntPtr[inputs.Count];
        var outputPtrs = new IntPtr[outputNames.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            inputPtrs[i] = inputs[i].DangerousGetHandle();
        }

        fixed (byte* ib = inputBlob)
        fixed (byte* ob = outputBlob)
        fixed (IntPtr* inp = inputNamePtrs)
        fixed (IntPtr* outp = outputNamePtrs)
        fixed (IntPtr* iv = inputPtrs)
        fixed (IntPtr* ov = outputPtrs)
        {
            for (int i = 0; i < inputNamePtrs.Length; i++)
            {
                inp[i] = (IntPtr)(ib + inputOffsets[i]);
            }

            for (int i = 0; i < outputNamePtrs.Length; i++)
            {
                outp[i] = (IntPtr)(ob + outputOffsets[i]);
            }

            Check(((delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)Api[OrtApiIndex.Run])(
                session.DangerousGetHandle(), IntPtr.Zero, inp, iv, (nuint)inputPtrs.Length, outp, (nuint)outputNamePtrs.Length, ov), "Run");
        }

        GC.KeepAlive(session);
        GC.KeepAlive(inputs);
        var result = new OrtValueHandle[outputPtrs.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new OrtValueHandle(outputPtrs[i]);
        }

        return result;
    }

    /// <summary>Element type, shape and a copy of the bytes of a tensor value.</summary>
    public static (int ElementType, long[] Shape, byte[] Bytes) ReadTensor(OrtValueHandle value, Func<int, int> elementSize)
    {
        IntPtr raw = value.DangerousGetHandle();
        IntPtr info;
        Check(((delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)Api[OrtApiIndex.GetTensorTypeAndShape])(raw, &info), "GetTensorTypeAndShape");
        int elementType;
        long[] dims;
        using (new OrtTensorTypeAndShapeInfoHandle(info))
        {
            (elementType, dims, _) = ReadTensorInfo(info);
        }

        long count = 1;
        foreach (long d in dims)
        {
            count = checked(count * d);
        }

        long byteCount = checked(count * elementSize(elementType));
        var bytes = new byte[byteCount];
        if (byteCount > 0)
        {
            void* data;
            Check(((delegate* unmanaged<IntPtr, void**, IntPtr>)Api[OrtApiIndex.GetTensorMutableData])(raw, &data), "GetTensorMutableData");
            new ReadOnlySpan<byte>(data, checked((int)byteCount)).CopyTo(bytes);
        }

        GC.KeepAlive(value);
        return (elementType, dims, bytes);
    }

    private static byte[] NameBlob(IReadOnlyList<string> names, out int[] offsets)
    {
        offsets = new int[names.Count];
        int total = 0;
        for (int i = 0; i < names.Count; i++)
        {
            offsets[i] = total;
            total += Encoding.UTF8.GetByteCount(names[i]) + 1;
        }

        var blob = new byte[total];
        for (int i = 0; i < names.Count; i++)
        {
            Encoding.UTF8.GetBytes(names[i], blob.AsSpan(offsets[i]));
        }

        return blob;
    }
}
