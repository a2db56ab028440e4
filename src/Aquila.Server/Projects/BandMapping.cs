using Aquila.Coordination.Projects;
using Aquila.Matching.Index;
using Aquila.Tokens.Keys;

namespace Aquila.Server.Projects;

/// <summary>
/// The band between the server's libraries: a schema key's <see cref="MatchBand"/> becomes the matcher's
/// <see cref="HitBand"/>, and a hit's band the coordination module's <see cref="ProjectHitBand"/>. Named cases, no casts
/// between enums (the protobuf band is mapped at the gRPC edge, in Services).
/// </summary>
internal static class BandMapping
{
    /// <summary>The matcher's band of a schema key's band.</summary>
    public static HitBand ToHitBand(MatchBand band) => band switch
    {
        MatchBand.Possible => HitBand.Possible,
        MatchBand.Probable => HitBand.Probable,
        MatchBand.Strong => HitBand.Strong,
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "A schema key's band is possible, probable or strong."),
    };

    /// <summary>The band the coordination module records and counts for a hit.</summary>
    public static ProjectHitBand ToProjectBand(HitBand band) => band switch
    {
        HitBand.Possible => ProjectHitBand.Possible,
        HitBand.Probable => ProjectHitBand.Probable,
        HitBand.Strong => ProjectHitBand.Strong,
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "A hit's band is possible, probable or strong."),
    };

    /// <summary>The matcher's keys of a schema: each key's id and band.</summary>
    public static List<HitKey> HitKeys(MatchKeySchema schema)
    {
        var keys = new List<HitKey>(schema.Keys.Count);
        foreach (var key in schema.Keys)
        {
            keys.Add(new HitKey(key.Id, ToHitBand(key.Band)));
        }

        return keys;
    }
}
