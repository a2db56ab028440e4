using Aquila.Tokens.Input;

namespace Aquila.Synthetic.Vehicles;

/// <summary>Generated vehicle records per party, with the truth (which records are one vehicle) and the noise applied.</summary>
public sealed class SyntheticVehicleDataset
{
    internal SyntheticVehicleDataset(IReadOnlyList<string> parties, IReadOnlyDictionary<string, IReadOnlyList<VehicleRecord>> recordsByParty,
        IReadOnlyList<TruthRow> truth, IReadOnlyList<VariationRow> variations, int vehicleCount)
    {
        Parties = parties;
        RecordsByParty = recordsByParty;
        Truth = truth;
        Variations = variations;
        VehicleCount = vehicleCount;
    }

    /// <summary>Party codes in order.</summary>
    public IReadOnlyList<string> Parties { get; }

    /// <summary>Each party's records, in file order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<VehicleRecord>> RecordsByParty { get; }

    /// <summary>Which vehicle each record is (the truth's person_id column holds the vehicle id).</summary>
    public IReadOnlyList<TruthRow> Truth { get; }

    /// <summary>The noise applied to each record.</summary>
    public IReadOnlyList<VariationRow> Variations { get; }

    /// <summary>Distinct vehicles.</summary>
    public int VehicleCount { get; }
}
