namespace Aquila.Tokens.Keys;

/// <summary>One key of a match-key schema: the fields its token is built from and the band a hit on it is worth.</summary>
/// <param name="Index">Position in the schema (0-based); batch files refer to keys by it.</param>
/// <param name="Id">Stable key id, part of every token's HMAC input.</param>
/// <param name="Band">Band of a hit on this key.</param>
/// <param name="Fields">Derived fields, in the order they enter the token.</param>
public sealed record MatchKey(int Index, string Id, MatchBand Band, IReadOnlyList<MatchField> Fields);
