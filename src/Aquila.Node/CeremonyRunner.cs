using Aquila.Protocol.V1;
using Aquila.Security.Ceremony;
using Aquila.Security.Pki;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Node;

/// <summary>
/// Runs this node's side of a project's key ceremony through the coordinator's relay (docs/ceremony.md): register a
/// signed ceremony key, wait for every invited party's registration, check them all, send an encrypted share to
/// every other party, collect the shares addressed to this node, confirm, and check every other party's
/// confirmation. The relay only ever sees public or encrypted material; every check is made here.
/// </summary>
/// <remarks>
/// Every message names the ceremony round the node runs: once the coordinator restarts the ceremony or changes the
/// roster, the relay refuses the old round with a message telling the node to join again (an
/// <see cref="RpcException"/>, FailedPrecondition). While the server is unreachable (a restart: the relay is durable)
/// the runner keeps asking until <see cref="StepTimeout"/>.
/// </remarks>
public sealed class CeremonyRunner(Protocol.V1.Coordination.CoordinationClient client, NodeIdentity identity)
{
    private int _round;

    /// <summary>How often the relay is asked for the other parties' messages.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long to wait for the other parties at each step.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The parties this node agreed to out of band (e.g. in the SIENA message accepting the project). When set, a
    /// project whose invited parties differ — a sock-puppet party added by the coordinator, or an agreed party left
    /// out — is refused before this node registers anything. Every party sees the same roster, so comparing
    /// fingerprints alone cannot reveal a party added for everyone; this check does.
    /// </summary>
    public IReadOnlyCollection<string>? ExpectedParties { get; init; }

    /// <summary>The fingerprint to compare out of band, as soon as the roster is known.</summary>
    public event Action<string>? RosterAccepted;

    /// <summary>What the node waits for, whenever that changes: the step and the parties it still needs.</summary>
    public event Action<string>? Waiting;

    private IReadOnlyList<string> _roster = [];

    /// <summary>Runs the ceremony for <paramref name="projectId"/>; the result holds K_project (dispose it when stored).</summary>
    public async Task<ProjectKeyResult> RunAsync(string projectId, CancellationToken cancellationToken)
    {
        var project = await CallAsync(() => client.ShowProjectAsync(new ProjectRef { ProjectId = projectId },
            cancellationToken: cancellationToken).ResponseAsync, cancellationToken);
        _round = project.CeremonyRound;
        _roster = [.. project.Parties];
        CheckExpectedParties(project.Parties);
        var invitation = new CeremonyInvitation(projectId, project.Parties);
        using var validator = AuthorityValidator(identity);
        using var participant = new CeremonyParticipant(invitation, identity.Certificate, CeremonyTrust.From(validator));
        var others = project.Parties.Count - 1;

        await PostAsync(projectId, CeremonyStage.Registration, participant.CreateRegistration().ToBytes(), "", "", cancellationToken);
        var registrations = await WaitForAsync(projectId, CeremonyStage.Registration, project.Parties.Count, cancellationToken);
        participant.AcceptRoster([.. registrations.Select(m => Registration.Parse(m.Body.Span))]);
        RosterAccepted?.Invoke(participant.Fingerprint);

        foreach (var share in participant.CreateShares())
        {
            await PostAsync(projectId, CeremonyStage.Share, share.ToBytes(), share.To, "", cancellationToken);
        }

        var shares = await WaitForAsync(projectId, CeremonyStage.Share, others, cancellationToken);
        participant.AcceptShares([.. shares.Select(m => ShareEnvelope.Parse(m.Body.Span))]);

        await PostAsync(projectId, CeremonyStage.Confirmation, participant.CreateConfirmation().ToBytes(), "", participant.Fingerprint,
            cancellationToken);
        var confirmations = await WaitForAsync(projectId, CeremonyStage.Confirmation, project.Parties.Count, cancellationToken);
        return participant.Finish([.. confirmations.Select(m => ConfirmationTag.Parse(m.Body.Span))]);
    }

    private async Task PostAsync(string projectId, CeremonyStage stage, byte[] body, string to, string fingerprint,
        CancellationToken cancellationToken)
    {
        var message = new CeremonyMessage
        {
            ProjectId = projectId, Stage = stage, Body = ByteString.CopyFrom(body), ToParty = to, Fingerprint = fingerprint, Round = _round,
        };
        await CallAsync(() => client.PostCeremonyMessageAsync(message, cancellationToken: cancellationToken).ResponseAsync, cancellationToken);
    }

    // The server may restart during a ceremony (its relay is durable): an unreachable server is asked again until the
    // step's timeout; every other status is final.
    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + StepTimeout;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && ServerCertificateRejectedException.Find(e) is null
                && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
        }
    }

    private async Task<IReadOnlyList<CeremonyMessage>> WaitForAsync(string projectId, CeremonyStage stage, int expected,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        string? reported = null;
        while (true)
        {
            var reply = await CallAsync(() => client.GetCeremonyMessagesAsync(
                new CeremonyMessagesRequest { ProjectId = projectId, Stage = stage, Round = _round }, cancellationToken: timeout.Token).ResponseAsync,
                timeout.Token);
            if (reply.Messages.Count >= expected)
            {
                return reply.Messages;
            }

            ReportWaiting(stage, reply.Messages, ref reported);

            await Task.Delay(PollInterval, timeout.Token);
        }
    }

    private void ReportWaiting(CeremonyStage stage, IReadOnlyList<CeremonyMessage> arrived, ref string? reported)
    {
        var self = Security.PartySubject.Parse(identity.Certificate.SubjectName).Party;
        var missing = _roster.Where(p => p != self && !arrived.Any(m => m.FromParty == p)).ToList();

        var step = stage switch
        {
            CeremonyStage.Registration => "the ceremony key registrations",
            CeremonyStage.Share => "the encrypted key shares",
            _ => "the confirmations",
        };
        var line = $"Waiting for {step} of {(missing.Count == 0 ? "the relay" : string.Join(", ", missing))} "
            + $"(round {_round}; every invited party must run `aquila node join` — up to {StepTimeout.TotalMinutes:0} min).";
        if (line != reported)
        {
            reported = line;
            Waiting?.Invoke(line);
        }
    }

    private void CheckExpectedParties(IReadOnlyCollection<string> invited)
    {
        if (ExpectedParties is null)
        {
            return;
        }

        foreach (var party in invited)
        {
            if (!ExpectedParties.Contains(party))
            {
                throw new CeremonyException(CeremonyFailureKind.UnexpectedParty, party,
                    $"The project invites party {party}, which is not one of the parties agreed out of band ({string.Join(", ", ExpectedParties)}): the coordinator added a party. Do not take part; report it to the other parties.");
            }
        }

        foreach (var party in ExpectedParties)
        {
            if (!invited.Contains(party))
            {
                throw new CeremonyException(CeremonyFailureKind.MissingParty, party,
                    $"The project does not invite party {party}, which was agreed out of band: the coordinator left it out. Do not take part; report it to the other parties.");
            }
        }
    }

    // Other parties' certificates must come from the project's CA; a node has no CRL of its own.
    private static ClientCertificateValidator AuthorityValidator(NodeIdentity identity)
    {
        var path = identity.AuthorityPath ?? throw new InvalidOperationException(
            "The ceremony needs the CA certificate's file: load the node's credentials with NodeIdentity.Load.");

        var options = new ClientCertificateValidatorOptions { RequireCrl = false };
        options.TrustedRootCertificatePaths.Add(path);
        return new ClientCertificateValidator(options, NullLogger<ClientCertificateValidator>.Instance);
    }
}
