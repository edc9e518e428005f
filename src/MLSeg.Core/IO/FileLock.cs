using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace MLSeg.Core.IO;

/// <summary>
/// An exclusive lock on a path, held both against other threads of this process and against other processes (parallel
/// arms of one run, Slurm array tasks sharing a cache folder). Inside the process a semaphore per full path queues the
/// waiters; across processes the holder keeps <c>path</c> open with <see cref="FileShare.None"/>, which .NET maps to an
/// exclusive <c>flock</c> on Unix. The operating system drops that lock when its process dies, so a killed holder
/// never leaves a stale lock behind; the lock file itself stays (deleting it would race with the next opener).
/// </summary>
public sealed class FileLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim gate;
    private readonly FileStream stream;
    private bool disposed;

    private FileLock(string path, SemaphoreSlim gate, FileStream stream)
    {
        Path = path;
        this.gate = gate;
        this.stream = stream;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>
    /// Blocks until this thread holds the lock on <paramref name="path"/> (created with its folder when absent), retrying
    /// the cross-process open with a backoff from 10 ms doubling to 1 s.
    /// </summary>
    /// <param name="path">The lock file.</param>
    /// <param name="timeout">How long to wait in all before giving up.</param>
    /// <exception cref="TimeoutException">Another thread or process held the lock for longer than <paramref name="timeout"/>.</exception>
    public static FileLock Acquire(string path, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        string full = System.IO.Path.GetFullPath(path);
        SemaphoreSlim gate = Gates.GetOrAdd(full, _ => new SemaphoreSlim(1, 1));
        var clock = Stopwatch.StartNew();
        if (!gate.Wait(timeout))
        {
            throw Timeout(full, timeout, "another thread of this process");
        }

        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            var delay = TimeSpan.FromMilliseconds(10);
            while (true)
            {
                try
                {
                    return new FileLock(full, gate, new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException ex) when (IsHeldElsewhere(ex))
                {
                    if (clock.Elapsed + delay > timeout)
                    {
                        throw Timeout(full, timeout, "another process", ex);
                    }

                    Thread.Sleep(delay);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxBackoff.Ticks));
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Releases the lock (idempotent).</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stream.Dispose();
        gate.Release();
    }

    // Contention only: EWOULDBLOCK from flock (Linux 11, macOS 35) or a Windows sharing/lock violation. Any other I/O
    // error (read-only folder, full disk) is permanent and propagates at once instead of being retried.
    private static bool IsHeldElsewhere(IOException ex) => ex.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    private static TimeoutException Timeout(string path, TimeSpan timeout, string holder, Exception? inner = null) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {holder} held this lock for more than {timeout.TotalMinutes:F0} min. If no mlseg process is still working on it, delete the file and retry."),
            inner);
}
