using Aquila.Tokens.Dates;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Normalization;
using Aquila.Tokens.Normalization.Vehicles;

namespace Aquila.Tokens.Comparison;

/// <summary>The comparison features of a vehicle record, normalised as its stage-1 fields are (docs/vehicles.md).</summary>
public sealed partial class ComparisonFeatures
{
    /// <summary>
    /// Reads the features of <paramref name="record"/>: VIN cleaned (I/O/Q read as 1/0/0), plate folded, country as its
    /// code, make canonical (the VIN's manufacturer make when none is written), model with its digits (ModelNames), colour folded like a name, the
    /// year of first registration as a year-precision date. Unreadable values count as missing.
    /// </summary>
    public static ComparisonFeatures Of(VehicleRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var values = new string[RecordTypes.FieldNames(RecordType.Vehicle).Count];
        Array.Fill(values, "");
        var vin = Vin.Clean(record.Vin);
        values[(int)VehicleField.Vin] = vin;
        values[(int)VehicleField.PlateNumber] = PlateNormalizer.Normalize(record.PlateNumber);
        values[(int)VehicleField.RegistrationCountry] = RegistrationCountries.Normalize(record.RegistrationCountry) ?? "";
        var make = MakeNames.Canonical(record.Make);
        values[(int)VehicleField.Make] = make.Length > 0 || vin.Length < 3 ? make : WorldManufacturerIds.MakeOf(vin) ?? "";
        values[(int)VehicleField.Model] = ModelNames.Canonical(record.Model);
        values[(int)VehicleField.Colour] = NameNormalizer.Canonical(record.Colour);
        var year = DerivedFields.RegistrationYear(record.FirstRegistrationYear) is { } y
            ? new PartialDate(y, 0, 0, DatePrecision.Year)
            : PartialDate.None;
        return new ComparisonFeatures(RecordType.Vehicle, values, year);
    }

    /// <summary>The normalised value of vehicle field <paramref name="field"/>; empty when missing.</summary>
    public string Value(VehicleField field) => _values[(int)field];
}
