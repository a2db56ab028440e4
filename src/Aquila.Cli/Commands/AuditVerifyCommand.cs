using System.CommandLine;
using Aquila.Coordination.Audit;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila audit verify --db FILE [--heads FILE ...] [--json]</c>: the server's audit chain, or a node inbox's
/// (<c>inbox.db</c>, recognised by its tables).
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create()
    {
        var database = new Option<FileInfo>("--db") { Description = "The server's audit database (<data dir>/audit.db), or a node inbox's database (<inbox data dir>/inbox.db).", Required = true };
        var heads = new Option<FileInfo[]>("--heads")
        {
            Description = "Audit heads saved by nodes (their audit-heads.txt): each must still be in the chain.",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var verify = new Command("verify", "Check the audit hash chain: any edited, deleted, inserted or reordered entry is found.")
        {
            database, heads, json,
        };
        verify.SetAction(parse =>
        {
            var path = parse.GetValue(database)!.FullName;
            if (!File.Exists(path))
            {
                return CliConsole.Fail(ExitCodes.BadInput, $"'{path}' does not exist.");
            }

            if (InboxAuditVerification.Applies(path))
            {
                return InboxAuditVerification.Run(path, parse.GetValue(json));
            }

            var saved = new List<AuditHead>();
            try
            {
                foreach (var file in parse.GetValue(heads) ?? [])
                {
                    saved.AddRange(AuditHeadFile.Read(file.FullName));
                }
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            AuditVerification result;
            try
            {
                result = AuditChainVerifier.Verify(path, saved);
            }
            catch (Exception e) when (e is AuditChainException or IOException or Microsoft.Data.Sqlite.SqliteException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, $"'{path}' cannot be read as an audit chain: {e.Message}");
            }

            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(new
                {
                    Valid = result.IsValid, Problem = result.Problem.ToString(), result.FirstBadSequence, result.Message,
                    result.EntriesChecked, result.SavedHeadsChecked, HeadSequence = result.VerifiedHead.Sequence,
                    HeadHash = result.VerifiedHead.Hash.ToString(),
                });
            }
            else
            {
                Console.Out.WriteLine(result.Message);
            }

            return result.IsValid ? ExitCodes.Ok : ExitCodes.AuditBroken;
        });
        return new Command("audit", "The tamper-evident audit chain.") { verify, AuditVerifyQueryCommand.Create(), AuditVerifyBulkCommand.Create() };
    }
}
