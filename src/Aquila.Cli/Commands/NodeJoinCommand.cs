using System.CommandLine;
using Aquila.Node;
using Aquila.Security.Ceremony;
using Aquila.Tokens.Derivation;
using Grpc.Core;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila node join --project P --server URL --cert DIR --key-out project.key</c>: this party's side of the key
/// ceremony. Prints the transcript fingerprint to compare with the other parties out of band, and stores K_project
/// wrapped to the node's own certificate key (<see cref="ProjectKeyFile"/>).
/// </summary>
internal static class NodeJoinCommand
{
    public static Command Create()
    {
        var server = ServerAddress.CreateOption();
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your node's certificate directory.", Required = true };
        var project = new Option<string>("--project") { Description = "The project whose ceremony to join.", Required = true };
        var keyOut = new Option<FileInfo>("--key-out")
        {
            Description = "Where to store the project key (a new file, mode 0600, encrypted to this node's certificate key).",
            Required = true,
        };
        var expect = new Option<string?>("--expect-parties")
        {
            Description = "Required. The parties agreed out of band with the invitation, each with its node key hash from "
                + "`aquila node fingerprint`: RS=<sha256>,BA=<sha256>,... The roster is taken from this, never from the coordinator.",
        };
        var command = new Command("join", "Take part in a project's key ceremony and store the project key on this node.")
        {
            server, cert, project, keyOut, expect,
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

            if (CertificateDirectory.TryLoad(parse.GetValue(cert)!) is not { } identity)
            {
                return ExitCodes.BadInput;
            }

            using (identity)
            using (var channel = AquilaChannel.Create(parse.GetValue(server)!, identity))
            {
                var runner = new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(channel), identity, agreed);
                runner.RosterAccepted += fingerprint => Console.Out.WriteLine(
                    $"Transcript fingerprint: {fingerprint} — compare it with every other party out of band before you submit data.");
                try
                {
                    using var result = await runner.RunAsync(parse.GetValue(project)!, cancellationToken);
                    using var key = ProjectKey.FromBytes(result.Key);
                    ProjectKeyFile.SaveWrapped(keyPath, key, parse.GetValue(project)!, identity);
                    Console.Out.WriteLine($"Ceremony complete with {string.Join(", ", result.Parties)}. Project key stored in {keyPath}, "
                        + "encrypted to this node's certificate key: pass --cert with this directory to use it.");
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
