namespace Aquila.Synthetic.Vehicles;

/// <summary>What <see cref="VehicleGenerator"/> generates: how many vehicles, for which parties, from which seed, how noisy.</summary>
public sealed class VehicleSynthOptions
{
    /// <summary>Most vehicles one data set may hold.</summary>
    public const int MaxVehicles = 10_000_000;

    /// <summary>Number of distinct vehicles.</summary>
    public int Vehicles { get; init; } = 1000;

    /// <summary>Party codes; a party's records carry its conventions (script, plate formats) where it is known.</summary>
    public IReadOnlyList<string> Parties { get; init; } = SynthOptions.KnownParties;

    /// <summary>The same seed gives the same data set.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Share of vehicles held by two to four parties (the true pairs).</summary>
    public double SharedFraction { get; init; } = 0.2;

    /// <summary>
    /// Share of vehicles that carry a plate re-issued from another vehicle of the data set (same plate and country,
    /// another VIN, make and year): the hard negatives.
    /// </summary>
    public double ReissuedPlates { get; init; } = 0.03;

    /// <summary>Multiplies every noise rate (0 = clean records, 1 = the realistic default).</summary>
    public double Noise { get; init; } = 1.0;
}
