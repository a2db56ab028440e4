namespace Aquila.Tokens.Input;

/// <summary>
/// One raw vehicle record as read from a party's export: values trimmed, null when the column is absent or the cell
/// is blank. A vehicle record concerns a person (its keeper or user): treat it as personal data, never log it.
/// </summary>
public sealed class VehicleRecord : SourceRecord
{
    /// <summary>Registration plate as written (any script, spacing and punctuation).</summary>
    public string? PlateNumber { get; init; }

    /// <summary>Country of registration as written (ISO code, international oval code or name).</summary>
    public string? RegistrationCountry { get; init; }

    /// <summary>Vehicle identification number as written.</summary>
    public string? Vin { get; init; }

    /// <summary>Make (manufacturer or brand).</summary>
    public string? Make { get; init; }

    /// <summary>Model.</summary>
    public string? Model { get; init; }

    /// <summary>Colour.</summary>
    public string? Colour { get; init; }

    /// <summary>Year (or date) of first registration as written.</summary>
    public string? FirstRegistrationYear { get; init; }

    /// <inheritdoc />
    public override RecordType Type => RecordType.Vehicle;

    /// <summary>The value of <paramref name="field"/>.</summary>
    public string? Get(VehicleField field) => field switch
    {
        VehicleField.RecordId => RecordId,
        VehicleField.PlateNumber => PlateNumber,
        VehicleField.RegistrationCountry => RegistrationCountry,
        VehicleField.Vin => Vin,
        VehicleField.Make => Make,
        VehicleField.Model => Model,
        VehicleField.Colour => Colour,
        VehicleField.FirstRegistrationYear => FirstRegistrationYear,
        VehicleField.SubjectCategory => SubjectCategory,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a defined vehicle field"),
    };
}
