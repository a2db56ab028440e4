using System.Globalization;
using System.Text;
using System.Text.Json;
using Aquila.Cli.Tests.Support;
using Aquila.Coordination.Audit;
using Aquila.Tokens.Keys;
using Microsoft.Data.Sqlite;

namespace Aquila.Cli.Tests;

/// <summary>
/// <c>aquila node check</c> as a user runs it against a joint list on a real server: a file of persons checked in one
/// signed call gives every row a line, the same answers as <c>node query</c> on the same rows, joined to the file's own
/// record ids; the audit chain verifies with the node's saved heads afterwards.
/// </summary>
[Collection(nameof(ProcessTests))]
public class NodeCheckCommandTests
{
    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    private static async Task<AquilaProcess.Result> Run(TempDirectory dir, params string[] args)
    {
        var result = await AquilaProcess.RunAsync(dir.Path, args);
        Assert.True(result.ExitCode == 0, $"aquila {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }

    [Fact]
    public async Task A_file_of_persons_is_checked_in_one_call_with_a_line_per_row_and_the_answers_of_single_queries()
    {
        using var dir = new TempDirectory();
        using var server = await CliFlow.OpenThreePartyListAsync(dir, "ftf-b");
        var url = $"https://localhost:{server.Port}";
        foreach (var (party, row) in new[]
        {
            ("rs", "RS-9,Илић,Марија,Петар,Ж,09.09.1995.,Ваљево,RS,,,suspect,2031-12-31"),
            ("ba", "BA-4,Kovač,Petra,,Ž,1991-10-10,,ME,,,suspect,2031-12-31"),
            ("me", "ME-7,Vukotić,Dragan,Milo,M,1968-04-02,Nikšić,ME,,,suspect,2031-12-31"), // reciprocity: a party that gives entries may ask
        })
        {
            File.WriteAllText(dir.File(party + "-entries.csv"), Header + ",review_date\n" + row + "\n", new UTF8Encoding(false));
            await Run(dir, "node", "list", "add", "--project", "ftf-b", "--input", dir.File(party + "-entries.csv"), "--key-file",
                dir.File(party + ".key"), "--cert", dir.File(party), "--server", url, "--handles", dir.File(party + ".list-handles.csv"));
        }

        File.WriteAllText(dir.File("passengers.csv"), Header + "\n"
            + "P-1,Ilić,Marija,Petar,Ž,1995-09-09,Valjevo,SRB,,,other\n"
            + "P-2,Horvat,Ana,,Ž,1975-07-21,Zagreb,HR,,,other\n"
            + "P-3,Horvat,,,,,,,,,other\n"
            + "P-4,Kovac,Petra,,F,10.10.1991,,ME,,,other\n", new UTF8Encoding(false));
        string[] me = ["--key-file", dir.File("me.key"), "--cert", dir.File("me"), "--server", url, "--officer", "ME-OFF-12", "--case", "ME-2026-90"];

        var check = await AquilaProcess.RunAsync(dir.Path, ["node", "check", "--list", "ftf-b", .. me, "--input", dir.File("passengers.csv"), "--csv",
            "--out", dir.File("results.csv")]);
        var single = await AquilaProcess.RunAsync(dir.Path, ["node", "query", "--project", "ftf-b", .. me, "--input", dir.File("passengers.csv"), "--csv"]);
        var json = await AquilaProcess.RunAsync(dir.Path, ["node", "check", "--list", "ftf-b", .. me, "--input", dir.File("passengers.csv"), "--json"]);
        server.Dispose();
        var verify = await AquilaProcess.RunAsync(dir.Path, "audit", "verify", "--db", dir.File("data/audit.db"), "--heads", dir.File("me/audit-heads.txt"));

        Assert.Equal(1, check.ExitCode); // one row rejected on the node
        var rows = File.ReadAllLines(dir.File("results.csv"));
        Assert.Equal("record_id,outcome,hit_id,contributor,band,keys,reason,audit_entry", rows[0]);
        Assert.Single(rows, r => r.StartsWith("P-1,hit,", StringComparison.Ordinal) && r.Contains(",RS,", StringComparison.Ordinal));
        Assert.Single(rows, r => r.StartsWith("P-2,no-hit,,,,,,", StringComparison.Ordinal));
        Assert.Single(rows, r => r.StartsWith("P-3,rejected,", StringComparison.Ordinal));
        Assert.Single(rows, r => r.StartsWith("P-4,hit,", StringComparison.Ordinal) && r.Contains(",BA,", StringComparison.Ordinal));
        Assert.Contains("3 of 4 rows answered: 2 hit, 1 no-hit, 0 refused, 1 rejected", check.Error, StringComparison.Ordinal);

        // node query on the same rows and case: the same outcome, hit id, contributor, band and keys per row.
        static string[] Answers(IEnumerable<string> lines) =>
            [.. lines.Where(l => !l.StartsWith("P-3", StringComparison.Ordinal)).Select(l => string.Join(',', l.Split(',').Take(6))).Order()];
        Assert.Equal(Answers(single.Output.Trim().Split('\n').Skip(1)), Answers(rows.Skip(1)));

        var lines = json.Output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["P-1", "P-2", "P-3", "P-4"], lines.Select(l => l.GetProperty("record_id").GetString()));
        Assert.All(lines.Where(l => l.GetProperty("outcome").GetString() != "rejected"), l => Assert.True(l.GetProperty("audit_entry").GetInt64() > 0));
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        await AssertBulkAuditHoldsAsync(dir, rows[1].Split(',')[^1]);
        foreach (var canary in new[] { "Marija", "Horvat", "Valjevo" })
        {
            Assert.DoesNotContain(canary, server.Output, StringComparison.OrdinalIgnoreCase);
        }
    }

    // The bulk check's audit entries carry ME's signatures (header and chunk) over the three persons sent; another node's
    // certificate does not verify them, and an operator who deletes a person's entry (hiding that ME asked about it) is caught
    // by the chunk signature even though the remaining persons are still numbered 1..n.
    private static async Task AssertBulkAuditHoldsAsync(TempDirectory dir, string entry)
    {
        string[] verifyBulk = ["audit", "verify-bulk", "--entry", entry, "--ca", dir.File("ca/ca.crt.pem")];
        var byMe = await AquilaProcess.RunAsync(dir.Path, [.. verifyBulk, "--db", dir.File("data/audit.db"), "--signer", dir.File("me/ME-node-1.crt.pem")]);
        var byRs = await AquilaProcess.RunAsync(dir.Path, [.. verifyBulk, "--db", dir.File("data/audit.db"), "--signer", dir.File("rs/RS-node-1.crt.pem")]);

        var tampered = dir.File("tampered-audit.db");
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dir.File("data/audit.db"), Pooling = false }.ToString()))
        using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = tampered, Pooling = false }.ToString()))
        {
            source.Open();
            source.BackupDatabase(copy); // the database is in WAL mode: a file copy could miss committed entries
        }

        var entries = AuditEntryReader.ReadFrom(tampered).ToList();
        var call = entries.Single(e => e.Sequence == long.Parse(entry, CultureInfo.InvariantCulture)).Details["bulk_check"];
        var last = entries.Last(e => e.Details.TryGetValue("bulk_check", out var id) && id == call);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = tampered, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_entries_no_delete; DELETE FROM audit_entries WHERE sequence = $s";
            command.Parameters.AddWithValue("$s", last.Sequence);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var afterDelete = await AquilaProcess.RunAsync(dir.Path, [.. verifyBulk, "--db", tampered, "--signer", dir.File("me/ME-node-1.crt.pem"), "--json"]);

        Assert.True(byMe.ExitCode == 0, byMe.Output + byMe.Error);
        Assert.Contains("by ME on ftf-b (case ME-2026-90, officer ME-OFF-12)", byMe.Output, StringComparison.Ordinal);
        Assert.Contains("1 chunk signature(s) of that party's node certificate hold over 3 audited person(s) of 3 declared", byMe.Output,
            StringComparison.Ordinal);
        Assert.Equal(ExitCodes.AuditBroken, byRs.ExitCode);
        Assert.Contains("not the one given", byRs.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.AuditBroken, afterDelete.ExitCode);
        var report = JsonDocument.Parse(afterDelete.Output).RootElement;
        Assert.Equal(2, report.GetProperty("audited_persons").GetInt32());
        Assert.Contains("signature of chunk 0", report.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_vehicles_is_checked_against_a_vehicle_list_with_the_vehicle_keys()
    {
        using var dir = new TempDirectory();
        using var server = await CliFlow.OpenThreePartyListAsync(dir, "vrd-b", MatchKeySchema.Vehicles.HashHex);
        var url = $"https://localhost:{server.Port}";
        const string vehicles = "record_id,plate_number,registration_country,vin,make,model,colour,first_registration_year,subject_category";
        File.WriteAllText(dir.File("rs-vehicles.csv"), vehicles + ",review_date\nRS-V1,BG 123-AB,SRB,,Škoda,Octavia,siva,2015,suspect,2031-12-31\n",
            new UTF8Encoding(false));
        await Run(dir, "node", "list", "add", "--project", "vrd-b", "--input", dir.File("rs-vehicles.csv"), "--key-file", dir.File("rs.key"),
            "--cert", dir.File("rs"), "--server", url, "--handles", dir.File("rs.list-handles.csv"));

        // Reciprocity: a party that gives entries may ask.
        File.WriteAllText(dir.File("me-vehicles.csv"), vehicles + ",review_date\nME-V4,PG 777-MM,MNE,,Fiat,Punto,,2010,suspect,2031-12-31\n",
            new UTF8Encoding(false));
        await Run(dir, "node", "list", "add", "--project", "vrd-b", "--input", dir.File("me-vehicles.csv"), "--key-file", dir.File("me.key"),
            "--cert", dir.File("me"), "--server", url, "--handles", dir.File("me.list-handles.csv"));
        File.WriteAllText(dir.File("seen.csv"), vehicles + "\nS-1,БГ123АБ,СРБ,,Шкода,,,2015,other\nS-2,BG 999-ZZ,SRB,,Škoda,,,2015,other\n",
            new UTF8Encoding(false));

        var check = await Run(dir, "node", "check", "--list", "vrd-b", "--input", dir.File("seen.csv"), "--case", "ME-2026-V9", "--officer", "ME-OFF-3",
            "--key-file", dir.File("me.key"), "--cert", dir.File("me"), "--server", url, "--json");

        var lines = check.Output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["hit", "no-hit"], lines.Select(l => l.GetProperty("outcome").GetString()));
        Assert.Equal("RS", Assert.Single(lines[0].GetProperty("hits").EnumerateArray()).GetProperty("contributor").GetString());
    }

    [Fact]
    public async Task Bench_query_with_bulk_reports_persons_per_second_as_json()
    {
        using var dir = new TempDirectory();

        var result = await Run(dir, "bench", "query", "--entries", "2000", "--queries", "200", "--warmup", "0", "--concurrency", "4", "--bulk", "3000",
            "--no-redis", "--json");

        var figures = JsonDocument.Parse(result.Output).RootElement;
        Assert.True(figures.GetProperty("bulk_persons_per_s").GetDouble() > 0);
        Assert.InRange(figures.GetProperty("bulk_hits").GetDouble(), 1200, 1800);
    }
}
