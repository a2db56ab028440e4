namespace Aquila.Matching.Projects;

/// <summary>One party's figures in a project.</summary>
/// <param name="Party">The party code.</param>
/// <param name="Batches">Accepted batches.</param>
/// <param name="Records">Records over all accepted batches (a record split across batches counts once per batch).</param>
/// <param name="Tokens">Tokens over all accepted batches.</param>
/// <param name="SuppressedTokens">Tokens whose postings of this party are not used because of the fanout rule. Show to this party only.</param>
/// <param name="HitEvents">Entries in the party's hit stream (its last hit sequence).</param>
public sealed record PartyCounts(string Party, long Batches, long Records, long Tokens, long SuppressedTokens, long HitEvents);
