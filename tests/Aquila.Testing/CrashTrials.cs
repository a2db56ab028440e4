using System.Globalization;

namespace Aquila.Testing;

/// <summary>
/// The seeds of a crash-trial theory: <c>AQUILA_CRASH_TRIALS</c> trials (the test's default in CI; 100 or more for the
/// long mode) from seed <c>AQUILA_CRASH_SEED</c> on, so a failing trial is repeated with its seed and one trial.
/// </summary>
public static class CrashTrials
{
    /// <param name="defaultTrials">Trials when AQUILA_CRASH_TRIALS is not set.</param>
    /// <param name="defaultFirstSeed">First seed when AQUILA_CRASH_SEED is not set.</param>
    /// <param name="regressions">Seeds that once failed: always run, besides the range.</param>
    public static TheoryData<int> Seeds(int defaultTrials, int defaultFirstSeed, params int[] regressions)
    {
        var trials = Number("AQUILA_CRASH_TRIALS") ?? defaultTrials;
        var first = Number("AQUILA_CRASH_SEED") ?? defaultFirstSeed;
        var seeds = new TheoryData<int>();
        for (var i = 0; i < trials; i++)
        {
            seeds.Add(first + i);
        }

        foreach (var seed in regressions)
        {
            if (seed < first || seed >= first + trials)
            {
                seeds.Add(seed);
            }
        }

        return seeds;
    }

    private static int? Number(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
