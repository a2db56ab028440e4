using System.Text.Json.Serialization;

namespace Aquila.Coordination.Projects;

/// <summary>What a project is: a one-time matching project, or a standing/joint list queried hit/no-hit.</summary>
public enum ProjectKind
{
    /// <summary>One-time, all-against-all matching: Draft → KeyCeremony → Open → Matching → Closed → Purged.</summary>
    [JsonStringEnumMemberName("one_time")]
    OneTime,

    /// <summary>
    /// A standing or joint list (<see cref="ListPolicy"/>): contributors keep entries, authorised parties query it;
    /// Draft → KeyCeremony → Open (entries change, queries run) → Closed → Purged.
    /// </summary>
    [JsonStringEnumMemberName("list")]
    List,
}
