using System.Globalization;

namespace Aquila.Testing;

/// <summary>
/// The seeds of a crash-trial theory: <c>AQUILA_CRASH_TRIALS</c> trials (the test's default in CI; 100 or more for the
/// long mode) from seed <c>AQUILA_CRASH_SEED</c> on, so a failing trial is repeated with its seed and one trial.
/// </summary>
public static class CrashTrials
{
    public static TheoryData<int> Seeds(int defaultTrials, int defaultFirstSeed)
    {
        var trials = Number("AQUILA_CRASH_TRIALS") ?? defaultTrials;
        var first = Number("AQUILA_CRASH_SEED") ?? defaultFirstSeed;
        var seeds = new TheoryData<int>();
        for (var i = 0; i < trials; i++)
        {
            seeds.Add(first + i);
        }

        return seeds;
    }

    private static int? Number(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
