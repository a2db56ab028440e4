namespace Aquila.Tokens.Input;

/// <summary>Schema-file names of <see cref="RecordType"/> values and the canonical CSV fields of each type.</summary>
public static class RecordTypes
{
    private static readonly string[] PersonFields = [.. PersonFieldNames.All.Select(PersonFieldNames.CanonicalName)];

    private static readonly string[] VehicleFields =
    [
        "record_id", "plate_number", "registration_country", "vin", "make", "model", "colour", "first_registration_year",
        "subject_category",
    ];

    /// <summary>The name a schema file uses: "person" or "vehicle".</summary>
    public static string Name(RecordType type) => type switch
    {
        RecordType.Person => "person",
        RecordType.Vehicle => "vehicle",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a defined record type"),
    };

    /// <summary>Parses a schema-file record type name.</summary>
    public static bool TryParse(string? name, out RecordType type)
    {
        switch (name)
        {
            case "person":
                type = RecordType.Person;
                return true;
            case "vehicle":
                type = RecordType.Vehicle;
                return true;
            default:
                type = default;
                return false;
        }
    }

    /// <summary>
    /// The canonical CSV field names of a record type, in field order (the order of <see cref="PersonField"/> or
    /// <see cref="VehicleField"/>); the first is always record_id.
    /// </summary>
    public static IReadOnlyList<string> FieldNames(RecordType type) => type switch
    {
        RecordType.Person => PersonFields,
        RecordType.Vehicle => VehicleFields,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a defined record type"),
    };

    /// <summary>
    /// Index in <see cref="FieldNames"/> of the type's one date field, which stage 2 compares as a date and blocks by year:
    /// a person's date_of_birth, a vehicle's first_registration_year.
    /// </summary>
    public static int DateField(RecordType type) => type switch
    {
        RecordType.Person => (int)PersonField.DateOfBirth,
        RecordType.Vehicle => (int)VehicleField.FirstRegistrationYear,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a defined record type"),
    };

    /// <summary>Every defined record type.</summary>
    public static IReadOnlyList<RecordType> All { get; } = [RecordType.Person, RecordType.Vehicle];
}
