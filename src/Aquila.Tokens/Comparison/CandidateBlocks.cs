using Aquila.Tokens.Normalization;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// Stage-2 candidate blocks (DESIGN §3): coarse keys whose only use is to bring records of two parties together for
/// scoring. A block never makes a hit on its own, so unlike a match key it may omit the date (a name-part skeleton
/// with the father or the place). Per-party fanout caps apply to block values as to tokens.
/// </summary>
public static class CandidateBlocks
{
    /// <summary>The block ids, in the order <see cref="Collect"/> emits them.</summary>
    public static IReadOnlyList<string> Ids { get; } =
    [
        "b_name_skeleton", "b_family_year", "b_given_year", "b_dob_initials", "b_family_place", "b_given_father",
        "b_given_family_initial", "b_national_id", "b_document", "b_dob", "b_family",
    ];

    /// <summary>Adds every (block id, value) of <paramref name="features"/> to <paramref name="blocks"/> (cleared first).</summary>
    public static void Collect(ComparisonFeatures features, List<(string Id, string Value)> blocks)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(blocks);
        blocks.Clear();
        var givenSkeleton = Skeleton(features.Given);
        var familySkeleton = Skeleton(features.Family);
        var fatherSkeleton = Skeleton(features.Father);
        var dob = features.DateOfBirth;
        var hasYear = dob.Precision != Dates.DatePrecision.None;

        if (givenSkeleton.Length > 0 && familySkeleton.Length > 0)
        {
            // Order-free: swapped given and family names share it.
            blocks.Add(("b_name_skeleton", NameNormalizer.SortedParts(givenSkeleton + " " + familySkeleton)));
        }

        if (hasYear)
        {
            for (var year = dob.Year; year <= dob.Year + 1; year++)
            {
                // Y and Y+1: two records share a value exactly when their years differ by at most one.
                if (familySkeleton.Length > 0)
                {
                    blocks.Add(("b_family_year", familySkeleton + "|" + year));
                }

                if (features.Given.Length > 0)
                {
                    blocks.Add(("b_given_year", features.Given + "|" + year));
                }
            }
        }

        if (dob.Precision == Dates.DatePrecision.Full && features.Given.Length > 0 && features.Family.Length > 0)
        {
            var initials = string.CompareOrdinal(features.Given[..1], features.Family[..1]) <= 0
                ? features.Given[..1] + features.Family[..1]
                : features.Family[..1] + features.Given[..1];
            blocks.Add(("b_dob_initials", $"{dob.Year:D4}{dob.Month:D2}{dob.Day:D2}|{initials}"));
        }

        if (dob.Precision == Dates.DatePrecision.Full)
        {
            blocks.Add(("b_dob", $"{dob.Year:D4}{dob.Month:D2}{dob.Day:D2}"));
        }

        if (familySkeleton.Length > 0)
        {
            blocks.Add(("b_family", familySkeleton));
        }

        if (familySkeleton.Length > 0 && features.Place.Length > 0)
        {
            blocks.Add(("b_family_place", familySkeleton + "|" + features.Place));
        }

        if (features.Given.Length > 0 && fatherSkeleton.Length > 0)
        {
            blocks.Add(("b_given_father", features.Given + "|" + fatherSkeleton));
        }

        if (features.Given.Length > 0 && features.Family.Length > 0)
        {
            blocks.Add(("b_given_family_initial", features.Given + "|" + features.Family[..1]));
        }

        if (features.NationalId.Length > 0)
        {
            blocks.Add(("b_national_id", features.NationalId));
        }

        if (features.Document.Length > 0)
        {
            blocks.Add(("b_document", features.Document));
        }
    }

    private static string Skeleton(string canonical) =>
        canonical.Length == 0 ? "" : NameNormalizer.SortedParts(NameNormalizer.Skeleton(canonical));
}
