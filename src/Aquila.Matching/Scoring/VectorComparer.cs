using System.Numerics;
using System.Runtime.InteropServices;
using Aquila.Tokens.Comparison;

namespace Aquila.Matching.Scoring;

/// <summary>
/// Compares two comparison vectors written under the same block salt into agreement levels per field
/// (<see cref="ComparisonField"/>). Sees keyed bits only: which fields agree and how closely, never a value.
/// </summary>
public static class VectorComparer
{
    /// <summary>Dice coefficient at or above which two string fragments count as close.</summary>
    public const double CloseDice = 0.8;

    /// <summary>Dice coefficient at or above which two string fragments count as partly agreeing.</summary>
    public const double PartialDice = 0.6;

    /// <summary>Writes the level of every <see cref="ComparisonField"/> into <paramref name="levels"/>.</summary>
    public static void Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> levels)
    {
        // Given and family names are compared crosswise when that agrees better (swapped names).
        var (givenB, familyB) = (ComparisonVector.Given, ComparisonVector.Family);
        if (Dice(ComparisonVector.Fragment(a, ComparisonVector.Given), ComparisonVector.Fragment(b, ComparisonVector.Family))
            + Dice(ComparisonVector.Fragment(a, ComparisonVector.Family), ComparisonVector.Fragment(b, ComparisonVector.Given))
            > Dice(ComparisonVector.Fragment(a, ComparisonVector.Given), ComparisonVector.Fragment(b, ComparisonVector.Given))
            + Dice(ComparisonVector.Fragment(a, ComparisonVector.Family), ComparisonVector.Fragment(b, ComparisonVector.Family)))
        {
            (givenB, familyB) = (familyB, givenB);
        }

        levels[ComparisonField.Given] = StringLevel(ComparisonVector.Fragment(a, ComparisonVector.Given), ComparisonVector.Fragment(b, givenB));
        levels[ComparisonField.Family] = StringLevel(ComparisonVector.Fragment(a, ComparisonVector.Family), ComparisonVector.Fragment(b, familyB));
        for (var f = ComparisonVector.Father; f < ComparisonVector.FragmentCount; f++)
        {
            levels[f] = StringLevel(ComparisonVector.Fragment(a, f), ComparisonVector.Fragment(b, f));
        }

        levels[ComparisonField.Dob] = DobLevel(a, b);
        levels[ComparisonField.Sex] = ExactLevel(a, b, ComparisonVector.Sex);
        levels[ComparisonField.NationalId] = ExactLevel(a, b, ComparisonVector.NationalId);
        levels[ComparisonField.Document] = ExactLevel(a, b, ComparisonVector.Document);
    }

    /// <summary>Dice coefficient of two fragments; 0 when either is empty.</summary>
    public static double Dice(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var wa = MemoryMarshal.Cast<byte, ulong>(a);
        var wb = MemoryMarshal.Cast<byte, ulong>(b);
        int both = 0, countA = 0, countB = 0;
        for (var i = 0; i < wa.Length; i++)
        {
            both += BitOperations.PopCount(wa[i] & wb[i]);
            countA += BitOperations.PopCount(wa[i]);
            countB += BitOperations.PopCount(wb[i]);
        }

        return countA == 0 || countB == 0 ? 0 : 2.0 * both / (countA + countB);
    }

    private static byte StringLevel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.IndexOfAnyExcept((byte)0) < 0 || b.IndexOfAnyExcept((byte)0) < 0)
        {
            return 0;
        }

        if (a.SequenceEqual(b))
        {
            return 1;
        }

        var dice = Dice(a, b);
        return dice >= CloseDice ? (byte)2 : dice >= PartialDice ? (byte)3 : (byte)4;
    }

    private static byte DobLevel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (!ComparisonVector.HasTag(a, ComparisonVector.Year) || !ComparisonVector.HasTag(b, ComparisonVector.Year))
        {
            return 0;
        }

        if (Same(a, b, ComparisonVector.Dob, ComparisonVector.Dob))
        {
            return 1;
        }

        if (Same(a, b, ComparisonVector.Dob, ComparisonVector.DobSwapped) || Same(a, b, ComparisonVector.DobSwapped, ComparisonVector.Dob))
        {
            return 2;
        }

        var yearClose = Same(a, b, ComparisonVector.Year, ComparisonVector.Year) || Same(a, b, ComparisonVector.NextYear, ComparisonVector.Year)
            || Same(a, b, ComparisonVector.Year, ComparisonVector.NextYear);
        if (!yearClose)
        {
            return 6;
        }

        if (!ComparisonVector.HasTag(a, ComparisonVector.MonthDay) || !ComparisonVector.HasTag(b, ComparisonVector.MonthDay))
        {
            return 4;
        }

        return Same(a, b, ComparisonVector.MonthDay, ComparisonVector.MonthDay) ? (byte)3 : (byte)5;
    }

    private static byte ExactLevel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int tag)
    {
        if (!ComparisonVector.HasTag(a, tag) || !ComparisonVector.HasTag(b, tag))
        {
            return 0;
        }

        return Same(a, b, tag, tag) ? (byte)1 : (byte)2;
    }

    private static bool Same(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int tagA, int tagB) =>
        ComparisonVector.HasTag(a, tagA) && ComparisonVector.HasTag(b, tagB)
        && ComparisonVector.Tag(a, tagA).SequenceEqual(ComparisonVector.Tag(b, tagB));
}
