using Aquila.Coordination.Projects;
using Aquila.Protocol.V1;
using Google.Protobuf;

namespace Aquila.Server.Projects;

/// <summary>
/// The key-ceremony messages the coordinator relays, kept in the project store's database (opaque bytes, one
/// registration and one confirmation per party, one share per (sender, recipient), all of the current round), so a
/// server restart during a ceremony loses nothing. Roster changes, restarts, opening and purging the project drop them
/// (<see cref="ProjectStore"/>).
/// </summary>
internal sealed class CeremonyRelay(ProjectRegistry projects)
{
    /// <summary>Stores a message (its sender already set from the certificate); returns the stage's count in the round.</summary>
    public Task<int> PostAsync(CeremonyMessage message, CancellationToken cancellationToken) =>
        projects.Store.RelayCeremonyMessageAsync(new RelayedCeremonyMessage(
            message.ProjectId, message.Round, Stage(message.Stage), message.FromParty, message.ToParty, message.Body.ToByteArray(),
            message.Fingerprint), cancellationToken);

    /// <summary>Registrations and confirmations: all; shares: those addressed to <paramref name="caller"/>.</summary>
    public async Task<IReadOnlyList<CeremonyMessage>> GetAsync(
        string projectId, int round, CeremonyStage stage, string caller, CancellationToken cancellationToken)
    {
        var stored = await projects.Store.ReadCeremonyMessagesAsync(projectId, round, Stage(stage), caller, cancellationToken);
        var messages = new List<CeremonyMessage>(stored.Count);
        foreach (var message in stored)
        {
            messages.Add(new CeremonyMessage
            {
                ProjectId = message.ProjectId,
                Stage = stage,
                FromParty = message.FromParty,
                ToParty = message.ToParty,
                Body = ByteString.CopyFrom(message.Body),
                Fingerprint = message.Fingerprint,
                Round = message.Round,
            });
        }

        return messages;
    }

    private static CeremonyMessageStage Stage(CeremonyStage stage) => stage switch
    {
        CeremonyStage.Registration => CeremonyMessageStage.Registration,
        CeremonyStage.Share => CeremonyMessageStage.Share,
        CeremonyStage.Confirmation => CeremonyMessageStage.Confirmation,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "A ceremony message needs a stage."),
    };
}
