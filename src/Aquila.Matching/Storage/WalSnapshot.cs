namespace Aquila.Matching.Storage;

/// <summary>A snapshot: the caller's state after applying every record up to and including <paramref name="Lsn"/>.</summary>
/// <param name="Lsn">The last LSN whose effect the snapshot holds; replay continues at <c>Lsn + 1</c>.</param>
/// <param name="Payload">The caller's serialised state, decrypted.</param>
public sealed record WalSnapshot(long Lsn, ReadOnlyMemory<byte> Payload);
