using Aquila.Protocol.V1;
using Aquila.Security.Ceremony;
using Google.Protobuf;
using Grpc.Core;

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
/// The roster is the <see cref="AgreedParties"/> this node accepted out of band, never the coordinator's answer: the
/// coordinator's project must invite exactly those parties, every registration's certificate key must be the pinned
/// one, and its certificate must not be revoked according to the CA-signed CRL the relay delivers (issue 24).
/// </remarks>
public sealed class CeremonyRunner(Protocol.V1.Coordination.CoordinationClient client, NodeIdentity identity, AgreedParties agreed)
{
    private readonly AgreedParties _agreed = agreed ?? throw new ArgumentNullException(nameof(agreed));
    private int _round;

    /// <summary>How often the relay is asked for the other parties' messages.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long to wait for the other parties at each step.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The clock the step deadline is read from.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The fingerprint to compare out of band, as soon as the roster is known.</summary>
    public event Action<string>? RosterAccepted;

    /// <summary>What the node waits for, whenever that changes: the step and the parties it still needs.</summary>
    public event Action<string>? Waiting;

    /// <summary>Runs the ceremony for <paramref name="projectId"/>; the result holds K_project (dispose it when stored).</summary>
    /// <exception cref="CeremonyException">A check failed or a party did not take part in time; the message says what and what to do.</exception>
    public async Task<ProjectKeyResult> RunAsync(string projectId, CancellationToken cancellationToken)
    {
        var project = await CallAsync(() => client.ShowProjectAsync(new ProjectRef { ProjectId = projectId },
            cancellationToken: cancellationToken).ResponseAsync, cancellationToken);
        _round = project.CeremonyRound;
        CheckInvitedParties(project.Parties);
        var crl = await CallAsync(() => CeremonyRevocationCheck.FetchAsync(client, cancellationToken), cancellationToken);
        using var revocation = await CeremonyRevocationCheck.CreateAsync(crl, identity, cancellationToken);
        var invitation = new CeremonyInvitation(projectId, _agreed);
        using var participant = new CeremonyParticipant(invitation, identity.Certificate, revocation.Check);
        var parties = invitation.Parties;

        await PostAsync(projectId, CeremonyStage.Registration, participant.CreateRegistration().ToBytes(), "", "", cancellationToken);
        var registrations = await WaitForAsync(projectId, CeremonyStage.Registration, parties, cancellationToken);
        participant.AcceptRoster([.. registrations.Select(m => Registration.Parse(m.Body.Span))]);
        RosterAccepted?.Invoke(participant.Fingerprint);

        foreach (var share in participant.CreateShares())
        {
            await PostAsync(projectId, CeremonyStage.Share, share.ToBytes(), share.To, "", cancellationToken);
        }

        var shares = await WaitForAsync(projectId, CeremonyStage.Share, [.. parties.Where(p => p != participant.Party)], cancellationToken);
        participant.AcceptShares([.. shares.Select(m => ShareEnvelope.Parse(m.Body.Span))]);

        await PostAsync(projectId, CeremonyStage.Confirmation, participant.CreateConfirmation().ToBytes(), "", participant.Fingerprint,
            cancellationToken);
        var confirmations = await WaitForAsync(projectId, CeremonyStage.Confirmation, parties, cancellationToken);
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
        var deadline = Time.GetUtcNow() + StepTimeout;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && ServerCertificateRejectedException.Find(e) is null
                && Time.GetUtcNow() < deadline)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
        }
    }

    // Waits until every one of the senders has a message of this stage. A party that never arrives — it is late, or
    // the relay starves it — stops this node loudly: the ceremony never completes without every agreed party.
    private async Task<IReadOnlyList<CeremonyMessage>> WaitForAsync(string projectId, CeremonyStage stage, IReadOnlyList<string> senders,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        IReadOnlyList<CeremonyMessage> messages = [];
        string? reported = null;
        try
        {
            while (true)
            {
                var reply = await CallAsync(() => client.GetCeremonyMessagesAsync(
                    new CeremonyMessagesRequest { ProjectId = projectId, Stage = stage, Round = _round }, cancellationToken: timeout.Token).ResponseAsync,
                    timeout.Token);
                messages = reply.Messages;
                if (senders.All(party => messages.Any(m => m.FromParty == party)))
                {
                    return messages;
                }

                ReportWaiting(stage, senders, messages, ref reported);

                await Task.Delay(PollInterval, timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException || (e is RpcException { StatusCode: StatusCode.Cancelled or StatusCode.DeadlineExceeded }))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var missing = senders.Where(party => !messages.Any(m => m.FromParty == party)).ToArray();
            var kind = stage switch
            {
                CeremonyStage.Share => CeremonyFailureKind.MissingShare,
                CeremonyStage.Confirmation => CeremonyFailureKind.MissingConfirmation,
                _ => CeremonyFailureKind.MissingParty,
            };
            throw new CeremonyException(kind, missing.FirstOrDefault(),
                $"No {StageText(stage)} arrived from {string.Join(", ", missing)} within {StepTimeout}: the ceremony cannot complete without "
                + "every agreed party. Call the missing parties: if they did run `aquila node join`, the relay did not deliver their messages. "
                + "No project key was stored.", e);
        }
    }

    private void ReportWaiting(CeremonyStage stage, IReadOnlyList<string> senders, IReadOnlyList<CeremonyMessage> arrived, ref string? reported)
    {
        var missing = senders.Where(p => !arrived.Any(m => m.FromParty == p)).ToList();
        var step = stage switch
        {
            CeremonyStage.Registration => "the ceremony key registrations",
            CeremonyStage.Share => "the encrypted key shares",
            _ => "the confirmations",
        };
        var line = $"Waiting for {step} of {(missing.Count == 0 ? "the relay" : string.Join(", ", missing))} "
            + $"(round {_round}; every agreed party must run `aquila node join` — up to {StepTimeout.TotalMinutes:0} min).";
        if (line != reported)
        {
            reported = line;
            Waiting?.Invoke(line);
        }
    }

    private static string StageText(CeremonyStage stage) => stage switch
    {
        CeremonyStage.Share => "share",
        CeremonyStage.Confirmation => "confirmation",
        _ => "registration",
    };

    private void CheckInvitedParties(IReadOnlyCollection<string> invited)
    {
        var agreed = _agreed.Parties;
        foreach (var party in invited)
        {
            if (!_agreed.Contains(party))
            {
                throw new CeremonyException(CeremonyFailureKind.UnexpectedParty, party,
                    $"The project invites party {party}, which is not one of the parties agreed out of band ({string.Join(", ", agreed)}): the coordinator added a party. Do not take part; report it to the other parties.");
            }
        }

        foreach (var party in agreed)
        {
            if (!invited.Contains(party))
            {
                throw new CeremonyException(CeremonyFailureKind.MissingParty, party,
                    $"The project does not invite party {party}, which was agreed out of band: the coordinator left it out. Do not take part; report it to the other parties.");
            }
        }
    }
}
