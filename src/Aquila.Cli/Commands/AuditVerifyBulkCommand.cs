using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Coordination.Audit;
using Aquila.Security.Lists;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila audit verify-bulk --db FILE --entry N --signer CERT --ca CA [--json]</c>: checks that the audit entries of the
/// bulk check that entry N belongs to carry the querying node's signatures — the signed header and every chunk over the
/// persons audited for it — so the querying party cannot deny the call, and no person's entry was dropped or altered.
/// </summary>
internal static class AuditVerifyBulkCommand
{
    public static Command Create()
    {
        var options = new QuerySignerOptions();
        var (database, json) = (options.Database, options.Json);
        var (signer, authority) = (options.Signer, options.Authority);
        var entry = new Option<long>("--entry")
        {
            Description = "The audit entry of any person of the bulk check (`node check` prints it per row as audit_entry).", Required = true,
        };
        var command = new Command("verify-bulk",
            "Check that a bulk check's audit entries hold the querying node's signatures over the header (case reference, officer, "
            + "schema, person count) and over every chunk of persons (non-repudiation; a dropped or altered person entry fails). "
            + "Run `aquila audit verify` on the same database first.")
        {
            database, entry, signer, authority, json,
        };
        command.SetAction(parse =>
        {
            var sequence = parse.GetValue(entry);
            var path = parse.GetValue(database)!.FullName;
            X509Certificate2 signerCertificate, ca;
            BulkCheckAuditReport report;
            try
            {
                var found = AuditChainVerifier.ReadEntry(path, sequence);
                if (found is null || found.Kind != AuditKind.Query || !found.Details.TryGetValue(BulkCheckAuditKeys.Call, out var callId))
                {
                    return CliConsole.Fail(ExitCodes.BadInput, $"Entry {sequence} is not an audit entry of a bulk check.");
                }

                signerCertificate = X509CertificateLoader.LoadCertificateFromFile(parse.GetValue(signer)!.FullName);
                ca = X509CertificateLoader.LoadCertificateFromFile(parse.GetValue(authority)!.FullName);
                using (signerCertificate)
                using (ca)
                {
                    report = BulkCheckAuditVerifier.Verify(AuditEntryReader.ReadFrom(path), callId, signerCertificate, ca);
                }
            }
            catch (Exception e) when (e is AuditChainException or IOException or CryptographicException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(new
                {
                    Entry = sequence, Verified = report.Problem is null, report.Problem, report.CallId, Project = report.ProjectId, report.Party,
                    report.CaseReference, Officer = report.OfficerId, report.DeclaredPersons, report.AuditedPersons, report.RefusedPersons,
                    report.Chunks, report.CallRefusals,
                });
            }
            else if (report.Problem is null)
            {
                Console.Out.WriteLine($"Bulk check {report.CallId} by {report.Party} on {report.ProjectId} (case {report.CaseReference}, officer "
                    + $"{report.OfficerId}): the signed header and {report.Chunks} chunk signature(s) of that party's node certificate hold over "
                    + $"{report.AuditedPersons} audited person(s) of {report.DeclaredPersons} declared ({report.RefusedPersons} refused"
                    + (report.CallRefusals > 0 ? $"; the call was refused after them, {report.CallRefusals} refusal entr(ies))." : ")."));
            }
            else
            {
                Console.Error.WriteLine($"Bulk check {report.CallId}: the signatures do not hold: {report.Problem}.");
            }

            return report.Problem is null ? ExitCodes.Ok : ExitCodes.AuditBroken;
        });
        return command;
    }
}
