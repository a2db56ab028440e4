namespace Aquila.Matching.Lists;

/// <summary>An entry's identity: the contributor's index and the entry's handle.</summary>
internal readonly record struct EntryKey(int Contributor, UInt128 Handle);

/// <summary>A posting key: key index and re-keyed token.</summary>
internal readonly record struct TokenRef(byte KeyIndex, UInt128 Token);
