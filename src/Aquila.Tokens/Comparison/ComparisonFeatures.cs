using Aquila.Tokens.Dates;
using Aquila.Tokens.Input;
using Aquila.Tokens.Normalization;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// The plain values of one record that its comparison vectors are built from: canonical name strings (folded, parts
/// sorted), the place, date parts, sex and identifiers. They never leave the node; only keyed vectors do.
/// </summary>
public sealed class ComparisonFeatures
{
    private ComparisonFeatures()
    {
    }

    /// <summary>Given name, canonical, parts sorted; empty when missing.</summary>
    public string Given { get; private init; } = "";

    /// <summary>Family name, canonical, parts sorted; empty when missing.</summary>
    public string Family { get; private init; } = "";

    /// <summary>Father's name, canonical, parts sorted; empty when missing.</summary>
    public string Father { get; private init; } = "";

    /// <summary>Place of birth as normalised for matching; empty when missing.</summary>
    public string Place { get; private init; } = "";

    /// <summary>The date of birth (any precision; <see cref="DatePrecision.None"/> when missing or unreadable).</summary>
    public PartialDate DateOfBirth { get; private init; }

    /// <summary>"M", "F" or empty.</summary>
    public string Sex { get; private init; } = "";

    /// <summary>Cleaned national id (any check digit); empty when missing.</summary>
    public string NationalId { get; private init; } = "";

    /// <summary>Cleaned document number; empty when missing.</summary>
    public string Document { get; private init; } = "";

    /// <summary>Reads the features of <paramref name="record"/>; an unreadable date counts as missing.</summary>
    public static ComparisonFeatures Of(PersonRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _ = DateParser.TryParse(record.DateOfBirth.AsSpan(), out var dob, out _);
        return new ComparisonFeatures
        {
            Given = Name(record.GivenName),
            Family = Name(record.FamilyName),
            Father = Name(record.FatherName),
            Place = PlaceNames.Normalize(record.PlaceOfBirth),
            DateOfBirth = dob,
            Sex = IdentifierNormalizer.ParseSex(record.Sex) switch { Normalization.Sex.Male => "M", Normalization.Sex.Female => "F", _ => "" },
            NationalId = IdentifierNormalizer.NationalIdForMatching(record.NationalId),
            Document = IdentifierNormalizer.DocumentNumberForMatching(record.DocumentNumber),
        };
    }

    private static string Name(string? raw) => NameNormalizer.SortedParts(NameEquivalents.Apply(NameNormalizer.Canonical(raw)));
}
