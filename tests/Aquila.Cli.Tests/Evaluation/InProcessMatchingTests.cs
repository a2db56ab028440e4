using Aquila.Cli.Tests.Support;
using Aquila.Cli.Local;
using Aquila.Synthetic;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Tests.Evaluation;

// Starts the real server: one at a time with the other process tests.
[Collection(nameof(ProcessTests))]
public class InProcessMatchingTests
{
    [Fact]
    public async Task The_in_process_path_finds_the_same_hits_as_the_server()
    {
        using var dir = new TempDirectory();
        var data = SyntheticGenerator.Generate(new SynthOptions { Persons = 400, Seed = 11 });
        SyntheticDatasetWriter.Write(data, dir.File("data"));
        var exports = data.Parties.Select(p => PartyExport.Load(p, Path.Combine(dir.File("data"), SyntheticDatasetWriter.PartyFileName(p)),
            ColumnMap.Default)).ToList();

        // Stage-1 keys on both sides: the server's coordinated project would add stage 2, which this path does not run
        // (ServiceMatchesEvalTests compares stage 2).
        var schema = StageOneSchema.Write(dir.File("stage-1.json"));
        var local = InProcessMatching.Run(exports, MatchKeySchema.Load(schema));
        var (served, _) = await ServerMatching.RunAsync(dir.File("work"), [.. exports.Select(e => (e.Party, e.Path))], ColumnMap.Default,
            schema, TestContext.Current.CancellationToken);

        Assert.NotEmpty(local);
        Assert.Equal(Comparable(served), Comparable(local));
    }

    // Hit ids differ (the server's handles are random); the record pairs, bands and agreeing keys must not.
    private static List<string> Comparable(IEnumerable<HitPair> pairs) =>
        [.. pairs.Select(p => $"{p.PartyA}/{p.RecordA}|{p.PartyB}/{p.RecordB}|{p.Band}|{string.Join(';', p.Keys)}").Order(StringComparer.Ordinal)];
}
