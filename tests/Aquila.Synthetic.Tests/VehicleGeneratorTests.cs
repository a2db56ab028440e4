using Aquila.Synthetic.Vehicles;
using Aquila.Tokens.Input;
using Aquila.Tokens.Normalization.Vehicles;

namespace Aquila.Synthetic.Tests;

public sealed class VehicleGeneratorTests
{
    private static SyntheticVehicleDataset Generate(int seed, double noise = 1.0, double reissued = 0.03) =>
        VehicleGenerator.Generate(new VehicleSynthOptions { Vehicles = 2000, Seed = seed, Noise = noise, ReissuedPlates = reissued });

    private static IEnumerable<string> Fingerprint(SyntheticVehicleDataset data) =>
        data.Parties.SelectMany(p => data.RecordsByParty[p].Select(r =>
            string.Join('|', p, r.RecordId, r.PlateNumber, r.RegistrationCountry, r.Vin, r.Make, r.FirstRegistrationYear)));

    [Fact]
    public void The_same_seed_gives_identical_records_and_truth()
    {
        var first = Generate(7);
        var second = Generate(7);

        Assert.Equal(Fingerprint(first), Fingerprint(second));
        Assert.Equal(first.Truth, second.Truth);
    }

    [Fact]
    public void Every_record_is_in_the_truth_once_and_some_vehicles_are_held_by_several_parties()
    {
        var data = Generate(3);

        var records = data.Parties.Sum(p => data.RecordsByParty[p].Count);
        Assert.Equal(records, data.Truth.Count);
        Assert.Equal(records, data.Truth.Select(t => (t.Party, t.RecordId)).Distinct().Count());
        Assert.Contains(data.Truth.GroupBy(t => t.PersonId), g => g.Count() > 1);
    }

    [Fact]
    public void Without_noise_the_records_of_one_vehicle_agree_on_plate_and_VIN()
    {
        var data = Generate(5, noise: 0);
        var byRecord = data.Parties.SelectMany(p => data.RecordsByParty[p].Select(r => (p, r))).ToDictionary(x => (x.p, x.r.RecordId), x => x.r);

        foreach (var vehicle in data.Truth.GroupBy(t => t.PersonId).Where(g => g.Count() > 1))
        {
            var records = vehicle.Select(t => byRecord[(t.Party, t.RecordId)]).ToList();
            Assert.Single(records.Select(r => PlateNormalizer.Normalize(r.PlateNumber)).Distinct());
            Assert.Single(records.Select(r => Vin.Clean(r.Vin)).Distinct());
        }
    }

    [Fact]
    public void The_noise_the_brief_asks_for_is_applied_and_logged()
    {
        var variations = Generate(9).Variations.Select(v => v.Variation).ToHashSet();

        Assert.Subset(variations, new HashSet<string>
        {
            "plate_cyrillic", "plate_mixed_script", "plate_o0", "vin_typo", "vin_o0", "country_missing", "reissued_plate",
        });
    }

    [Fact]
    public void Records_are_written_with_the_canonical_vehicle_header_and_read_back()
    {
        var data = Generate(11);
        var directory = Path.Combine(Path.GetTempPath(), "aquila-vehicles-" + Guid.NewGuid().ToString("N"));
        try
        {
            VehicleDatasetWriter.Write(data, directory);
            using var reader = new VehicleRecordReader(File.OpenRead(Path.Combine(directory, "RS.csv")), "RS.csv", ColumnMap.Default,
                TextEncodings.Resolve(null));
            var read = new List<VehicleRecord>();
            while (reader.TryReadNext(out var record, out var error))
            {
                Assert.Null(error);
                read.Add(record!);
            }

            Assert.Equal(data.RecordsByParty["RS"].Select(r => (r.RecordId, r.PlateNumber, r.Vin)), read.Select(r => (r.RecordId, r.PlateNumber, r.Vin)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
