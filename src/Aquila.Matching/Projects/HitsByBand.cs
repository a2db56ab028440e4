using Aquila.Matching.Index;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Projects;

/// <summary>
/// Current hits counted per band, one slot per band code (<see cref="BandCodes"/>) plus slot 0 for no band, which
/// stays zero; the snapshot stores all <see cref="Slots"/> counts in this order.
/// </summary>
internal sealed class HitsByBand
{
    /// <summary>Number of stored counts: no band, possible, probable, strong.</summary>
    public const int Slots = BandCodes.MaxCode + 1;

    private readonly long[] _counts = new long[Slots];

    /// <summary>Hits of <paramref name="band"/>.</summary>
    public long this[MatchBand band] => _counts[BandCodes.ToByte(band)];

    /// <summary>Hits of all bands.</summary>
    public long Total => this[MatchBand.Strong] + this[MatchBand.Probable] + this[MatchBand.Possible];

    /// <summary>The counts by slot, for the snapshot.</summary>
    public Span<long> Counts => _counts;

    /// <summary>Adds <paramref name="delta"/> (negative to remove) hits of <paramref name="band"/>.</summary>
    public void Add(MatchBand band, long delta) => _counts[BandCodes.ToByte(band)] += delta;

    /// <summary>Adds <paramref name="count"/> hits stored under band code <paramref name="code"/>; other codes are ignored.</summary>
    public void AddStored(long code, long count)
    {
        if (BandCodes.TryRead(code, out var band))
        {
            Add(band, count);
        }
    }
}
