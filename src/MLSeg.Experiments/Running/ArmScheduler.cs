using System.Collections.Concurrent;

namespace MLSeg.Experiments.Running;

/// <summary>
/// Runs a list of independent work items (a grid's pending arms) on up to <c>jobs</c> threads, taking items in list
/// order. One job runs on the calling thread; more run on dedicated threads, so per-thread native state (libtorch's
/// OpenMP thread count) set by a work item dies with its thread instead of leaking into the thread pool. When an item
/// throws, no further item starts, the items already running finish, and the first failure is rethrown as an
/// <see cref="ArmFailedException"/> naming its item (and any other item that failed meanwhile).
/// </summary>
public static class ArmScheduler
{
    // The main thread's default on Linux; libtorch kernels and autograd run on the calling thread.
    private const int WorkerStackBytes = 8 * 1024 * 1024;

    /// <summary>Runs <paramref name="work"/> on every item, at most <paramref name="jobs"/> at a time.</summary>
    /// <param name="items">The work items, started in this order.</param>
    /// <param name="jobs">How many items may run at once (≥ 1; more than there are items is fine).</param>
    /// <param name="work">Runs one item; may be called on several threads at once.</param>
    /// <param name="name">Names an item in the error message (an arm's folder name).</param>
    /// <returns>The number of items run (all of them when nothing threw).</returns>
    /// <exception cref="ArmFailedException">An item threw; the inner exception is the first failure.</exception>
    public static int Run<T>(IReadOnlyList<T> items, int jobs, Action<T> work, Func<T, string> name)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jobs);
        int next = -1, completed = 0;
        var failures = new ConcurrentQueue<(T Item, Exception Error)>();

        void Worker()
        {
            while (failures.IsEmpty)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= items.Count)
                {
                    return;
                }

                try
                {
                    work(items[i]);
                    Interlocked.Increment(ref completed);
                }
                catch (Exception ex)
                {
                    // Every exception, so that one arm's failure never kills the process from a worker thread.
                    failures.Enqueue((items[i], ex));
                }
            }
        }

        int threads = Math.Min(jobs, items.Count);
        if (threads <= 1)
        {
            Worker();
        }
        else
        {
            var workers = Enumerable.Range(0, threads)
                .Select(k => new Thread(Worker, WorkerStackBytes) { Name = $"mlseg-arm-{k}", IsBackground = true })
                .ToList();
            workers.ForEach(t => t.Start());
            workers.ForEach(t => t.Join());
        }

        if (failures.TryDequeue(out var first))
        {
            string others = failures.IsEmpty ? string.Empty
                : $" ({failures.Count} other arm(s) failed too: {string.Join(", ", failures.Select(f => name(f.Item)))})";
            throw new ArmFailedException(
                $"arm {name(first.Item)} failed: {first.Error.Message}{others}. Finished arms are kept; a re-run restarts only the unfinished ones.",
                first.Error);
        }

        return completed;
    }
}
