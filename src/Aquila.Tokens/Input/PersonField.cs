namespace Aquila.Tokens.Input;

/// <summary>
/// The canonical fields of a person record. The canonical CSV header of each field is its snake_case name
/// (see <see cref="PersonFieldNames"/>).
/// </summary>
public enum PersonField
{
    /// <summary>record_id: the party's own identifier of the record (required).</summary>
    RecordId,

    /// <summary>family_name.</summary>
    FamilyName,

    /// <summary>given_name.</summary>
    GivenName,

    /// <summary>father_name.</summary>
    FatherName,

    /// <summary>sex.</summary>
    Sex,

    /// <summary>date_of_birth.</summary>
    DateOfBirth,

    /// <summary>place_of_birth.</summary>
    PlaceOfBirth,

    /// <summary>nationality.</summary>
    Nationality,

    /// <summary>document_number.</summary>
    DocumentNumber,

    /// <summary>national_id.</summary>
    NationalId,

    /// <summary>subject_category: data-subject category (suspect, convicted, person of interest, other).</summary>
    SubjectCategory,

    /// <summary>street: street address (name, optionally with number), used only by stage-2 comparison fields.</summary>
    Street,

    /// <summary>locality: town, suburb or municipality of the address, used only by stage-2 comparison fields.</summary>
    Locality,

    /// <summary>postcode: postal code of the address, used only by stage-2 comparison fields.</summary>
    Postcode,
}
