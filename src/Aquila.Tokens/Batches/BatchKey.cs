using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Batches;

/// <summary>A match key as a batch file names it: its id and band, by position.</summary>
public readonly record struct BatchKey(string Id, MatchBand Band);
