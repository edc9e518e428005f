using System.Globalization;

namespace MLSeg.Synthetic.Manifest;

/// <summary>
/// Checks that cohort manifests meant to hold different patients share none: a patient in two of them (a target cohort
/// and a labelled source, or two manifests loaded as one view) is data leakage or a double count, and must be an
/// error before anything trains.
/// </summary>
public static class ManifestOverlap
{
    /// <summary>Reads each file (validating it) and throws when a patient id appears in more than one.</summary>
    /// <exception cref="ManifestFormatException">A manifest is invalid, or a patient id appears in two manifests.</exception>
    public static void ThrowIfPatientsShared(IReadOnlyList<string> manifestFiles, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(manifestFiles);
        ThrowIfPatientsShared([.. manifestFiles.Select(f => (Path.GetFullPath(f), CohortManifest.Read(f)))], context);
    }

    /// <summary>
    /// Throws when a patient id appears in more than one of <paramref name="manifests"/> (file name, manifest). The
    /// message names both files, up to five shared ids with their rows (1-based lines, 1 = header) in each, and
    /// <paramref name="context"/> (e.g. "target cohort vs source 'supervised'").
    /// </summary>
    /// <exception cref="ManifestFormatException">A patient id appears in two manifests.</exception>
    public static void ThrowIfPatientsShared(IReadOnlyList<(string File, CohortManifest Manifest)> manifests, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int m = 0; m < manifests.Count; m++)
        {
            var (file, manifest) = manifests[m];
            var shared = new SortedDictionary<string, int>(StringComparer.Ordinal); // id → earlier manifest
            foreach (string id in manifest.Rows.Select(r => r.PatientId).Distinct(StringComparer.Ordinal))
            {
                if (owner.TryGetValue(id, out int earlier))
                {
                    shared.Add(id, earlier);
                }
                else
                {
                    owner.Add(id, m);
                }
            }

            if (shared.Count > 0)
            {
                int other = shared.First().Value;
                var pairs = shared.Where(p => p.Value == other).Select(p => p.Key).ToList();
                var (otherFile, otherManifest) = manifests[other];
                string first = pairs[0];
                string listed = string.Join("; ", pairs.Take(5).Select(id =>
                    $"'{id}' (rows {Rows(otherManifest, id)} of {otherFile}; rows {Rows(manifest, id)} here)"));
                string more = pairs.Count > 5 ? $" and {pairs.Count - 5} more" : string.Empty;
                string where = context is null ? string.Empty : $" ({context})";
                throw new ManifestFormatException(file, FirstLine(manifest, first), "patient_id",
                    $"{pairs.Count} patient id(s) also appear in {otherFile}{where}: {listed}{more}. A patient must belong to one cohort only " +
                    "(otherwise it leaks between source training and target evaluation); remove it from one manifest or give it a distinct id.");
            }
        }
    }

    private static string Rows(CohortManifest manifest, string id)
    {
        var lines = Enumerable.Range(0, manifest.Rows.Count).Where(i => manifest.Rows[i].PatientId == id)
            .Select(i => manifest.LineOf(i).ToString(CultureInfo.InvariantCulture)).ToList();
        return lines.Count <= 6 ? string.Join(", ", lines) : $"{string.Join(", ", lines.Take(5))}, … ({lines.Count} rows)";
    }

    private static int FirstLine(CohortManifest manifest, string id)
    {
        for (int i = 0; i < manifest.Rows.Count; i++)
        {
            if (manifest.Rows[i].PatientId == id)
            {
                return manifest.LineOf(i);
            }
        }

        throw new InvalidOperationException($"patient '{id}' is not in the manifest");
    }
}
