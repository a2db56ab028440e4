using System.Text.Json.Serialization;

namespace Aquila.Coordination.Projects;

/// <summary>Who may query a list.</summary>
public enum ListAccess
{
    /// <summary>Only contributors may query: a party that gives entries may ask.</summary>
    [JsonStringEnumMemberName("reciprocity")]
    Reciprocity,

    /// <summary>Exactly the parties named in <see cref="ListPolicy.Queriers"/> may query.</summary>
    [JsonStringEnumMemberName("explicit")]
    Explicit,
}
