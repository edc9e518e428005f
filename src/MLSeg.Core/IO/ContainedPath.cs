namespace MLSeg.Core.IO;

/// <summary>
/// Resolves a path with every symbolic link followed (each component, as the kernel's <c>realpath</c> does), so that a
/// containment check ("this file lies inside that folder") judges where the bytes really are, not where a link sits.
/// </summary>
public static class ContainedPath
{
    // The Linux kernel gives up after 40 link hops (ELOOP); so does this.
    private const int MaxLinkHops = 40;

    /// <summary>
    /// The absolute path of <paramref name="path"/> with every symbolic link in it followed. Components that do not
    /// exist are kept as written (so a missing file still resolves to the path it would have).
    /// </summary>
    /// <exception cref="IOException">The links loop (more than 40 hops).</exception>
    public static string RealPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string current = Path.GetPathRoot(full) ?? "/";
        var pending = new Queue<string>(Components(full));
        int hops = 0;
        while (pending.TryDequeue(out string? part))
        {
            string next = Path.Combine(current, part);
            string? target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new IOException($"'{path}': more than {MaxLinkHops} symbolic links to follow (a link loop?).");
            }

            // A relative target is relative to the link's own folder, which is already resolved.
            string resolved = Path.GetFullPath(target, current);
            var rest = pending.ToList();
            pending = new Queue<string>(Components(resolved).Concat(rest));
            current = Path.GetPathRoot(resolved) ?? "/";
        }

        return current;
    }

    /// <summary>
    /// <paramref name="relative"/> resolved against <paramref name="root"/> with every link followed, or null when the
    /// result lies outside <paramref name="root"/> (itself resolved the same way).
    /// </summary>
    public static string? ResolveInside(string root, string relative)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(relative);
        string realRoot = RealPath(root);
        string real = RealPath(Path.Combine(realRoot, relative));
        string prefix = Path.EndsInDirectorySeparator(realRoot) ? realRoot : realRoot + Path.DirectorySeparatorChar;
        return real.StartsWith(prefix, StringComparison.Ordinal) ? real : null;
    }

    private static string[] Components(string fullPath) =>
        fullPath[(Path.GetPathRoot(fullPath) ?? "/").Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
