namespace Aquila.Tokens.Input;

/// <summary>
/// One raw person record as read from a party's export: values trimmed, null when the column is absent or the cell
/// is blank. This is personal data: never log it or put it into a message.
/// </summary>
public sealed class PersonRecord : SourceRecord
{
    /// <summary>Family name (surname).</summary>
    public string? FamilyName { get; init; }

    /// <summary>Given name(s).</summary>
    public string? GivenName { get; init; }

    /// <summary>Father's name.</summary>
    public string? FatherName { get; init; }

    /// <summary>Sex as written in the source.</summary>
    public string? Sex { get; init; }

    /// <summary>Date of birth as written in the source; parse with <see cref="Dates.DateParser"/>.</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>Place of birth.</summary>
    public string? PlaceOfBirth { get; init; }

    /// <summary>Nationality as written in the source.</summary>
    public string? Nationality { get; init; }

    /// <summary>Travel or identity document number.</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>National identity number (e.g. JMBG/EMBG).</summary>
    public string? NationalId { get; init; }

    /// <summary>Street address.</summary>
    public string? Street { get; init; }

    /// <summary>Locality (town, suburb) of the address.</summary>
    public string? Locality { get; init; }

    /// <summary>Postal code of the address.</summary>
    public string? Postcode { get; init; }

    /// <inheritdoc />
    public override RecordType Type => RecordType.Person;

    /// <summary>The value of <paramref name="field"/>.</summary>
    public string? Get(PersonField field) => field switch
    {
        PersonField.RecordId => RecordId,
        PersonField.FamilyName => FamilyName,
        PersonField.GivenName => GivenName,
        PersonField.FatherName => FatherName,
        PersonField.Sex => Sex,
        PersonField.DateOfBirth => DateOfBirth,
        PersonField.PlaceOfBirth => PlaceOfBirth,
        PersonField.Nationality => Nationality,
        PersonField.DocumentNumber => DocumentNumber,
        PersonField.NationalId => NationalId,
        PersonField.SubjectCategory => SubjectCategory,
        PersonField.Street => Street,
        PersonField.Locality => Locality,
        PersonField.Postcode => Postcode,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a defined person field"),
    };
}
