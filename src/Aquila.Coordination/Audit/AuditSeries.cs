namespace Aquila.Coordination.Audit;

/// <summary>
/// Appends that stand or fall in order, such as a bulk check's chunks: once one of them is not committed, no later one
/// is. The chain's writer fails every item of a broken series that it has not written yet, without writing it; the
/// appender calls <see cref="Break"/> itself when it gives up before queueing an item. Thread-safe.
/// </summary>
public sealed class AuditSeries
{
    private int _broken;

    /// <summary>True once an item of the series failed or the appender gave up: nothing more of it is committed.</summary>
    public bool IsBroken => Volatile.Read(ref _broken) != 0;

    /// <summary>Marks the series broken: items queued from now on, or queued but not yet written, fail unwritten.</summary>
    public void Break() => Volatile.Write(ref _broken, 1);
}
