using Aquila.Tokens.Input;

namespace Aquila.Bench.Tests;

/// <summary>The records a party tokenises in a load run: the bench's own persons, or a synth folder's party file.</summary>
public sealed class BenchPersonSourceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "aquila-bench-persons-" + Guid.NewGuid().ToString("N"));

    public BenchPersonSourceTests()
    {
        Directory.CreateDirectory(_folder);
        // Made-up rows in the synth layout (record_id first); only ids are asserted, never a value.
        File.WriteAllLines(Path.Combine(_folder, "BA.csv"),
        [
            "record_id,family_name,given_name,date_of_birth",
            "BA-1,Aaa,Bbb,01.01.1970",
            "BA-2,Ccc,Ddd,02.02.1971",
            "BA-3,Eee,Fff,03.03.1972",
        ]);
    }

    [Fact]
    public void Without_a_folder_a_party_gets_the_bench_s_own_persons()
    {
        var options = new LoadOptions { RecordsPerParty = 7 };

        var records = BenchPersonSource.Records(options, PartyCodes.Take(2), 1).ToList();

        Assert.Equal(7, records.Count);
        Assert.Equal(LoadPersons.Create(LoadPersons.PersonOf(1, 2, 3, 7, options.SharedFraction), 1, 3, options.Seed).RecordId, records[3].RecordId);
    }

    [Fact]
    public void With_a_folder_a_party_reads_its_own_file_up_to_the_records_per_party()
    {
        var all = BenchPersonSource.Records(new LoadOptions { RecordsPerParty = 10, PersonsDirectory = _folder }, PartyCodes.Take(2), 1).ToList();
        var two = BenchPersonSource.Records(new LoadOptions { RecordsPerParty = 2, PersonsDirectory = _folder }, PartyCodes.Take(2), 1).ToList();

        Assert.Equal(["BA-1", "BA-2", "BA-3"], all.Select(r => r.RecordId));
        Assert.Equal(["BA-1", "BA-2"], two.Select(r => r.RecordId));
        Assert.All(all, r => Assert.IsType<PersonRecord>(r));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
