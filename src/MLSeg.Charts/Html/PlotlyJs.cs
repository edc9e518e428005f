namespace MLSeg.Charts.Html;

/// <summary>
/// Finds the pinned plotly.js that <c>make setup</c> installs into <c>artifacts/native/plotly.min.js</c>.
/// <c>MLSEG_PLOTLY_JS</c> names another copy.
/// </summary>
public static class PlotlyJs
{
    /// <summary>The file name of the script in artifacts/native and in a report folder.</summary>
    public const string FileName = "plotly.min.js";

    /// <summary>Environment variable that overrides the search with an explicit file.</summary>
    public const string EnvironmentVariable = "MLSEG_PLOTLY_JS";

    /// <summary>The path of plotly.min.js; throws <see cref="FileNotFoundException"/> saying to run <c>make setup</c> when absent.</summary>
    public static string Locate()
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
        {
            return File.Exists(env)
                ? Path.GetFullPath(env)
                : throw new FileNotFoundException($"{EnvironmentVariable} names '{env}', which does not exist; point it at plotly.min.js or unset it and run `make setup`.", env);
        }

        return Locate([AppContext.BaseDirectory, Directory.GetCurrentDirectory()]);
    }

    /// <summary>Searches each start folder and its ancestors for <c>artifacts/native/plotly.min.js</c>.</summary>
    public static string Locate(IEnumerable<string> startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        var searched = new List<string>();
        foreach (string start in startDirectories)
        {
            for (DirectoryInfo? d = new(Path.GetFullPath(start)); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "artifacts", "native", FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            searched.Add(start);
        }

        throw new FileNotFoundException(
            $"plotly.js not found: no artifacts/native/{FileName} above {string.Join(" or ", searched.Select(s => $"'{s}'"))}. " +
            $"Run `make setup` in the repository root to install the pinned plotly.js (or set {EnvironmentVariable}).",
            FileName);
    }

    /// <summary>The text of the located script.</summary>
    public static string ReadScript() => File.ReadAllText(Locate());
}
