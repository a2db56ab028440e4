namespace Aquila.Matching.Tests.Projects;

/// <summary>A clock that always says the same time, so receipts of two runs of one scenario compare equal.</summary>
internal sealed class FixedClock : TimeProvider
{
    public static readonly FixedClock Instance = new();

    public override DateTimeOffset GetUtcNow() => new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
}
