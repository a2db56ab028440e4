namespace Aquila.Security.Offline;

/// <summary>What a sealed file carries; each kind has its own magic, so one kind is never taken for the other.</summary>
public enum SealedFileKind
{
    /// <summary>A party's token batch (.aqb) for the matcher, signed by its node (<c>.aqx</c>, magic <c>AQX1</c>).</summary>
    TokenBatch = 1,

    /// <summary>A party's hit events, signed by the server (<c>.aqh</c>, magic <c>AQH1</c>).</summary>
    Hits = 2,
}
