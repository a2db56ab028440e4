using System.Globalization;
using Aquila.Matching.Projects;

namespace Aquila.Matching.Redis;

/// <summary>
/// A batch receipt as stored in Redis (it holds no personal data): <c>1|content hash hex|records|tokens|accepted-at ms|new
/// hit events|batch sequence</c>. The receipt script appends the sequence (the party's batch count), which stands in
/// for the embedded store's LSN.
/// </summary>
internal static class RedisReceiptCodec
{
    /// <summary>The receipt up to the accepted-at time; the receipt script appends the entry count and the sequence.</summary>
    public static string Encode(string contentHashHex, long records, long tokens, DateTimeOffset acceptedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"1|{contentHashHex}|{records}|{tokens}|{acceptedAt.ToUnixTimeMilliseconds()}");

    public static BatchReceipt Decode(string party, ReadOnlySpan<byte> batchId, string text)
    {
        var parts = text.Split('|');
        if (parts.Length != 7 || parts[0] != "1")
        {
            throw new InvalidDataException("A batch receipt in Redis has an unknown format; it was written by a newer version.");
        }

        return new BatchReceipt(
            party,
            batchId.ToArray(),
            Convert.FromHexString(parts[1]),
            long.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture),
            long.Parse(parts[6], CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[4], CultureInfo.InvariantCulture)),
            long.Parse(parts[5], CultureInfo.InvariantCulture));
    }
}
