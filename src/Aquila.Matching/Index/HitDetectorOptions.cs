using System.ComponentModel.DataAnnotations;

namespace Aquila.Matching.Index;

/// <summary>Settings of one project's <see cref="HitDetector"/>.</summary>
public sealed class HitDetectorOptions
{
    /// <summary>The project id, as used in hit ids (1 to 256 UTF-8 bytes).</summary>
    [Required]
    public string ProjectId { get; set; } = "";

    /// <summary>The project roster in order: a party's number is its position here.</summary>
    public IReadOnlyList<string> PartyCodes { get; set; } = [];

    /// <summary>The project's match keys in schema order: a token's key index is a position here.</summary>
    public IReadOnlyList<HitKey> Keys { get; set; } = [];

    /// <summary>Largest number of one party's records that may share a token and still be used for hits.</summary>
    [Range(1, 1_000_000)]
    public int MaxFanout { get; set; } = 5;

    /// <summary>Expected number of distinct tokens, to size the index up front.</summary>
    [Range(0, int.MaxValue)]
    public int InitialTokenCapacity { get; set; } = 1024;
}
