using Aquila.Protocol.V1;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Keys;

namespace Aquila.Node.Hits;

/// <summary>Maps the wire's hit events to the node's hits: the one place where a handle becomes a record id.</summary>
public static class HitEvents
{
    /// <summary>The hit of <paramref name="hit"/>, its handle resolved through <paramref name="handles"/>.</summary>
    public static NodeHit Resolve(HitEvent hit, HandleMap handles)
    {
        ArgumentNullException.ThrowIfNull(hit);
        ArgumentNullException.ThrowIfNull(handles);
        return ToNodeHit(hit, handles.Resolve(hit.OwnHandle.Span));
    }

    /// <summary>The hit of <paramref name="hit"/> with a record id already known (or null).</summary>
    public static NodeHit ToNodeHit(HitEvent hit, string? recordId)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return new NodeHit
        {
            Sequence = hit.Sequence,
            Kind = hit.Kind switch
            {
                HitEventKind.Updated => NodeHitKind.Updated,
                HitEventKind.Withdrawn => NodeHitKind.Withdrawn,
                _ => NodeHitKind.New,
            },
            HitId = Convert.ToHexStringLower(hit.HitId.Span),
            RecordId = recordId,
            OtherParty = hit.OtherParty,
            Band = BandOf(hit.Band),
            AgreeingKeys = [.. hit.AgreeingKeys],
            Score = hit.HasScore ? hit.Score : null,
            Agreement = [.. hit.Agreement],
        };
    }

    /// <summary>The wire's band as the domain's; an unspecified band counts as the weakest.</summary>
    public static MatchBand BandOf(Band band) => band switch
    {
        Band.Strong => MatchBand.Strong,
        Band.Probable => MatchBand.Probable,
        _ => MatchBand.Possible,
    };
}
