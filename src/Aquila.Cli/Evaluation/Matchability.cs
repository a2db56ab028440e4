using Aquila.Cli.Local;
using Aquila.Tokens.Dates;
using Aquila.Tokens.Input;
using Aquila.Tokens.Normalization;
using Aquila.Tokens.Normalization.Vehicles;

namespace Aquila.Cli.Evaluation;

/// <summary>
/// Which true pairs a deterministic stage-1 key could find at all. A pair is <b>matchable</b> when its two records
/// share what at least one key needs: the same cleaned national id, or the same cleaned document number, or both
/// records have a family name, a given name and a date of birth with at least a year, from the date field or from a
/// valid JMBG (every name key needs a date part, DESIGN §2). A pair with no date on one side that shares no
/// identifier is not matchable: no key may link it. For vehicles: the same cleaned VIN, or the same plate with a
/// country or make on both records (a plate alone makes no key).
/// </summary>
internal sealed class Matchability
{
    private readonly Dictionary<RecordRef, Evidence> _evidence = [];

    /// <summary>Collects the evidence of every record of <paramref name="exports"/>.</summary>
    public Matchability(IEnumerable<PartyExport> exports)
    {
        foreach (var export in exports)
        {
            foreach (var record in export.Records)
            {
                _evidence[new RecordRef(export.Party, record.RecordId)] = Of(record);
            }
        }
    }

    /// <summary>True when the pair shares what at least one key needs (see the type's summary).</summary>
    public bool IsMatchable(RecordRef a, RecordRef b)
    {
        if (!_evidence.TryGetValue(a, out var x) || !_evidence.TryGetValue(b, out var y))
        {
            return false;
        }

        return (x.NamedAndDated && y.NamedAndDated)
            || (x.NationalId is not null && x.NationalId == y.NationalId)
            || (x.Document is not null && x.Document == y.Document);
    }

    private static Evidence Of(SourceRecord record) => record switch
    {
        VehicleRecord vehicle => Of(vehicle),
        _ => Of((PersonRecord)record),
    };

    // The VIN stands in the national id's place, the plate in the document's; "named and dated" becomes "has a plate
    // with a country or make", since those keys need no other shared value.
    private static Evidence Of(VehicleRecord record)
    {
        var vin = Vin.Clean(record.Vin);
        var plate = PlateNormalizer.Normalize(record.PlateNumber);
        var qualified = plate.Length > 0 && (record.RegistrationCountry is not null || record.Make is not null || vin.Length >= 3);
        return new Evidence(false, vin.Length > 0 ? vin : null, qualified ? plate : null);
    }

    private static Evidence Of(PersonRecord record)
    {
        var named = NameNormalizer.Canonical(record.FamilyName).Length > 0 && NameNormalizer.Canonical(record.GivenName).Length > 0;
        var id = IdentifierNormalizer.NationalIdForMatching(record.NationalId);
        var dated = (DateParser.TryParse(record.DateOfBirth.AsSpan(), out var dob, out _) && dob.Precision != DatePrecision.None)
            || IdentifierNormalizer.IsValidJmbg(id);
        var document = IdentifierNormalizer.DocumentNumberForMatching(record.DocumentNumber);
        return new Evidence(named && dated, id.Length > 0 ? id : null, document.Length > 0 ? document : null);
    }

    private readonly record struct Evidence(bool NamedAndDated, string? NationalId, string? Document);
}
