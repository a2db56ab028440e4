using Aquila.Tokens.Dates;
using Aquila.Tokens.Input;
using Aquila.Tokens.Normalization;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// The plain values of one record that its blocks and comparison vectors are built from, indexed by the canonical
/// fields of its record type, each normalised the way its field needs: for persons names folded with parts sorted, the
/// place as matched, date parts, sex, cleaned identifiers, address parts folded; for vehicles the normalisers of
/// docs/vehicles.md. They never leave the node; only keyed vectors do.
/// </summary>
public sealed partial class ComparisonFeatures
{
    private readonly string[] _values;

    private ComparisonFeatures(RecordType type, string[] values, PartialDate date)
    {
        Type = type;
        _values = values;
        Date = date;
    }

    /// <summary>The record type whose fields these are.</summary>
    public RecordType Type { get; }

    /// <summary>
    /// The record type's date field (<see cref="RecordTypes.DateField"/>): a person's date of birth at any precision, a
    /// vehicle's year of first registration (year precision); <see cref="DatePrecision.None"/> when missing or unreadable.
    /// </summary>
    public PartialDate Date { get; }

    /// <summary>Given name, canonical, parts sorted; empty when missing.</summary>
    public string Given => _values[(int)PersonField.GivenName];

    /// <summary>Family name, canonical, parts sorted; empty when missing.</summary>
    public string Family => _values[(int)PersonField.FamilyName];

    /// <summary>Father's name, canonical, parts sorted; empty when missing.</summary>
    public string Father => _values[(int)PersonField.FatherName];

    /// <summary>Place of birth as normalised for matching; empty when missing.</summary>
    public string Place => _values[(int)PersonField.PlaceOfBirth];

    /// <summary>The date of birth of a person (any precision; <see cref="DatePrecision.None"/> when missing or unreadable).</summary>
    public PartialDate DateOfBirth => Date;

    /// <summary>"M", "F" or empty.</summary>
    public string Sex => _values[(int)PersonField.Sex];

    /// <summary>Cleaned national id (any check digit); empty when missing.</summary>
    public string NationalId => _values[(int)PersonField.NationalId];

    /// <summary>Cleaned document number; empty when missing.</summary>
    public string Document => _values[(int)PersonField.DocumentNumber];

    /// <summary>The normalised value of <paramref name="field"/>; empty when missing (the date of birth is <see cref="DateOfBirth"/>).</summary>
    public string Value(PersonField field) => _values[(int)field];

    /// <summary>
    /// The normalised value of canonical field <paramref name="field"/> of the record type (a <see cref="PersonField"/> or
    /// <see cref="VehicleField"/> value); empty when missing (the date field is <see cref="Date"/>).
    /// </summary>
    public string Value(int field) => _values[field];

    /// <summary>Reads the features of <paramref name="record"/> of any record type; an unreadable date counts as missing.</summary>
    public static ComparisonFeatures Of(SourceRecord record) => record switch
    {
        PersonRecord person => Of(person),
        VehicleRecord vehicle => Of(vehicle),
        null => throw new ArgumentNullException(nameof(record)),
        _ => throw new ArgumentException($"Stage 2 has no comparison features for {RecordTypes.Name(record.Type)} records.", nameof(record)),
    };

    /// <summary>
    /// Reads the features of <paramref name="record"/>; an unreadable date counts as missing, and a date that is missing
    /// or year-only is taken from the national id when that states one (<see cref="NationalIdDates"/>).
    /// </summary>
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

        // A national id that states the date of birth stands in for a date field that is missing or holds only a year
        // (within one of it): the JMBG or Albanian number is the registry's own record of the date.
        if (dob.Precision != DatePrecision.Full && NationalIdDates.TryDateOfBirth(values[(int)PersonField.NationalId], out var fromId)
            && (dob.Precision == DatePrecision.None || Math.Abs(fromId.Year - dob.Year) <= 1))
        {
            dob = fromId;
        }

        return new ComparisonFeatures(RecordType.Person, values, dob);
    }

    /// <summary>
    /// Features of a <paramref name="type"/> record from values that are already normalised (the spec's test vectors),
    /// keyed by canonical field index; fields not given are missing.
    /// </summary>
    internal static ComparisonFeatures FromValues(RecordType type, IReadOnlyDictionary<int, string> values, PartialDate date)
    {
        var array = new string[RecordTypes.FieldNames(type).Count];
        Array.Fill(array, "");
        foreach (var (field, value) in values)
        {
            array[field] = value;
        }

        return new ComparisonFeatures(type, array, date);
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
