using Aquila.Bench.Tests.RedisStore;
using Aquila.Tokens.Batches;

namespace Aquila.Bench.Tests.Postgres;

[Collection(nameof(RedisStoreRuns))]
public sealed class PostgresBaselineTests(PostgresBaselineFixture fixture) : IClassFixture<PostgresBaselineFixture>
{
    [Fact]
    public void PostgreSQL_counts_the_same_shared_tokens_as_the_Redis_baseline_on_the_same_batches()
    {
        PostgresBinaries.Require();
        RedisBinaries.Require(RedisBinaries.Problem);

        var postgres = fixture.Report!["postgres_shared_tokens"];

        Assert.NotNull(fixture.Redis);
        Assert.True(fixture.Redis.SharedTokens > 0, "the batches share no tokens, so the comparison proves nothing");
        Assert.Equal(fixture.Redis.SharedTokens, postgres);
    }

    [Fact]
    public void PostgreSQL_shared_tokens_are_the_entries_every_party_pair_holds_in_common()
    {
        PostgresBinaries.Require();
        var (pairs, entries) = SharedInMemory(fixture.Batches, fixture.Parties);

        Assert.Equal(pairs, fixture.Report!["postgres_shared_tokens"]);
        Assert.Equal(entries, fixture.Report["postgres_shared_entries"]);
    }

    [Fact]
    public void The_report_holds_every_PostgreSQL_figure_and_the_ratios_to_Aquila()
    {
        PostgresBinaries.Require();
        var report = fixture.Report!;
        var aquila = PostgresBaselineFixture.Aquila;

        foreach (var key in new[] { "postgres_ingest_tokens_per_s", "postgres_ingest_tokens_per_cpu_s", "postgres_index_seconds", "postgres_join_seconds",
            "postgres_disk_bytes_per_token", "postgres_wal_bytes_per_token" })
        {
            Assert.True(report[key] > 0, key + " is missing or not positive");
        }

        Assert.Equal(aquila.IngestTokensPerSecond / report["postgres_ingest_tokens_per_s"]!.Value, report["postgres_ingest_ratio"]!.Value, 1e-9);
        Assert.Equal(aquila.IngestTokensPerCpuSecond / report["postgres_ingest_tokens_per_cpu_s"]!.Value, report["postgres_ingest_cpu_ratio"]!.Value, 1e-9);
        Assert.Equal((report["postgres_index_seconds"]!.Value + report["postgres_join_seconds"]!.Value) / aquila.LastAckToLastHitSeconds,
            report["postgres_hits_time_ratio"]!.Value, 1e-9);
    }

    [Fact]
    public void The_report_note_names_the_version_and_every_pinned_parameter()
    {
        PostgresBinaries.Require();

        var note = Assert.Single(fixture.Report!.Notes);

        Assert.StartsWith("PostgreSQL baseline: PostgreSQL ", note, StringComparison.Ordinal);
        Assert.All(PostgresServerProcess.Parameters, parameter => Assert.Contains(parameter, note, StringComparison.Ordinal));
    }

    // The oracle: per party the set of distinct entries (key index + token), then every unordered party pair's intersection.
    private static (long Pairs, long Entries) SharedInMemory(IReadOnlyList<PreparedBatch> batches, string[] parties)
    {
        var holders = new Dictionary<string, HashSet<string>>();
        var record = new BatchRecord();
        foreach (var batch in batches)
        {
            using var reader = BatchFileReader.Open(batch.Path);
            while (reader.TryReadRecord(record))
            {
                for (var i = 0; i < record.TokenCount; i++)
                {
                    var entry = Convert.ToHexString(record.TokenEntries.Slice(i * BatchFormat.TokenEntryLength, BatchFormat.TokenEntryLength));
                    if (!holders.TryGetValue(entry, out var set))
                    {
                        holders[entry] = set = [];
                    }

                    set.Add(batch.Party);
                }
            }
        }

        Assert.Equal(parties.Length, holders.Values.SelectMany(h => h).Distinct().Count());
        long pairs = 0, entries = 0;
        foreach (var set in holders.Values)
        {
            pairs += (long)set.Count * (set.Count - 1) / 2;
            entries += set.Count >= 2 ? 1 : 0;
        }

        return (pairs, entries);
    }
}
