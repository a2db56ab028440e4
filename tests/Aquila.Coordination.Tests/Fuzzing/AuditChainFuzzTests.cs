using Aquila.Coordination.Audit;
using Aquila.Coordination.Tests.Audit;
using Aquila.Security;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;

namespace Aquila.Coordination.Tests.Fuzzing;

/// <summary>
/// Rows of a real audit chain edited, deleted, swapped, copied, edited-and-rehashed — and bits of the SQLite file
/// flipped — then <c>aquila audit verify</c>'s <see cref="AuditChainVerifier"/> run with every head the nodes saved:
/// it must report exactly the first entry that differs from what was written, and throw nothing but
/// <see cref="AuditChainException"/> (only when the file is no longer a readable database). Never a hang.
/// 300 cases here; AQUILA_FUZZ_CASES for the long mode.
/// </summary>
public sealed class AuditChainFuzzTests
{
    private const int Entries = 20;

    private static readonly string[] TextColumns = ["kind", "actor", "project_id", "subject", "details"];

    private static readonly string[] TextPieces =
    [
        "", "x", " ", "{}", "[]", "null", "{\"records\":\"1001\",\"tokens\":\"7000\"}", "{\"a\":\"1\",\"a\":\"2\"}", "{\"a\":1}", "{\"a\":",
        "RS/node", "RS/admin", "anonymous", "system", "PCC/coordinator", "rs/node", "batch.accepted", "Ђ", "\u0000", "\uFFFD", "\"",
        new string('w', 500),
    ];

    [Fact]
    public async Task Tampered_rows_are_reported_at_the_first_entry_that_differs_and_nothing_else_is_thrown()
    {
        using var dir = new TempDirectory();
        var original = dir.File("audit.db");
        var heads = await CreateChainAsync(original);
        // A rollback journal instead of write-ahead logging: each case is one file to copy, and opening it is cheaper.
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = original, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE";
            command.ExecuteNonQuery();
        }

        var originalRows = Rows(original);
        var fileLength = (int)new FileInfo(original).Length;

        Fuzz.Check("audit rows", Mutation(fileLength), Fuzz.Cases(300), mutation =>
        {
            using var caseDir = new TempDirectory();
            var path = caseDir.File("audit.db");
            File.Copy(original, path);
            if (!mutation.Apply(path))
            {
                return "refused by SQLite (constraint)";
            }

            AuditVerification result;
            try
            {
                result = AuditChainVerifier.Verify(path, heads[1..], CancellationToken.None);
            }
            catch (AuditChainException e)
            {
                Assert.True(mutation.IsRawFile, "a row change made the verifier throw: " + e.Message);
                return "file refused as unreadable";
            }

            if (mutation.IsRawFile)
            {
                return result.IsValid ? "file bits: chain intact" : "file bits: reported at " + result.Problem;
            }

            var rows = Rows(path);
            var firstDifference = FirstDifference(originalRows, rows);
            if (result.IsValid)
            {
                // Only a change that means the same entry (e.g. the same JSON spelled differently) may verify.
                Assert.True(firstDifference is null || SameEntries(originalRows, rows),
                    $"entry {firstDifference + 1} was changed but the chain verified");
                return firstDifference is null ? "no change" : "equivalent change, verified";
            }

            Assert.Equal(firstDifference + 1, result.FirstBadSequence);
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
            return "reported: " + result.Problem;
        });
    }

    private static Gen<AuditRowMutation> Mutation(int fileLength)
    {
        var sequence = Gen.Choose(1, Entries).Select(s => (long)s);
        var text = Gen.Choose(1, 3).SelectMany(n => Gen.Elements(TextPieces).ArrayOf(n)).Select(parts => string.Concat(parts));
        var blob = Gen.Choose(0, 40).SelectMany(n => Gen.Choose(0, 255).ArrayOf(n)).Select(b => b.Select(x => (byte)x).ToArray());
        var timestamp = Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L, 1_800_000_000_000L, 253_402_300_800_000L, -62_135_596_800_001L);
        return Gen.Frequency(
            (4, sequence.SelectMany(s => Gen.Elements(TextColumns).SelectMany(c => Gen.Frequency((6, text.Select(t => (object?)t)), (1, Gen.Constant<object?>(null)))
                .Select(v => (AuditRowMutation)new SetColumn(s, c, v))))),
            (1, sequence.SelectMany(s => timestamp.Select(t => (AuditRowMutation)new SetColumn(s, "timestamp_ms", t)))),
            (2, sequence.SelectMany(s => Gen.Elements("hash", "prev_hash").SelectMany(c => blob.Select(b => (AuditRowMutation)new SetColumn(s, c, b))))),
            (1, sequence.SelectMany(s => Gen.Choose(-3, Entries + 3).Select(to => (AuditRowMutation)new SetColumn(s, "sequence", (long)to)))),
            (1, sequence.Select(s => (AuditRowMutation)new DeleteEntry(s))),
            (1, sequence.SelectMany(a => sequence.Where(b => b != a).Select(b => (AuditRowMutation)new SwapEntries(a, b)))),
            (1, sequence.SelectMany(s => Gen.Choose(Entries + 1, Entries + 3).Select(to => (AuditRowMutation)new CopyEntry(s, to)))),
            (1, sequence.SelectMany(s => text.Select(t => (AuditRowMutation)new EditAndRehash(s, t)))),
            (2, Gen.Choose(0, fileLength - 1).SelectMany(p => Gen.Choose(0, 7).Select(b => (AuditRowMutation)new FlipFileBit(p, b)))));
    }

    private static async Task<AuditHead[]> CreateChainAsync(string path)
    {
        var heads = new AuditHead[Entries + 1];
        await using var chain = await AuditTestSupport.OpenAsync(path);
        for (var i = 1; i <= Entries; i++)
        {
            var auditEvent = (i % 4) switch
            {
                0 => new AuditEvent(AuditKind.AuthFailed, AuditActor.Anonymous, details: new Dictionary<string, string> { ["reason"] = "no certificate" }),
                1 => AuditTestSupport.BatchAccepted(i),
                2 => new AuditEvent(AuditKind.AuthDenied, AuditActor.ForParty("BA", PartyRole.Analyst), "prj-2026-01", "SubmitBatch"),
                _ => new AuditEvent(AuditKind.HitsReleased, AuditActor.System, "prj-2026-01", $"batch-{i:x8}",
                    new Dictionary<string, string> { ["hit_events"] = "2" }),
            };
            heads[i] = (await chain.AppendAsync(auditEvent, TestContext.Current.CancellationToken)).Head;
        }

        return heads;
    }

    // Every row as its raw column values, in sequence order (what the verifier reads).
    private static List<object?[]> Rows(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, timestamp_ms, kind, actor, project_id, subject, details, prev_hash, hash FROM audit_entries ORDER BY sequence";
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static int? FirstDifference(List<object?[]> original, List<object?[]> mutated)
    {
        for (var i = 0; i < Math.Max(original.Count, mutated.Count); i++)
        {
            if (i >= original.Count || i >= mutated.Count || !SameRow(original[i], mutated[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static bool SameRow(object?[] a, object?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var same = (a[i], b[i]) switch
            {
                (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
                var (x, y) => Equals(x, y),
            };
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    // Entries equal after parsing (same canonical bytes): a spelling change that does not change what the entry says.
    private static bool SameEntries(List<object?[]> original, List<object?[]> mutated)
    {
        if (original.Count != mutated.Count)
        {
            return false;
        }

        for (var i = 0; i < original.Count; i++)
        {
            if (!SameRow(original[i], mutated[i])
                && !(original[i][6] is string a && mutated[i][6] is string b && AuditDetailsJson.TryRead(a, out var x) && AuditDetailsJson.TryRead(b, out var y)
                    && AuditDetailsJson.Write(x) == AuditDetailsJson.Write(y)))
            {
                return false;
            }
        }

        return true;
    }
}
