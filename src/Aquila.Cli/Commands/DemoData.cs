using Aquila.Synthetic;
using Aquila.Synthetic.Vehicles;

namespace Aquila.Cli.Commands;

/// <summary>The synthetic exports of <c>aquila demo</c>: persons or vehicles, one file per party, and the truth to score the hits.</summary>
internal static class DemoData
{
    /// <summary>Writes synthetic persons to <paramref name="exports"/>; returns the truth.</summary>
    public static IReadOnlyList<TruthRow> Persons(int persons, int seed, IReadOnlyList<string> parties, string exports, Action<string> say)
    {
        var data = SyntheticGenerator.Generate(new SynthOptions { Persons = persons, Seed = seed, Parties = parties });
        SyntheticDatasetWriter.Write(data, exports);
        say($"Generated {data.PersonCount:N0} synthetic persons held as {data.Truth.Count:N0} records by {parties.Count} parties.");
        return data.Truth;
    }

    /// <summary>Writes synthetic vehicles (with their noise and re-issued plates) to <paramref name="exports"/>; returns the truth.</summary>
    public static IReadOnlyList<TruthRow> Vehicles(int vehicles, int seed, IReadOnlyList<string> parties, string exports, Action<string> say)
    {
        var data = VehicleGenerator.Generate(new VehicleSynthOptions { Vehicles = vehicles, Seed = seed, Parties = parties });
        VehicleDatasetWriter.Write(data, exports);
        say($"Generated {data.VehicleCount:N0} synthetic vehicles held as {data.Truth.Count:N0} records by {parties.Count} parties "
            + "(built-in vehicle schema vehicles-v1).");
        return data.Truth;
    }
}
