namespace Aquila.Matching.Storage;

/// <summary>A snapshot: the caller's state after applying every record up to and including <paramref name="Lsn"/>.</summary>
/// <param name="Lsn">The last LSN whose effect the snapshot holds; replay continues at <c>Lsn + 1</c>.</param>
/// <param name="Payload">The caller's serialised state, decrypted; empty for a streamed snapshot
/// (<see cref="IsStreamed"/>), which is read with <see cref="WriteAheadLog.OpenRecoveredSnapshot"/>.</param>
public sealed record WalSnapshot(long Lsn, ReadOnlyMemory<byte> Payload)
{
    /// <summary>True when the snapshot was written as a stream (format version 2) and is read chunk by chunk.</summary>
    public bool IsStreamed { get; init; }
}
