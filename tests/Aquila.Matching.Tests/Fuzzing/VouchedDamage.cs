using System.Buffers.Binary;

namespace Aquila.Matching.Tests.Fuzzing;

/// <summary>
/// The fuzz targets' expectation for the last segment, worked out from the bytes alone (format version 2): where the
/// mangled segment first differs from the original, and whether an original record after that point survives intact in
/// a place where it says the damaged bytes were already flushed. Then the damage hit acknowledged records and the log
/// must refuse to open; otherwise it may cut the damage off as a torn tail.
/// </summary>
internal static class VouchedDamage
{
    private const int SegmentHeaderLength = 52;
    private const int RecordHeaderLength = 21;
    private const int RecordOverhead = RecordHeaderLength + 16 + 4;

    /// <summary>True when opening <paramref name="mangled"/> must be refused (see the class summary).</summary>
    public static bool MustRefuse(byte[] original, byte[] mangled)
    {
        var firstDifference = FirstDifference(original, mangled);
        if (firstDifference < 0)
        {
            return false;
        }

        if (firstDifference < SegmentHeaderLength)
        {
            // A damaged header with anything after it: the header was flushed before any record went in.
            return mangled.Length > SegmentHeaderLength;
        }

        var damagedStart = -1L;
        for (var start = SegmentHeaderLength; start + RecordOverhead <= original.Length;)
        {
            var end = start + RecordOverhead + (int)BinaryPrimitives.ReadUInt32LittleEndian(original.AsSpan(start));
            if (damagedStart < 0 && firstDifference < end)
            {
                damagedStart = start;
            }
            else if (damagedStart >= 0)
            {
                var durableEnd = BinaryPrimitives.ReadInt64LittleEndian(original.AsSpan(start + 13));
                var from = (int)Math.Max(durableEnd, damagedStart + 1);
                if (durableEnd > damagedStart && from < mangled.Length
                    && mangled.AsSpan(from).IndexOf(original.AsSpan(start, end - start)) >= 0)
                {
                    return true;
                }
            }

            start = end;
        }

        return false;
    }

    // -1 when equal; the shorter length when one is a prefix of the other.
    private static int FirstDifference(byte[] original, byte[] mangled)
    {
        var common = original.AsSpan().CommonPrefixLength(mangled);
        return common == original.Length && common == mangled.Length ? -1 : common;
    }
}
