using System.CommandLine;
using Aquila.Cli.Local;
using Aquila.Bench;
using Aquila.Matching.Redis;
using Aquila.Node.Hits;
using Aquila.Server.Options;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila simulate --parties DIR --out hits.csv</c>: a dry run of a project on the operator's own test data, each
/// DIR/*.csv being one party's export, through the real server over mutual TLS on loopback.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var parties = new Option<DirectoryInfo>("--parties") { Description = "Folder with one CSV per party (RS.csv, BA.csv, ...).", Required = true };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the hits (CSV).", Required = true };
        var columns = new Option<FileInfo?>("--columns") { Description = "Column-map JSON for the exports." };
        var schema = new Option<FileInfo?>("--schema") { Description = "A match-key schema file instead of the built-in one." };
        var dataDir = new Option<DirectoryInfo?>("--data-dir") { Description = "Keep the server's files, batches and reject files here." };
        var store = new Option<LoadStore>("--store") { Description = "Token store: embedded (one server) or redis (several instances on one Redis).", DefaultValueFactory = _ => LoadStore.Embedded };
        var redis = new Option<string?>("--redis") { Description = "With --store redis: the Redis to use, HOST:PORT[,HOST:PORT...] (a single instance or any Cluster node)." };
        var instances = new Option<int?>("--instances") { Description = "With --store redis: server instances the parties are spread over (default 2)." };
        var json = new Option<bool>("--json") { Description = "Print the per-party counts and hit counts as JSON instead of a table." };
        var command = new Command("simulate", "Run a whole matching project on this machine on your own test data; write every hit.")
        {
            parties, output, columns, schema, dataDir, store, redis, instances, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // A party's file is named by its party code; other files (truth.csv, variations.csv of `aquila synth`) are not parties.
            var csvs = PartyFiles.In(parse.GetValue(parties)!.FullName);
            var codes = csvs.Select(Path.GetFileNameWithoutExtension).ToArray();
            if (csvs.Length < 2)
            {
                return CliConsole.Fail(ExitCodes.BadInput,
                    "--parties needs at least two CSV files named by party code, 2 or 3 upper-case letters (e.g. RS.csv, BA.csv).");
            }

            var onRedis = parse.GetValue(store) == LoadStore.Redis;
            var redisConfiguration = parse.GetValue(redis);
            var instanceCount = parse.GetValue(instances) ?? (onRedis ? 2 : 1);
            if (!onRedis && (redisConfiguration is not null || instanceCount != 1))
            {
                return CliConsole.Fail(ExitCodes.Usage, "--redis and --instances need --store redis: the embedded store belongs to one server instance.");
            }

            if (onRedis && (string.IsNullOrWhiteSpace(redisConfiguration) || instanceCount is < 1 or > 16))
            {
                return CliConsole.Fail(ExitCodes.Usage,
                    "--store redis needs --redis HOST:PORT of a running Redis (deploy/redis-cluster-local.sh starts a local cluster) and --instances from 1 to 16.");
            }

            // A key prefix of its own, so the simulation never meets another deployment's or run's keys; purged at the end.
            var redisOptions = onRedis
                ? new RedisMatcherOptions { Configuration = redisConfiguration!, KeyPrefix = RedisRunCleanup.NewKeyPrefix("aqsim") }
                : null;

            ColumnMap map;
            try
            {
                map = parse.GetValue(columns) is { } c ? ColumnMap.Load(c.FullName) : ColumnMap.Default;
            }
            catch (ColumnMapException e)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            var keep = parse.GetValue(dataDir)?.FullName;
            var work = keep ?? Path.Combine(Path.GetTempPath(), "aquila-simulate-" + Guid.NewGuid().ToString("N"));
            try
            {
                var (pairs, summaries) = await ServerMatching.RunAsync(work, [.. codes.Select((code, i) => (code!, csvs[i]))], map,
                    parse.GetValue(schema)?.FullName, cancellationToken, "simulation", redisOptions, instanceCount);
                var table = new Table().AddColumns("party", "records", "tokenised", "rejected", "tokens");
                for (var i = 0; i < csvs.Length; i++)
                {
                    var summary = summaries[i];
                    table.AddRow(codes[i]!, $"{summary.RecordsRead:N0}", $"{summary.RecordsTokenized:N0}", $"{summary.RecordsRejected:N0}", $"{summary.Tokens:N0}");
                }

                HitPair.WriteCsv(parse.GetValue(output)!.FullName, pairs);
                if (parse.GetValue(json))
                {
                    CliConsole.WriteJson(new
                    {
                        Parties = summaries.Select((s, i) => new
                        {
                            Party = codes[i], s.RecordsRead, s.RecordsTokenized, s.RecordsRejected, s.Tokens,
                        }).ToArray(),
                        Hits = pairs.Count,
                        Bands = Enum.GetValues<MatchBand>().ToDictionary(BandNames.Of, b => pairs.Count(p => p.Band == b)),
                        HitsFile = parse.GetValue(output)!.FullName,
                        Store = onRedis ? "redis" : "embedded",
                    });
                    return ExitCodes.Ok;
                }

                AnsiConsole.Write(table);
                Console.Out.WriteLine(RejectFilesNote.For(keep, "--data-dir"));
                if (onRedis)
                {
                    Console.Out.WriteLine($"Store: Redis, {instanceCount} server instance(s) in this process (the first the Coordinator, the others "
                        + $"Matchers); party n submitted to instance n mod {instanceCount} and read its hits from the next. The run's keys were purged from Redis.");
                }

                Console.Out.WriteLine($"{pairs.Count} hit(s): " + string.Join(", ",
                    Enum.GetValues<MatchBand>().Reverse().Select(b => $"{pairs.Count(p => p.Band == b)} {BandNames.Of(b)}")));
                Console.Out.WriteLine($"Hits written to {parse.GetValue(output)!.FullName}." + (keep is null ? "" : $" Server files kept in {keep}."));
                return ExitCodes.Ok;
            }
            catch (InputFormatException e)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }
            catch (Exception e) when (onRedis && e is RedisStoreUnavailableException or StackExchange.Redis.RedisException)
            {
                return CliConsole.Fail(ExitCodes.Unreachable, "The Redis store cannot be used: " + e.Message);
            }
            finally
            {
                if (keep is null && Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        });
        return command;
    }
}
