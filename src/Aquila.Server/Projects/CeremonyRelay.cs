using System.Collections.Concurrent;
using Aquila.Protocol.V1;

namespace Aquila.Server.Projects;

/// <summary>
/// Holds the key-ceremony messages the coordinator relays: opaque bytes, one registration and one confirmation per
/// party, one share per (sender, recipient). Kept in memory: a server restart during a ceremony means the parties run
/// it again (nothing of it is secret or final until every node has confirmed).
/// </summary>
internal sealed class CeremonyRelay
{
    private readonly ConcurrentDictionary<(string Project, CeremonyStage Stage, string From, string To), CeremonyMessage> _messages = new();

    /// <summary>Stores a message; a party re-posting its message for the same slot replaces it. Returns the stage's count.</summary>
    public int Post(CeremonyMessage message)
    {
        _messages[(message.ProjectId, message.Stage, message.FromParty, message.ToParty)] = message;
        return Count(message.ProjectId, message.Stage);
    }

    /// <summary>Registrations and confirmations: all; shares: those addressed to <paramref name="caller"/>.</summary>
    public IReadOnlyList<CeremonyMessage> Get(string projectId, CeremonyStage stage, string caller)
    {
        var result = new List<CeremonyMessage>();
        foreach (var ((project, messageStage, _, to), message) in _messages)
        {
            if (project == projectId && messageStage == stage && (stage != CeremonyStage.Share || to == caller))
            {
                result.Add(message);
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.FromParty + "/" + a.ToParty, b.FromParty + "/" + b.ToParty));
        return result;
    }

    /// <summary>Forgets a project's ceremony (after it is open, or when it starts again).</summary>
    public void Clear(string projectId)
    {
        foreach (var key in _messages.Keys)
        {
            if (key.Project == projectId)
            {
                _messages.TryRemove(key, out _);
            }
        }
    }

    private int Count(string projectId, CeremonyStage stage)
    {
        var count = 0;
        foreach (var key in _messages.Keys)
        {
            count += key.Project == projectId && key.Stage == stage ? 1 : 0;
        }

        return count;
    }
}
