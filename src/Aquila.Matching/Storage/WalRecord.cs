namespace Aquila.Matching.Storage;

/// <summary>One record read back from the log.</summary>
/// <param name="Lsn">Its log sequence number.</param>
/// <param name="Type">The record type the appender gave.</param>
/// <param name="Payload">The decrypted payload; the array is owned by the reader and stays valid.</param>
public readonly record struct WalRecord(long Lsn, byte Type, ReadOnlyMemory<byte> Payload);
