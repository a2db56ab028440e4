using Aquila.Matching.Index;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Projects;

/// <summary>
/// One entry of a party's hit stream as kept in memory (about 48 bytes): enough to build the party's
/// <see cref="PartyHitView"/> when the entry is read, without holding strings or lists per hit.
/// </summary>
internal readonly record struct HitEventEntry(HitId HitId, RecordHandle OwnHandle, ulong KeyMask, int OtherParty, MatchBand Band, HitChangeKind Kind);
