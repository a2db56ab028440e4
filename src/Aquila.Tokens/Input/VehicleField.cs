namespace Aquila.Tokens.Input;

/// <summary>
/// The canonical fields of a vehicle record; the canonical CSV header of each is its snake_case name
/// (<see cref="RecordTypes.FieldNames"/>).
/// </summary>
public enum VehicleField
{
    /// <summary>record_id: the party's own identifier of the record (required).</summary>
    RecordId,

    /// <summary>plate_number: the registration plate as written.</summary>
    PlateNumber,

    /// <summary>registration_country: the country of registration (code, oval code or name).</summary>
    RegistrationCountry,

    /// <summary>vin: vehicle identification number (ISO 3779).</summary>
    Vin,

    /// <summary>make: manufacturer or brand.</summary>
    Make,

    /// <summary>model.</summary>
    Model,

    /// <summary>colour.</summary>
    Colour,

    /// <summary>first_registration_year: year (or date) of first registration.</summary>
    FirstRegistrationYear,

    /// <summary>subject_category: data-subject category of the person the record concerns (owner, user).</summary>
    SubjectCategory,
}
