using System.Buffers.Binary;

namespace Aquila.Matching.Projects;

/// <summary>Looks up a receipt by (party number, 16-byte batch id).</summary>
internal readonly record struct ReceiptKey(int Party, UInt128 BatchId)
{
    public static ReceiptKey Of(int party, ReadOnlySpan<byte> batchId) => new(party, BinaryPrimitives.ReadUInt128LittleEndian(batchId));
}
