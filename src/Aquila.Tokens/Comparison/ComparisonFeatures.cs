using Aquila.Tokens.Dates;
using Aquila.Tokens.Input;
using Aquila.Tokens.Normalization;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// The plain values of one record that its blocks and comparison vectors are built from, each normalised the way its
/// record field needs: names folded with parts sorted, the place as matched, date parts, sex, cleaned identifiers,
/// address parts folded. They never leave the node; only keyed vectors do.
/// </summary>
public sealed class ComparisonFeatures
{
    private readonly string[] _values;

    private ComparisonFeatures(string[] values, PartialDate dateOfBirth)
    {
        _values = values;
        DateOfBirth = dateOfBirth;
    }

    /// <summary>Given name, canonical, parts sorted; empty when missing.</summary>
    public string Given => _values[(int)PersonField.GivenName];

    /// <summary>Family name, canonical, parts sorted; empty when missing.</summary>
    public string Family => _values[(int)PersonField.FamilyName];

    /// <summary>Father's name, canonical, parts sorted; empty when missing.</summary>
    public string Father => _values[(int)PersonField.FatherName];

    /// <summary>Place of birth as normalised for matching; empty when missing.</summary>
    public string Place => _values[(int)PersonField.PlaceOfBirth];

    /// <summary>The date of birth (any precision; <see cref="DatePrecision.None"/> when missing or unreadable).</summary>
    public PartialDate DateOfBirth { get; }

    /// <summary>"M", "F" or empty.</summary>
    public string Sex => _values[(int)PersonField.Sex];

    /// <summary>Cleaned national id (any check digit); empty when missing.</summary>
    public string NationalId => _values[(int)PersonField.NationalId];

    /// <summary>Cleaned document number; empty when missing.</summary>
    public string Document => _values[(int)PersonField.DocumentNumber];

    /// <summary>The normalised value of <paramref name="field"/>; empty when missing (the date of birth is <see cref="DateOfBirth"/>).</summary>
    public string Value(PersonField field) => _values[(int)field];

    /// <summary>Reads the features of <paramref name="record"/>; an unreadable date counts as missing.</summary>
    public static ComparisonFeatures Of(PersonRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _ = DateParser.TryParse(record.DateOfBirth.AsSpan(), out var dob, out _);
        var values = new string[PersonFieldNames.Count];
        for (var f = 0; f < values.Length; f++)
        {
            var field = (PersonField)f;
            values[f] = field is PersonField.RecordId or PersonField.SubjectCategory or PersonField.DateOfBirth
                ? ""
                : Normalise(field, record.Get(field));
        }

        return new ComparisonFeatures(values, dob);
    }

    /// <summary>Features from values that are already normalised (the spec's test vectors); fields not given are missing.</summary>
    internal static ComparisonFeatures FromValues(IReadOnlyDictionary<PersonField, string> values, PartialDate dateOfBirth)
    {
        var array = new string[PersonFieldNames.Count];
        Array.Fill(array, "");
        foreach (var (field, value) in values)
        {
            array[(int)field] = value;
        }

        return new ComparisonFeatures(array, dateOfBirth);
    }

    private static string Normalise(PersonField field, string? raw) => field switch
    {
        PersonField.GivenName or PersonField.FamilyName or PersonField.FatherName =>
            NameNormalizer.SortedParts(NameEquivalents.Apply(NameNormalizer.Canonical(raw))),
        PersonField.PlaceOfBirth => PlaceNames.Normalize(raw),
        PersonField.Sex => IdentifierNormalizer.ParseSex(raw) switch { Normalization.Sex.Male => "M", Normalization.Sex.Female => "F", _ => "" },
        PersonField.NationalId => IdentifierNormalizer.NationalIdForMatching(raw),
        PersonField.DocumentNumber => IdentifierNormalizer.DocumentNumberForMatching(raw),
        PersonField.Postcode => IdentifierNormalizer.NationalId(raw),
        // Street, locality, nationality: folded text; a value without letters (a house number) as cleaned characters.
        _ => NameNormalizer.Canonical(raw) is { Length: > 0 } text ? text : IdentifierNormalizer.NationalId(raw),
    };
}
