using Aquila.Protocol.V1;

namespace Aquila.Node.Inbox;

/// <summary>Band names as the pages, the database and the export show them.</summary>
public static class BandText
{
    public static IReadOnlyList<string> All { get; } = ["strong", "probable", "possible"];

    public static string Of(Band band) => band switch
    {
        Band.Strong => "strong",
        Band.Probable => "probable",
        _ => "possible",
    };
}
