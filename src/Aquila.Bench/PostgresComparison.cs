using Npgsql;

namespace Aquila.Bench;

/// <summary>
/// The PostgreSQL baseline's part of a load run: starts a throw-away cluster, runs <see cref="PostgresBaseline"/> on the
/// run's batch files and adds its figures and the ratios to Aquila to the report — or a note saying why they are missing.
/// Ratios are Aquila ÷ PostgreSQL (above 1: Aquila better); the hits time ratio is PostgreSQL's index + join time ÷ Aquila's
/// last ack to last hit.
/// </summary>
internal static class PostgresComparison
{
    /// <summary>
    /// The bin folder to use, null when the baseline is off or PostgreSQL is not installed. Called before the Aquila phase so a
    /// wrong --postgres-bin fails at once.
    /// </summary>
    /// <exception cref="LoadSetupException">--postgres-bin names a folder without initdb and postgres.</exception>
    public static string? BinDirectory(LoadOptions options) =>
        options.RunPostgres ? PostgresServerProcess.FindBinDirectory(options.PostgresBinDirectory) : null;

    /// <summary>
    /// Runs the baseline on <paramref name="batches"/> and reports it against <paramref name="aquila"/>, Aquila's figures of the same run.
    /// </summary>
    public static async Task AddAsync(LoadReport report, LoadOptions options, string[] parties, string? binDirectory,
        IReadOnlyList<PreparedBatch> batches, AquilaFigures aquila, Action<string> say, CancellationToken cancellationToken)
    {
        if (!options.RunPostgres)
        {
            report.Note("PostgreSQL baseline skipped (--no-postgres).");
            return;
        }

        if (binDirectory is null)
        {
            report.Note("PostgreSQL baseline skipped: no initdb found (apt-get install postgresql).");
            return;
        }

        say("PostgreSQL baseline: binary COPY per batch, then index and join.");
        PostgresResult result;
        string version;
        try
        {
            using var server = await PostgresServerProcess.StartAsync(binDirectory, cancellationToken);
            version = server.Version;
            result = await new PostgresBaseline(parties).RunAsync(server, batches, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
        {
            // The Aquila figures stand on their own; say why the baseline is missing instead of losing them.
            report.Note($"PostgreSQL baseline failed ({e.GetType().Name}: {e.Message}); its figures are missing.");
            return;
        }

        report.Note(
            $"PostgreSQL baseline: {version} in a fresh cluster, {string.Join(", ", PostgresServerProcess.Parameters)}, other parameters default; "
            + $"logged table tokens(party smallint, key_index smallint, token uuid), {parties.Length} client connections (one per party), "
            + "each batch file one binary COPY committed on its own (durable per batch, as Aquila acks a batch after fsync); then CREATE INDEX on "
            + "(key_index, token) + ANALYZE, and one self-join on (key_index, token) across parties, DISTINCT per entry and party pair "
            + "(shared tokens = sum over party pairs, as Redis SINTER counts). Ratios are Aquila ÷ PostgreSQL (above 1: Aquila better).");
        report.Add("postgres_ingest_tokens_per_s", "PostgreSQL ingest, tokens/s (binary COPY per batch, committed)", result.TokensPerSecond, "tokens/s");
        report.Add("postgres_ingest_tokens_per_cpu_s", "PostgreSQL ingest, tokens per CPU second (client + postmaster and backends)",
            result.TokensPerCpuSecond, "tokens/s");
        report.Add("postgres_index_seconds", "PostgreSQL CREATE INDEX (key_index, token) + ANALYZE", result.IndexSeconds, "s");
        report.Add("postgres_join_seconds", "PostgreSQL cross-party self-join (counts of shared entries and pairs)", result.JoinSeconds, "s");
        report.Add("postgres_shared_tokens", "PostgreSQL shared token entries found (per party pair, as Redis)", result.SharedPairs, "");
        report.Add("postgres_shared_entries", "PostgreSQL distinct token entries held by 2 or more parties", result.SharedEntries, "");
        report.Add("postgres_disk_bytes_per_token", "PostgreSQL table + index size per token (pg_total_relation_size)",
            (double)result.RelationBytes / result.Tokens, "B");
        report.Add("postgres_wal_bytes_per_token", "PostgreSQL WAL written during ingest per token", (double)result.WalBytes / result.Tokens, "B");
        report.Add("postgres_ingest_ratio", "ingest ratio Aquila ÷ PostgreSQL", aquila.IngestTokensPerSecond / result.TokensPerSecond, "×");
        report.Add("postgres_ingest_cpu_ratio", "ingest per CPU second ratio Aquila ÷ PostgreSQL",
            aquila.IngestTokensPerCpuSecond / result.TokensPerCpuSecond, "×");
        report.Add("postgres_hits_time_ratio", "hits time ratio PostgreSQL index + join ÷ Aquila last-ack-to-last-hit",
            (result.IndexSeconds + result.JoinSeconds) / aquila.LastAckToLastHitSeconds, "×");
    }
}
