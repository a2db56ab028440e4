using System.Globalization;
using Aquila.Tokens.Input;

namespace Aquila.Synthetic.Vehicles;

/// <summary>
/// Generates synthetic vehicle registration data per party with known truth (<c>aquila synth --type vehicles</c>):
/// some vehicles held by several parties (the true pairs), plates re-issued to other vehicles (hard negatives), and
/// the noise of <see cref="VehicleRenderer"/>. Deterministic for a seed.
/// </summary>
public static class VehicleGenerator
{
    private static readonly string[] KnownHomes = ["RS", "BA", "ME", "MK", "AL", "XK"];

    /// <summary>Generates a data set.</summary>
    /// <exception cref="ArgumentException">Invalid counts, rates or party codes.</exception>
    public static SyntheticVehicleDataset Generate(VehicleSynthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Vehicles is < 0 or > VehicleSynthOptions.MaxVehicles)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Vehicles, $"vehicles must be between 0 and {VehicleSynthOptions.MaxVehicles}");
        }

        if (options.SharedFraction is < 0 or > 1 || options.ReissuedPlates is < 0 or > 1 || options.Noise is < 0 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "shared fraction and re-issued plates must be between 0 and 1, noise between 0 and 5");
        }

        var parties = options.Parties.Select(p => p.Trim().ToUpperInvariant()).Where(p => p.Length > 0).Distinct().ToArray();
        if (parties.Length == 0 || parties.Any(p => p.Length > 8 || !p.All(char.IsAsciiLetterOrDigit)))
        {
            throw new ArgumentException("give one or more party codes of 1 to 8 ASCII letters or digits (e.g. RS)", nameof(options));
        }

        var random = new SeededRandom(options.Seed);
        var factory = new VehicleFactory(random);
        var renderer = new VehicleRenderer(random, options.Noise);
        var vehicles = new List<SyntheticVehicle>(options.Vehicles);
        var width = Math.Max(6, options.Vehicles.ToString(CultureInfo.InvariantCulture).Length);
        for (var i = 0; i < options.Vehicles; i++)
        {
            var id = "V" + (i + 1).ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var home = random.Next(parties.Length);
            var vehicle = vehicles.Count > 0 && random.Chance(options.ReissuedPlates)
                ? factory.Reissue(id, vehicles[random.Next(vehicles.Count)])
                : factory.Create(id, KnownHomes.Contains(parties[home]) ? parties[home] : random.Pick(KnownHomes));
            vehicle.Parties = PartiesOf(home, parties.Length, options.SharedFraction, random);
            vehicles.Add(vehicle);
        }

        return Assemble(parties, vehicles, renderer, random);
    }

    private static int[] PartiesOf(int home, int partyCount, double shared, SeededRandom random)
    {
        var chosen = new List<int> { home };
        if (partyCount > 1 && random.Chance(shared))
        {
            var u = random.NextDouble();
            var count = Math.Min(partyCount, u < 0.6 ? 2 : u < 0.88 ? 3 : 4);
            while (chosen.Count < count)
            {
                var p = random.Next(partyCount);
                if (!chosen.Contains(p))
                {
                    chosen.Add(p);
                }
            }
        }

        chosen.Sort();
        return [.. chosen];
    }

    private static SyntheticVehicleDataset Assemble(string[] parties, List<SyntheticVehicle> vehicles, VehicleRenderer renderer, SeededRandom random)
    {
        var recordsByParty = new Dictionary<string, IReadOnlyList<VehicleRecord>>(StringComparer.Ordinal);
        var truth = new List<TruthRow>();
        var variations = new List<VariationRow>();
        for (var p = 0; p < parties.Length; p++)
        {
            var held = vehicles.Where(v => v.Parties.Contains(p)).ToList();
            random.Shuffle(held);
            var records = new List<VehicleRecord>(held.Count);
            var sequence = random.Next(100, 5000);
            foreach (var vehicle in held)
            {
                sequence += random.Chance(0.2) ? random.Next(2, 5) : 1;
                var recordId = string.Create(CultureInfo.InvariantCulture, $"{parties[p]}-VRD-{sequence:D7}");
                var applied = new List<string>();
                records.Add(renderer.Render(vehicle, parties[p], recordId, applied));
                truth.Add(new TruthRow(vehicle.Id, parties[p], recordId));
                variations.AddRange(applied.Select(v => new VariationRow(parties[p], recordId, vehicle.Id, v)));
            }

            recordsByParty[parties[p]] = records;
        }

        return new SyntheticVehicleDataset(parties, recordsByParty, truth, variations, vehicles.Count);
    }
}
