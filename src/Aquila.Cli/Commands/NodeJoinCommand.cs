using System.CommandLine;
using Aquila.Node;
using Aquila.Security.Ceremony;
using Aquila.Tokens.Derivation;
using Grpc.Core;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila node join --project P --server URL --cert DIR --key-out project.key --expect-parties RS=&lt;sha256&gt;,...</c>:
/// this party's side of the key ceremony. The roster is the agreed list (never the coordinator's), each party's node
/// key pinned by its hash. Prints the transcript fingerprint to compare with the other parties out of band, and stores
/// K_project wrapped to the node's own key, signed by it and bound to the transcript (<see cref="ProjectKeyFile"/>);
/// the key is usable once <c>aquila node confirm-fingerprint</c> recorded the comparison.
/// </summary>
internal static class NodeJoinCommand
{
    public static Command Create()
    {
        var server = ServerAddress.CreateOption();
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your node's certificate directory.", Required = true };
        var passphrase = CertificateDirectory.PassphraseOption();
        var project = new Option<string>("--project") { Description = "The project whose ceremony to join.", Required = true };
        var keyOut = new Option<FileInfo>("--key-out")
        {
            Description = "Where to store the project key (a new file, mode 0600, encrypted to this node's key and signed by it).",
            Required = true,
        };
        var expect = new Option<string?>("--expect-parties")
        {
            Description = "Required. The parties agreed out of band with the invitation, each with its node key hash from "
                + "`aquila node fingerprint`: RS=<sha256>,BA=<sha256>,... The roster is taken from this, never from the coordinator.",
        };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON (progress lines go to standard error)." };
        var command = new Command("join", "Take part in a project's key ceremony and store the project key on this node.")
        {
            server, cert, passphrase, project, keyOut, expect, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keyPath = parse.GetValue(keyOut)!.FullName;
            if (File.Exists(keyPath))
            {
                return CliConsole.Fail(ExitCodes.BadInput, $"'{keyPath}' already exists; a key is never overwritten. If it is the key of "
                    + "an earlier round of this ceremony (the coordinator restarted it or changed the roster), that key is void: "
                    + "delete it, or choose another --key-out, and join again.");
            }

            AgreedParties agreed;
            try
            {
                agreed = AgreedParties.Parse(parse.GetValue(expect) ?? throw new FormatException(
                    "--expect-parties is required: the coordinator (who may also run the CA) must not choose who takes part. Pass the "
                    + "parties agreed out of band with the invitation, each with the node key hash that party sent with its acceptance "
                    + "(`aquila node fingerprint --cert DIR` on its node): --expect-parties RS=<sha256>,BA=<sha256>,..."));
            }
            catch (FormatException e)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            if (CertificateDirectory.TryLoad(parse.GetValue(cert)!, parse.GetValue(passphrase)) is not { } identity)
            {
                return ExitCodes.BadInput;
            }

            var projectId = parse.GetValue(project)!;
            using (identity)
            using (var channel = AquilaChannel.Create(parse.GetValue(server)!, identity))
            {
                var runner = new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(channel), identity, agreed);
                var asJson = parse.GetValue(json);
                var progress = asJson ? Console.Error : Console.Out;
                runner.Waiting += line => progress.WriteLine(line);
                runner.RosterAccepted += fingerprint => progress.WriteLine(
                    $"Every registration matches the agreed parties and their pinned node keys ({string.Join(", ", agreed.Parties)}).\n"
                    + $"Transcript fingerprint: {fingerprint}");
                try
                {
                    using var result = await runner.RunAsync(projectId, cancellationToken);
                    using var key = ProjectKey.FromBytes(result.Key);
                    ProjectKeyFile.SaveWrapped(keyPath, key, projectId, result.TranscriptHash, identity);
                    if (asJson)
                    {
                        CliConsole.WriteJson(new
                        {
                            ProjectId = projectId, Parties = result.Parties.ToArray(), result.Fingerprint, KeyFile = keyPath, Confirmed = false,
                        });
                        return ExitCodes.Ok;
                    }

                    Console.Out.WriteLine($"Ceremony complete with {string.Join(", ", result.Parties)}. Project key stored in {keyPath}, "
                        + "encrypted to this node's key and signed by it.");
                    Console.Out.WriteLine($"The key is NOT usable yet. Read the fingerprint {result.Fingerprint} to every other party (or send it "
                        + "in your SIENA message) and compare theirs. Only if all are equal, run:");
                    Console.Out.WriteLine($"  aquila node confirm-fingerprint --project {projectId} --key-file {keyPath} --cert {parse.GetValue(cert)!.FullName} "
                        + $"--fingerprint {result.Fingerprint}");
                    return ExitCodes.Ok;
                }
                catch (CeremonyException e)
                {
                    return CliConsole.Fail(ExitCodes.CeremonyFailed, $"the ceremony failed ({e.Kind}): {e.Message} Do not use this project until the coordinator restarts the ceremony.");
                }
                catch (RpcException e)
                {
                    return RpcFailure.Report(e);
                }
            }
        });
        return command;
    }
}
