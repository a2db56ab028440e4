using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Coordination.Audit;
using Aquila.Security.Lists;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila audit verify-query --db FILE --entry N --signer CERT --ca CA [--json]</c>: checks that an answered list
/// query's audit entry carries a valid signature of the querying node, so the querying party cannot deny it.
/// </summary>
internal static class AuditVerifyQueryCommand
{
    public static Command Create()
    {
        var options = new QuerySignerOptions();
        var (database, json) = (options.Database, options.Json);
        var (signer, authority) = (options.Signer, options.Authority);
        var entry = new Option<long>("--entry") { Description = "The sequence number of the query's audit entry.", Required = true };
        var command = new Command("verify-query",
            "Check that an answered list query's audit entry holds the querying node's signature over the case reference, officer, "
            + "schema and tokens (non-repudiation). Run `aquila audit verify` on the same database first.")
        {
            database, entry, signer, authority, json,
        };
        command.SetAction(parse =>
        {
            var sequence = parse.GetValue(entry);
            AuditEntry? found;
            X509Certificate2 signerCertificate, ca;
            try
            {
                found = AuditChainVerifier.ReadEntry(parse.GetValue(database)!.FullName, sequence);
                signerCertificate = X509CertificateLoader.LoadCertificateFromFile(parse.GetValue(signer)!.FullName);
                ca = X509CertificateLoader.LoadCertificateFromFile(parse.GetValue(authority)!.FullName);
            }
            catch (Exception e) when (e is AuditChainException or IOException or CryptographicException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            using (signerCertificate)
            using (ca)
            {
                if (found is null || found.Kind != AuditKind.Query || found.ProjectId is null)
                {
                    return CliConsole.Fail(ExitCodes.BadInput, $"Entry {sequence} is not an answered list query.");
                }

                var problem = SignedQuery.FromAudit(found.ProjectId, found.Details, signerCertificate, out var why) is { } signed
                    ? signed.Verify(ca, found.Actor.Party ?? "")
                    : why;
                if (parse.GetValue(json))
                {
                    CliConsole.WriteJson(new
                    {
                        Entry = sequence, Verified = problem is null, Problem = problem, Project = found.ProjectId, Party = found.Actor.Party,
                        CaseReference = found.Details.GetValueOrDefault("case_reference"), Officer = found.Details.GetValueOrDefault("officer"),
                    });
                }
                else if (problem is null)
                {
                    Console.Out.WriteLine($"Entry {sequence}: the query by {found.Actor.Party} on {found.ProjectId} (case "
                        + $"{found.Details.GetValueOrDefault("case_reference")}, officer {found.Details.GetValueOrDefault("officer")}) "
                        + "carries a valid signature of that party's node certificate.");
                }
                else
                {
                    Console.Error.WriteLine($"Entry {sequence}: the signature does not hold: {problem}.");
                }

                return problem is null ? ExitCodes.Ok : ExitCodes.AuditBroken;
            }
        });
        return command;
    }
}
