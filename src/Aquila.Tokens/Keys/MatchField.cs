namespace Aquila.Tokens.Keys;

/// <summary>
/// A value derived from a record that a match key can be built from (the person fields first, then the vehicle fields;
/// <see cref="MatchFieldNames.RecordTypeOf"/> tells which). The derivation of each is fixed in
/// code and written down in docs/token-spec.md; the schema only combines them.
/// </summary>
public enum MatchField : byte
{
    /// <summary>
    /// Family and given name parts together, canonical, sorted (order-free); for a compound family name also with
    /// each one of its parts alone.
    /// </summary>
    Name,

    /// <summary>Phonetic skeletons of the family and given name parts, sorted.</summary>
    Skeleton,

    /// <summary>Family name parts, canonical, sorted.</summary>
    Family,

    /// <summary>Given name parts, canonical, sorted.</summary>
    Given,

    /// <summary>First letter of the canonical given name.</summary>
    GivenInitial,

    /// <summary>Father's name parts, canonical, sorted.</summary>
    Father,

    /// <summary>Place of birth parts, canonical, sorted.</summary>
    Place,

    /// <summary>M or F.</summary>
    Sex,

    /// <summary>Full date of birth as YYYYMMDD; a day/month-ambiguous date gives two values.</summary>
    Dob,

    /// <summary>
    /// Year of birth as YYYY (any precision), with the next year as a variant, so two records agree when their
    /// years differ by at most one.
    /// </summary>
    BirthYear,

    /// <summary>Nationality as ISO 3166-1 alpha-2.</summary>
    Nationality,

    /// <summary>A JMBG/EMBG with a valid check digit, or a national id qualified by nationality.</summary>
    NationalId,

    /// <summary>Any cleaned national id, whatever its check digit or country.</summary>
    NationalIdAny,

    /// <summary>Cleaned document number.</summary>
    DocumentNumber,

    /// <summary>Issuing country of the document (the record's nationality), ISO 3166-1 alpha-2.</summary>
    DocumentCountry,

    /// <summary>Month and day of birth as MMDD (full dates only); a day/month-ambiguous date gives two values.</summary>
    BirthDayMonth,

    /// <summary>
    /// Like <see cref="Name"/>, with variants for a compound given name too that keep only one of its parts
    /// (Sabri Burim / Sabri). Twins can be named so (Tamara / Milena Tamara): never enough for a strong key.
    /// </summary>
    NamePartial,

    /// <summary>Phonetic skeletons of the family name parts, sorted (with the single parts of a compound name as variants).</summary>
    FamilySkeleton,

    /// <summary>First letter of the canonical family name.</summary>
    FamilyInitial,

    /// <summary>
    /// Vehicle: a well-formed 17-character VIN (I, O, Q read as 1, 0, 0) whose ISO 3779 check digit is right, or whose
    /// manufacturer region does not use the check digit (outside North America).
    /// </summary>
    Vin,

    /// <summary>Vehicle: a cleaned VIN that is not a <see cref="Vin"/> (check digit wrong where mandatory, or not 17 characters).</summary>
    VinUnverified,

    /// <summary>Vehicle: the plate without spaces, hyphens and dots, Cyrillic and Latin look-alike letters folded.</summary>
    Plate,

    /// <summary>Vehicle: country of registration as ISO 3166-1 alpha-2 (from ISO codes, oval codes or names).</summary>
    RegistrationCountry,

    /// <summary>Vehicle: canonical make, from the make field and from the VIN's world manufacturer identifier.</summary>
    Make,

    /// <summary>Vehicle: year of first registration as YYYY, with the next year as a variant (within one).</summary>
    RegistrationYear,
}
