using System.Buffers.Binary;
using System.Diagnostics;
using MLSeg.Dicom.Imaging;
using MLSeg.TestKit;

namespace MLSeg.Dicom.Tests;

/// <summary>
/// Mutates real fixtures with a fixed seed (bit flips, truncation, 0xFFFFFFFF lengths, random bytes) and checks
/// every case either parses and decodes or throws <see cref="DicomFormatException"/> — no other exception, no hang,
/// bounded allocation.
/// </summary>
public class DicomFuzzTests
{
    private const int Seed = 20261122;
    private const int Cases = 4000;
    private static readonly TimeSpan MaxPerCase = TimeSpan.FromSeconds(5);
    private const long MaxAllocatedPerCase = 512L << 20;

    private static readonly string[] Sources =
    [
        "dicom/CT_small.dcm", "dicom/MR_small.dcm", "dicom/MR_small_implicit.dcm", "dicom/MR_small_bigendian.dcm",
        "dicom/MR_small_RLE.dcm", "dicom/JPEG-LL.dcm", "dicom/emri_small.dcm", "dicom/liver_1frame.dcm", "dicom/rtstruct.dcm",
        "dicom-extra/JPEG2000.dcm", "dicom-extra/JPGExtended.dcm", "dicom-extra/MR_small_jp2klossless.dcm",
        "dicom-extra/MR_small_jpeg_ls_lossless.dcm", "dicom-extra/SC_rgb_jpeg_gdcm.dcm", "dicom-extra/SC_rgb_small_odd.dcm",
        "dicom-extra/image_dfl.dcm", "dicom-extra/seg_image_ct_binary.dcm", "dicom-extra/liver.dcm",
    ];

    [FixtureFact]
    public void Read_MutatedFixtures_ParseOrThrowDicomFormatException()
    {
        byte[][] originals = Sources.Select(s => File.ReadAllBytes(Fixtures.Path(s))).ToArray();
        var random = new Random(Seed);
        int parsed = 0, rejected = 0;
        for (int i = 0; i < Cases; i++)
        {
            int source = random.Next(originals.Length);
            (byte[] bytes, string mutation) = Mutate(originals[source], random);
            string name = $"case {i} ({Sources[source]}, {mutation})";
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            try
            {
                DicomFile file = DicomFile.Read(bytes, name);
                if (file.Dataset.Contains(DicomTag.PixelData))
                {
                    _ = DicomStatistics.Compute(file);
                }

                parsed++;
            }
            catch (DicomFormatException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"{name}: {ex.GetType().Name}: {ex.Message}");
            }

            Assert.True(clock.Elapsed < MaxPerCase, $"{name} took {clock.Elapsed.TotalSeconds:F1} s");
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            Assert.True(allocated < MaxAllocatedPerCase, $"{name} allocated {allocated >> 20} MiB");
        }

        Assert.Equal(Cases, parsed + rejected);
        Assert.True(rejected > Cases / 10, $"only {rejected} of {Cases} mutations were rejected; the mutations are too weak");
    }

    private static (byte[] Bytes, string Mutation) Mutate(byte[] original, Random random)
    {
        byte[] b = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                int flips = 1 + random.Next(8);
                for (int k = 0; k < flips; k++)
                {
                    b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
                }

                return (b, $"{flips} bit flips");
            case 1:
                int length = random.Next(b.Length);
                return (b[..length], $"truncated to {length}");
            case 2:
                int at = random.Next(b.Length - 4) & ~1;
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), uint.MaxValue);
                return (b, $"0xFFFFFFFF at {at}");
            case 3:
                int at16 = random.Next(b.Length - 2) & ~1;
                BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at16), (ushort)random.Next(65536));
                return (b, $"random uint16 at {at16}");
            default:
                // Target the header region, where lengths and VRs live.
                int count = 1 + random.Next(4);
                for (int k = 0; k < count; k++)
                {
                    b[random.Next(Math.Min(b.Length, 2048))] = (byte)random.Next(256);
                }

                return (b, $"{count} random header bytes");
        }
    }
}
