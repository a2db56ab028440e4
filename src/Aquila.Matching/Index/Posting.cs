namespace Aquila.Matching.Index;

/// <summary>One record holding a token: the party's number in the project and the record's ordinal in its handle table.</summary>
/// <param name="Party">The party's number (its position in the project roster).</param>
/// <param name="Ordinal">The record's ordinal in that party's <see cref="HandleTable"/>.</param>
public readonly record struct Posting(int Party, int Ordinal);
