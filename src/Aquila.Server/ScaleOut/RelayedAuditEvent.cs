using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Aquila.Coordination.Audit;
using StackExchange.Redis;

namespace Aquila.Server.ScaleOut;

/// <summary>
/// One audit event as a matcher instance appends it to the audit stream, and as the coordinator reads it back: the
/// event's fields, whether it is a batch acceptance (and the first one for its batch), when and where it happened.
/// Fields: "t" (event | batch | first), "k" kind, "a" actor, "p" project, "s" subject, "at" unix ms, "i" instance,
/// "d.&lt;key&gt;" details.
/// </summary>
internal sealed record RelayedAuditEvent(AuditEvent Event, RelayedEventType Type, long AtUnixMs, string Instance)
{
    private const string DetailPrefix = "d.";

    /// <summary>The stream entry's fields.</summary>
    public NameValueEntry[] ToFields()
    {
        var fields = new List<NameValueEntry>(6 + Event.Details.Count)
        {
            new("t", TypeText(Type)),
            new("k", Event.Kind),
            new("a", Event.Actor.Text),
            new("at", AtUnixMs.ToString(CultureInfo.InvariantCulture)),
            new("i", Instance),
        };
        if (Event.ProjectId is { } project)
        {
            fields.Add(new("p", project));
        }

        if (Event.Subject is { } subject)
        {
            fields.Add(new("s", subject));
        }

        foreach (var (key, value) in Event.Details)
        {
            fields.Add(new(DetailPrefix + key, value));
        }

        return [.. fields];
    }

    /// <summary>Reads a stream entry back; false with a problem (field names only) when it is not one of ours.</summary>
    public static bool TryParse(StreamEntry entry, [NotNullWhen(true)] out RelayedAuditEvent? relayed, out string problem)
    {
        relayed = null;
        string? type = null, kind = null, actor = null, project = null, subject = null, at = null, instance = null;
        var details = new List<KeyValuePair<string, string>>();
        foreach (var field in entry.Values)
        {
            var name = (string?)field.Name ?? "";
            var value = (string?)field.Value ?? "";
            switch (name)
            {
                case "t": type = value; break;
                case "k": kind = value; break;
                case "a": actor = value; break;
                case "p": project = value; break;
                case "s": subject = value; break;
                case "at": at = value; break;
                case "i": instance = value; break;
                default:
                    if (name.StartsWith(DetailPrefix, StringComparison.Ordinal))
                    {
                        details.Add(new(name[DetailPrefix.Length..], value));
                    }

                    break;
            }
        }

        if (ParseType(type) is not { } relayedType || kind is null || !AuditActor.TryParse(actor, out var parsedActor)
            || !long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var atMs))
        {
            problem = "a type, kind, actor or time field is missing or malformed";
            return false;
        }

        try
        {
            relayed = new RelayedAuditEvent(new AuditEvent(kind, parsedActor, project, subject, details), relayedType, atMs, instance ?? "");
            problem = "";
            return true;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return false;
        }
    }

    private static string TypeText(RelayedEventType type) => type switch
    {
        RelayedEventType.FirstAcceptance => "first",
        RelayedEventType.Acceptance => "batch",
        _ => "event",
    };

    private static RelayedEventType? ParseType(string? text) => text switch
    {
        "first" => RelayedEventType.FirstAcceptance,
        "batch" => RelayedEventType.Acceptance,
        "event" => RelayedEventType.Event,
        _ => null,
    };
}
