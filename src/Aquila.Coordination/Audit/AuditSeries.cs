namespace Aquila.Coordination.Audit;

/// <summary>
/// Appends that stand or fall in order, such as a bulk check's chunks: once one of them is not committed, no later one
/// is. When an item of the series fails, the chain's writer fails every later item of it without writing it; when the
/// appender gives up on an item before queueing it, it calls <see cref="Break"/>, and appends of the series from then on
/// fail without being queued (items queued before are committed as usual). Thread-safe.
/// </summary>
public sealed class AuditSeries
{
    private int _failed, _broken;

    /// <summary>True once an item of the series failed or the appender broke it: nothing more of it is committed.</summary>
    public bool IsBroken => Volatile.Read(ref _failed) != 0 || Volatile.Read(ref _broken) != 0;

    /// <summary>True once an item queued in the chain failed (set by the chain's writer).</summary>
    internal bool HasFailed => Volatile.Read(ref _failed) != 0;

    /// <summary>Appends of the series from now on fail without being queued; items already queued are not affected.</summary>
    public void Break() => Volatile.Write(ref _broken, 1);

    internal void Fail() => Volatile.Write(ref _failed, 1);
}
