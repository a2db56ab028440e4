using Aquila.Tokens.Input;

namespace Aquila.Tokens.Keys;

/// <summary>The snake_case names of <see cref="MatchField"/> used in schema files.</summary>
public static class MatchFieldNames
{
    private static readonly string[] Names =
    [
        "name", "skeleton", "family", "given", "given_initial", "father", "place", "sex", "dob", "birth_year",
        "nationality", "national_id", "national_id_any", "document_number", "document_country", "birth_day_month", "name_partial", "family_skeleton", "family_initial",
        "vin", "vin_unverified", "plate", "registration_country", "make", "registration_year",
    ];

    /// <summary>The schema-file name of a field.</summary>
    public static string Of(MatchField field) => Names[(int)field];

    /// <summary>Parses a schema-file field name.</summary>
    public static bool TryParse(string name, out MatchField field)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                field = (MatchField)i;
                return true;
            }
        }

        field = default;
        return false;
    }

    /// <summary>Fields built from a person's names: a key with one of these needs a date-of-birth component.</summary>
    public static bool IsNameBased(MatchField field) =>
        field is MatchField.Name or MatchField.NamePartial or MatchField.Skeleton or MatchField.FamilySkeleton
            or MatchField.FamilyInitial or MatchField.Family or MatchField.Given
            or MatchField.GivenInitial or MatchField.Father;

    /// <summary>Fields that tell persons apart rather than describe them; every key needs one.</summary>
    public static bool IsDistinguishing(MatchField field) =>
        IsNameBased(field) || field is MatchField.NationalId or MatchField.NationalIdAny or MatchField.DocumentNumber;

    /// <summary>
    /// Fields that separate twins and siblings (who share family name, father, date and place of birth).
    /// A strong key needs one.
    /// </summary>
    public static bool SeparatesSiblings(MatchField field) =>
        field is MatchField.Name or MatchField.Given or MatchField.NationalId or MatchField.DocumentNumber;

    /// <summary>The record type a field is derived from.</summary>
    public static RecordType RecordTypeOf(MatchField field) =>
        field >= MatchField.Vin ? RecordType.Vehicle : RecordType.Person;

    /// <summary>Vehicle fields that identify one vehicle by nature: allowed alone in a key.</summary>
    public static bool IdentifiesVehicle(MatchField field) => field is MatchField.Vin or MatchField.VinUnverified;
}
