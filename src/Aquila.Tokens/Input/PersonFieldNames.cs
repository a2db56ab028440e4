namespace Aquila.Tokens.Input;

/// <summary>Canonical snake_case names of <see cref="PersonField"/> values, as used in CSV headers and column maps.</summary>
public static class PersonFieldNames
{
    private static readonly string[] Names =
    [
        "record_id", "family_name", "given_name", "father_name", "sex", "date_of_birth", "place_of_birth",
        "nationality", "document_number", "national_id", "subject_category", "street", "locality", "postcode",
    ];

    private static readonly PersonField[] Fields =
    [
        PersonField.RecordId, PersonField.FamilyName, PersonField.GivenName, PersonField.FatherName, PersonField.Sex,
        PersonField.DateOfBirth, PersonField.PlaceOfBirth, PersonField.Nationality, PersonField.DocumentNumber,
        PersonField.NationalId, PersonField.SubjectCategory, PersonField.Street, PersonField.Locality, PersonField.Postcode,
    ];

    /// <summary>Number of canonical fields.</summary>
    public const int Count = 14;

    /// <summary>Every field, in declaration order.</summary>
    public static IReadOnlyList<PersonField> All => Fields;

    /// <summary>The canonical snake_case name of <paramref name="field"/>, e.g. "family_name".</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined field.</exception>
    public static string CanonicalName(PersonField field)
    {
        var index = (int)field;
        return (uint)index < (uint)Names.Length
            ? Names[index]
            : throw new ArgumentOutOfRangeException(nameof(field), field, "not a defined person field");
    }

    /// <summary>Finds the field whose canonical name is <paramref name="name"/> (case-insensitive).</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out PersonField field)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (name.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                field = Fields[i];
                return true;
            }
        }

        field = default;
        return false;
    }
}
