using Aquila.Tokens.Dates;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Aquila.Tokens.Normalization;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// Stage-2 candidate blocks (DESIGN §3): coarse keys whose only use is to bring records of two parties together for
/// scoring, each made of the parts the schema names. A block never makes a hit on its own, so unlike a match key it may
/// omit the date. A block value is its parts' values joined by <c>|</c>; a record without a part has no value for that
/// block; the year part (of the record type's date field) has two values (Y and Y+1), so records whose years differ by
/// at most one share one. The VIN's head and tail are cut from a 17-character VIN only.
/// </summary>
public static class CandidateBlocks
{
    /// <summary>
    /// Adds every (block id, value) of <paramref name="features"/> under <paramref name="blocks"/> to
    /// <paramref name="output"/> (cleared first), blocks in schema order.
    /// </summary>
    public static void Collect(ComparisonFeatures features, IReadOnlyList<BlockDefinition> blocks, List<(string Id, string Value)> output)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(output);
        output.Clear();
        foreach (var block in blocks)
        {
            var value = "";
            var yearAt = -1;
            var complete = true;
            for (var p = 0; p < block.Parts.Count && complete; p++)
            {
                var part = Part(features, block.Parts[p]);
                complete = part.Length > 0;
                if (block.Parts[p] == BlockPart.Year)
                {
                    yearAt = value.Length + (p > 0 ? 1 : 0);
                }

                value = p == 0 ? part : value + "|" + part;
            }

            if (!complete)
            {
                continue;
            }

            output.Add((block.Id, value));
            if (yearAt >= 0)
            {
                // Y+1 as a second value: two records share one exactly when their years differ by at most one.
                output.Add((block.Id, string.Concat(value.AsSpan(0, yearAt), $"{features.Date.Year + 1:D4}", value.AsSpan(yearAt + 4))));
            }
        }
    }

    /// <summary>The value of one part of a record, or "" when the record has none.</summary>
    public static string Part(ComparisonFeatures features, BlockPart part)
    {
        ArgumentNullException.ThrowIfNull(features);
        var dob = features.Date;
        return part switch
        {
            BlockPart.Given => features.Given,
            BlockPart.Family => features.Family,
            BlockPart.Father => features.Father,
            BlockPart.GivenSkeleton => Skeleton(features.Given),
            BlockPart.FamilySkeleton => Skeleton(features.Family),
            BlockPart.FatherSkeleton => Skeleton(features.Father),
            // Order-free: swapped given and family names share it.
            BlockPart.NameSkeleton => features.Given.Length > 0 && features.Family.Length > 0
                ? NameNormalizer.SortedParts(Skeleton(features.Given) + " " + Skeleton(features.Family))
                : "",
            BlockPart.Initials => features.Given.Length > 0 && features.Family.Length > 0
                ? (string.CompareOrdinal(features.Given[..1], features.Family[..1]) <= 0
                    ? features.Given[..1] + features.Family[..1]
                    : features.Family[..1] + features.Given[..1])
                : "",
            BlockPart.FamilyInitial => features.Family.Length > 0 ? features.Family[..1] : "",
            BlockPart.Dob => dob.Precision == DatePrecision.Full ? $"{dob.Year:D4}{dob.Month:D2}{dob.Day:D2}" : "",
            BlockPart.Year => dob.Precision != DatePrecision.None ? $"{dob.Year:D4}" : "",
            BlockPart.Place => features.Place,
            BlockPart.NationalId => features.NationalId,
            BlockPart.Document => features.Document,
            BlockPart.Sex => features.Sex,
            BlockPart.Postcode => features.Value(PersonField.Postcode),
            BlockPart.Locality => features.Value(PersonField.Locality),
            BlockPart.Vin => features.Value(VehicleField.Vin),
            BlockPart.VinHead => features.Value(VehicleField.Vin) is { Length: 17 } head ? head[..8] : "",
            BlockPart.VinTail => features.Value(VehicleField.Vin) is { Length: 17 } tail ? tail[9..] : "",
            BlockPart.VinTailFront => features.Value(VehicleField.Vin) is { Length: 17 } front ? front[9..13] : "",
            BlockPart.VinTailBack => features.Value(VehicleField.Vin) is { Length: 17 } back ? back[13..] : "",
            BlockPart.Plate => features.Value(VehicleField.PlateNumber),
            BlockPart.RegistrationCountry => features.Value(VehicleField.RegistrationCountry),
            BlockPart.Make => features.Value(VehicleField.Make),
            _ => "",
        };
    }

    private static string Skeleton(string canonical) =>
        canonical.Length == 0 ? "" : NameNormalizer.SortedParts(NameNormalizer.Skeleton(canonical));
}
