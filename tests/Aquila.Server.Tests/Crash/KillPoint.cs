namespace Aquila.Server.Tests.Crash;

/// <summary>
/// When to kill the server: once <paramref name="AfterAcknowledged"/> batches (of all parties together) have their
/// receipt, plus <paramref name="Delay"/>, which lands the kill somewhere inside the batches then in flight.
/// </summary>
public sealed record KillPoint(int AfterAcknowledged, TimeSpan Delay)
{
    /// <summary>A kill point drawn from <paramref name="random"/> for an ingest of <paramref name="batches"/> batches.</summary>
    public static KillPoint Draw(Random random, int batches) =>
        new(random.Next(0, Math.Max(1, batches - 4)), TimeSpan.FromMicroseconds(random.Next(0, 10_000)));
}
