using System.ComponentModel.DataAnnotations;

namespace Aquila.Server.Options;

/// <summary>A matching project declared in the server's configuration.</summary>
public sealed class ProjectOptions
{
    /// <summary>Project id (letters, digits, '.', '_', '-').</summary>
    [Required]
    public string Id { get; set; } = "";

    /// <summary>Invited parties' codes.</summary>
    [MinLength(2)]
    public List<string> Parties { get; set; } = [];

    /// <summary>A match-key schema file; empty means the built-in schema. Its SHA-256 is pinned for the project.</summary>
    public string? SchemaPath { get; set; }

    /// <summary>A party's postings for a token are not used when more than this many of its records share it.</summary>
    [Range(1, 1000)]
    public int MaxFanout { get; set; } = 5;
}
