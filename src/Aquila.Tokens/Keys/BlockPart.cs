namespace Aquila.Tokens.Keys;

/// <summary>
/// A part of a candidate block's value (the schema's <c>"scoring"."blocks"[].parts</c>). A block value is its parts
/// joined; a record without a part has no value for that block. Names in the schema are snake_case.
/// </summary>
public enum BlockPart
{
    /// <summary><c>given</c>: given name, canonical, parts sorted.</summary>
    Given,

    /// <summary><c>family</c>: family name, canonical, parts sorted.</summary>
    Family,

    /// <summary><c>father</c>: father's name, canonical.</summary>
    Father,

    /// <summary><c>given_skeleton</c>: phonetic skeleton of the given name.</summary>
    GivenSkeleton,

    /// <summary><c>family_skeleton</c>: phonetic skeleton of the family name.</summary>
    FamilySkeleton,

    /// <summary><c>father_skeleton</c>: phonetic skeleton of the father's name.</summary>
    FatherSkeleton,

    /// <summary><c>name_skeleton</c>: skeletons of given and family name, order-free (swapped names share it).</summary>
    NameSkeleton,

    /// <summary><c>initials</c>: first letters of given and family name, order-free.</summary>
    Initials,

    /// <summary><c>family_initial</c>: first letter of the family name.</summary>
    FamilyInitial,

    /// <summary><c>dob</c>: full date of birth (records with a partial date have none).</summary>
    Dob,

    /// <summary>
    /// <c>year</c>: the year of the record type's date field (birth, first registration); a record has two values, Y and
    /// Y+1, so years within one meet.
    /// </summary>
    Year,

    /// <summary><c>place</c>: place of birth.</summary>
    Place,

    /// <summary><c>national_id</c>: national id, any check digit.</summary>
    NationalId,

    /// <summary><c>document</c>: document number.</summary>
    Document,

    /// <summary><c>sex</c>.</summary>
    Sex,

    /// <summary><c>postcode</c>.</summary>
    Postcode,

    /// <summary><c>locality</c>.</summary>
    Locality,

    /// <summary><c>vin</c>: the cleaned VIN (vehicles), verified or not.</summary>
    Vin,

    /// <summary><c>vin_head</c>: VIN positions 1–8 (manufacturer identifier and vehicle descriptor), without the check digit.</summary>
    VinHead,

    /// <summary><c>vin_tail</c>: VIN positions 10–17 (model year, plant, serial number), without the check digit.</summary>
    VinTail,

    /// <summary><c>plate</c>: the plate, folded (vehicles).</summary>
    Plate,

    /// <summary><c>registration_country</c>: the country of registration, as its code (vehicles).</summary>
    RegistrationCountry,

    /// <summary><c>make</c>: the make, canonical; the VIN's manufacturer make when none is written (vehicles).</summary>
    Make,

    /// <summary>
    /// <c>vin_tail_front</c>: VIN positions 10–13 (model year, plant, start of the serial). Only with <c>vin_head</c>: a VIN
    /// with one wrong character in positions 14–17 keeps head and front.
    /// </summary>
    VinTailFront,

    /// <summary>
    /// <c>vin_tail_back</c>: VIN positions 14–17 (end of the serial). Only with <c>vin_head</c>: a VIN with one wrong
    /// character in positions 10–13 keeps head and back.
    /// </summary>
    VinTailBack,
}
