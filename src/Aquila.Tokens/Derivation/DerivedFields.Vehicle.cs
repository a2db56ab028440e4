using Aquila.Tokens.Dates;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Aquila.Tokens.Normalization.Vehicles;

namespace Aquila.Tokens.Derivation;

/// <summary>The canonical values of a vehicle record (docs/record-types.md, docs/vehicles.md).</summary>
internal sealed partial class DerivedFields
{
    /// <summary>Derives every vehicle field; returns the problem (field, reason) if the record cannot be used.</summary>
    public (string Field, string Reason)? Derive(VehicleRecord record)
    {
        Clear();
        var vin = Vin.Clean(record.Vin);
        if (vin.Length > 0)
        {
            Add(Vin.IsVerified(vin) ? MatchField.Vin : MatchField.VinUnverified, vin);
        }

        var plate = PlateNormalizer.Normalize(record.PlateNumber);
        Add(MatchField.Plate, plate);
        var country = RegistrationCountries.Normalize(record.RegistrationCountry);
        if (country is null && record.RegistrationCountry is not null)
        {
            return ("registration_country", "not a country code, oval code or country name");
        }

        Add(MatchField.RegistrationCountry, country);

        // The make as written first, then the make the VIN's manufacturer code stands for: either agrees.
        Add(MatchField.Make, MakeNames.Canonical(record.Make));
        if (vin.Length >= 3)
        {
            Add(MatchField.Make, WorldManufacturerIds.MakeOf(vin));
        }

        if (RegistrationYear(record.FirstRegistrationYear) is { } year)
        {
            AddYear(MatchField.RegistrationYear, year);
        }

        return null;
    }

    internal static int? RegistrationYear(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        if (raw.Length == 4 && int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var plain))
        {
            return plain is >= 1886 and <= 2200 ? plain : null;
        }

        return DateParser.TryParse(raw.AsSpan(), out var date, out _) && date.Precision != DatePrecision.None ? date.Year : null;
    }
}
