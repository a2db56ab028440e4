using System.Diagnostics.CodeAnalysis;

namespace Aquila.Matching.Storage;

/// <summary>Throw helpers that keep the append path small.</summary>
internal static class WalThrow
{
    [DoesNotReturn]
    public static void PayloadTooLarge(int length) =>
        throw new ArgumentOutOfRangeException(
            "payload", length, $"A write-ahead log record holds at most {WalRecordCodec.MaxPayloadLength} bytes; split the batch.");

    [DoesNotReturn]
    public static void Faulted(Exception cause) =>
        throw new IOException(
            "The write-ahead log stopped after a failed flush to disk, so what reached the disk is unknown. "
            + "Dispose it and open it again to recover.", cause);
}
