namespace Aquila.Matching.Index;

/// <summary>Dictionary key of a record pair, lower party number first.</summary>
internal readonly record struct HitPair(int PartyA, int OrdinalA, int PartyB, int OrdinalB);
