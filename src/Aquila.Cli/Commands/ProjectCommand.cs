using System.CommandLine;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Grpc.Core;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila project create|show|advance</c>: the coordinator's commands (a certificate with role coordinator; show
/// also works for the nodes of invited parties).
/// </summary>
internal static class ProjectCommand
{
    public static Command Create()
    {
        var server = ServerAddress.CreateOption();
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your certificate directory.", Required = true };
        var passphrase = CertificateDirectory.PassphraseOption();

        var json = new Option<bool>("--json") { Description = "Print the whole project document as JSON (indicators: their JSON; list: a JSON array)." };
        var file = new Option<FileInfo>("--file") { Description = "The project as JSON (docs/projects.md).", Required = true };
        var create = new Command("create", "Create a matching project in Draft from its JSON description.") { server, cert, passphrase, file, json };
        create.SetAction((parse, cancellationToken) => CallAsync(parse, server, cert, passphrase, async client =>
        {
            var document = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, cancellationToken);
            Print(await client.CreateProjectAsync(new CreateProjectRequest { ProjectJson = document }, cancellationToken: cancellationToken),
                parse.GetValue(json));
            foreach (var warning in ProjectTimelineNotice.For(ProjectDocument.Parse(document).Timeline, DateTimeOffset.UtcNow))
            {
                CliConsole.Warn(warning);
            }
        }));

        var id = new Argument<string>("project") { Description = "The project id." };
        var show = new Command("show", "Show a project: state, parties, ceremony confirmations, submissions.") { server, cert, passphrase, id, json };
        show.SetAction((parse, cancellationToken) => CallAsync(parse, server, cert, passphrase, async client =>
        {
            var view = await client.ShowProjectAsync(new ProjectRef { ProjectId = parse.GetValue(id)! }, cancellationToken: cancellationToken);
            Print(view, parse.GetValue(json));
        }));

        var action = new Argument<string>("action") { Description = "start_ceremony, open, start_matching or close." };
        action.AcceptOnlyFromAmong("start_ceremony", "open", "start_matching", "close");
        var advance = new Command("advance", "Move a project on: Draft → KeyCeremony → Open → Matching → Closed.") { server, cert, passphrase, id, action, json };
        advance.SetAction((parse, cancellationToken) => CallAsync(parse, server, cert, passphrase, async client =>
            Print(await client.AdvanceAsync(new AdvanceRequest { ProjectId = parse.GetValue(id)!, Action = parse.GetValue(action)! },
                cancellationToken: cancellationToken), parse.GetValue(json))));

        var list = new Command("list", "The projects you may see, with their states.") { server, cert, passphrase, json };
        list.SetAction((parse, cancellationToken) => CallAsync(parse, server, cert, passphrase, async client =>
        {
            var reply = await client.ListProjectsAsync(new ListProjectsRequest(), cancellationToken: cancellationToken);
            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(reply.Projects.Select(v => new { v.ProjectId, State = ProjectStateText.Display(v.State), Parties = v.Parties.ToArray() }));
                return;
            }

            foreach (var view in reply.Projects)
            {
                Console.Out.WriteLine($"{view.ProjectId}\t{ProjectStateText.Display(view.State)}\t{string.Join(",", view.Parties)}");
            }

            Console.Out.WriteLine($"{reply.Projects.Count} project(s).");
        }));

        var party = new Option<string>("--party") { Description = "The party code to invite (RS, BA, ...).", Required = true };
        var declared = new Option<long>("--declared-records") { Description = "The size of the data set it declares.", Required = true };
        var controller = new Option<string>("--controller") { Description = "Its data controller.", Required = true };
        var invite = new Command("invite",
            "Invite one more party to a project in Draft, or during its key ceremony (which then restarts: every node joins again).")
        {
            server, cert, passphrase, id, party, declared, controller, json,
        };
        invite.SetAction((parse, cancellationToken) => CallAsync(parse, server, cert, passphrase, async client =>
            Print(await client.InvitePartyAsync(new InvitePartyRequest
            {
                ProjectId = parse.GetValue(id)!, Party = parse.GetValue(party)!, DeclaredRecords = parse.GetValue(declared),
                Controller = parse.GetValue(controller)!,
            }, cancellationToken: cancellationToken), parse.GetValue(json))));

        var withdrawn = new Option<string>("--party") { Description = "The party code whose invitation to withdraw.", Required = true };
        var uninvite = new Command("uninvite",
            "Withdraw a party's invitation in Draft, or during the key ceremony (e.g. a party that never joins; the ceremony restarts).")
        {
            server, cert, passphrase, id, withdrawn, json,
        };
        uninvite.SetAction((parse, cancellationToken) => CallAsync(parse, server, cert, passphrase, async client =>
            Print(await client.UninvitePartyAsync(new UninvitePartyRequest { ProjectId = parse.GetValue(id)!, Party = parse.GetValue(withdrawn)! },
                cancellationToken: cancellationToken), parse.GetValue(json))));

        var markdown = new Option<bool>("--markdown") { Description = "Print the indicators as a Markdown table." };
        var indicators = new Command("indicators",
            "The action plan's indicators: parties, records, hits per band, confirmed/rejected, time to first confirmation.")
        {
            server, cert, passphrase, id, json, markdown,
        };
        indicators.SetAction((parse, cancellationToken) => CallAsync(parse, server, cert, passphrase, async client =>
        {
            var view = await client.GetIndicatorsAsync(new ProjectRef { ProjectId = parse.GetValue(id)! }, cancellationToken: cancellationToken);
            Console.Out.WriteLine(parse.GetValue(json) ? view.Json : view.Markdown);
        }));

        var purge = new Command("purge",
            "Purge a closed project (from its end date on): destroy its data key and log; only (hit id, parties, band) remain.")
        {
            server, cert, passphrase, id, json,
        };
        purge.SetAction((parse, cancellationToken) => CallAsync(parse, server, cert, passphrase, async client =>
            Print(await client.PurgeAsync(new ProjectRef { ProjectId = parse.GetValue(id)! }, cancellationToken: cancellationToken),
                parse.GetValue(json))));

        return new Command("project", "Matching projects, as the coordinator runs them.")
        {
            create, show, list, invite, uninvite, advance, indicators, purge, ProjectOfflineCommands.Import(), ProjectOfflineCommands.ExportHits(),
        };
    }

    internal static async Task<int> CallAsync(ParseResult parse, Option<Uri> server, Option<DirectoryInfo> cert, Option<FileInfo?> passphrase,
        Func<Protocol.V1.Coordination.CoordinationClient, Task> call)
    {
        if (CertificateDirectory.TryLoad(parse.GetValue(cert)!, parse.GetValue(passphrase)) is not { } identity)
        {
            return ExitCodes.BadInput;
        }

        using (identity)
        using (var channel = AquilaChannel.Create(parse.GetValue(server)!, identity))
        {
            try
            {
                await call(new Protocol.V1.Coordination.CoordinationClient(channel));
                return ExitCodes.Ok;
            }
            catch (RpcException e)
            {
                return RpcFailure.Report(e);
            }
        }
    }

    // Who has and has not confirmed the current round, so a party that drops out is visible (and can be withdrawn).
    internal static string CeremonyLine(ProjectView view)
    {
        var confirmed = view.CeremonyConfirmed.Count == 0 ? "none" : string.Join(", ", view.CeremonyConfirmed);
        if (view.State != "key_ceremony")
        {
            return $"Ceremony confirmed by: {confirmed}.";
        }

        var waiting = view.Parties.Where(p => !view.CeremonyConfirmed.Contains(p)).ToList();
        return $"Key ceremony round {view.CeremonyRound}: confirmed by {confirmed}; "
            + (waiting.Count == 0
                ? "every party confirmed — compare fingerprints, then `aquila project advance ID open`."
                : $"waiting for {string.Join(", ", waiting)} (a party that does not join can be withdrawn with `aquila project uninvite`, which restarts the ceremony).");
    }

    private static void Print(ProjectView view, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(view.ProjectJson);
            return;
        }

        Console.Out.WriteLine($"Project {view.ProjectId}: {ProjectStateText.Display(view.State)}; parties {string.Join(", ", view.Parties)}; schema sha256:{view.SchemaSha256}.");
        Console.Out.WriteLine(CeremonyLine(view));
        Console.Out.WriteLine($"Data sets from: {(view.Submitted.Count == 0 ? "none" : string.Join(", ", view.Submitted))}.");
        if (view.AuditHead is { } head)
        {
            Console.Out.WriteLine($"Audit chain head #{head.Sequence} {Convert.ToHexStringLower(head.Hash.Span)}.");
        }
    }
}
