using Aquila.Tokens.Input;

namespace Aquila.Tokens.Keys;

/// <summary>
/// The rules of DESIGN.md §2 and §3 that a schema's keys must never break, whoever writes the schema, per record type
/// (docs/record-types.md lists them).
/// </summary>
internal static class SchemaPrivacyRules
{
    /// <summary>The rule a key breaks, as the end of a sentence; null when it breaks none.</summary>
    public static string? Broken(RecordType type, MatchBand band, IReadOnlyList<MatchField> fields) => type switch
    {
        RecordType.Vehicle => BrokenByVehicleKey(band, fields),
        _ => BrokenByPersonKey(band, fields),
    };

    private static string? BrokenByPersonKey(MatchBand band, IReadOnlyList<MatchField> fields)
    {
        var nameBased = false;
        var dated = false;
        var distinguishing = false;
        var separatesSiblings = false;
        foreach (var field in fields)
        {
            nameBased |= MatchFieldNames.IsNameBased(field);
            dated |= field is MatchField.Dob or MatchField.BirthYear;
            distinguishing |= MatchFieldNames.IsDistinguishing(field);
            separatesSiblings |= MatchFieldNames.SeparatesSiblings(field);
        }

        if (fields.Count == 1 && fields[0] != MatchField.NationalId)
        {
            return "a single-field key is only allowed for national_id (no single-field tokens)";
        }

        if (!distinguishing)
        {
            return "needs a name field, a national id or a document number";
        }

        if (nameBased && !dated)
        {
            return "a name-based key must include dob or birth_year";
        }

        if (band == MatchBand.Strong && !separatesSiblings)
        {
            return "a strong key needs name, given, national_id or document_number (twins and siblings share the rest)";
        }

        return null;
    }

    // Plates are re-issued to other vehicles and shared by look-alike plates of other countries: a plate never makes a
    // key alone; a VIN identifies one vehicle by nature.
    private static string? BrokenByVehicleKey(MatchBand band, IReadOnlyList<MatchField> fields)
    {
        var vin = false;
        var plate = false;
        var country = false;
        var make = false;
        foreach (var field in fields)
        {
            vin |= MatchFieldNames.IdentifiesVehicle(field);
            plate |= field == MatchField.Plate;
            country |= field == MatchField.RegistrationCountry;
            make |= field == MatchField.Make;
        }

        if (fields.Count == 1 && !vin)
        {
            return "a single-field key is only allowed for vin and vin_unverified (no single-field tokens; plates are re-issued)";
        }

        if (!vin && !plate)
        {
            return "needs vin, vin_unverified or plate";
        }

        if (plate && !vin && !country && !make)
        {
            return "a plate needs registration_country or make in its key (plates are re-issued)";
        }

        if (band == MatchBand.Strong && !fields.Contains(MatchField.Vin) && !(plate && country))
        {
            return "a strong key needs vin, or plate with registration_country";
        }

        return null;
    }
}
