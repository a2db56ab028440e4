using System.Globalization;

namespace Aquila.Bench.Soak;

/// <summary>
/// The verdict of a soak run: memory growth per hour (least-squares slope of RSS over the second half of the samples,
/// after warm-up), the error count (any error fails the run), and latency drift (mean per-interval ack p50 and p99 of
/// the second half against the first half).
/// </summary>
public sealed record SoakVerdict
{
    /// <summary>True when no error was seen and batches were acknowledged.</summary>
    public required bool Passed { get; init; }

    /// <summary>Slope of RSS over the second half, MiB per hour.</summary>
    public required double MemoryGrowthMiBPerHour { get; init; }

    /// <summary>Errors over the whole run.</summary>
    public required long Errors { get; init; }

    /// <summary>Batches acknowledged over the whole run.</summary>
    public required long BatchesAcked { get; init; }

    /// <summary>Mean per-interval ack p50 of the first half, ms.</summary>
    public required double FirstHalfP50Ms { get; init; }

    /// <summary>Mean per-interval ack p50 of the second half, ms.</summary>
    public required double SecondHalfP50Ms { get; init; }

    /// <summary>Mean per-interval ack p99 of the first half, ms.</summary>
    public required double FirstHalfP99Ms { get; init; }

    /// <summary>Mean per-interval ack p99 of the second half, ms.</summary>
    public required double SecondHalfP99Ms { get; init; }

    /// <summary>Second-half p99 ÷ first-half p99 (1 = no drift; 0 when either half has no acks).</summary>
    public double P99Drift => FirstHalfP99Ms > 0 && SecondHalfP99Ms > 0 ? SecondHalfP99Ms / FirstHalfP99Ms : 0;

    /// <summary>The verdict as lines for people.</summary>
    public IReadOnlyList<string> Lines()
    {
        var inv = CultureInfo.InvariantCulture;
        return
        [
            string.Create(inv, $"memory growth: {MemoryGrowthMiBPerHour:+0.0;-0.0;0.0} MiB/h (slope of RSS over the second half)"),
            string.Create(inv, $"errors: {Errors} ({(Errors == 0 ? "none" : "must be 0")}); batches acknowledged: {BatchesAcked:N0}"),
            string.Create(inv,
                $"latency drift: ack p50 {FirstHalfP50Ms:F1} → {SecondHalfP50Ms:F1} ms, p99 {FirstHalfP99Ms:F1} → {SecondHalfP99Ms:F1} ms (×{P99Drift:F2}), first half → second half"),
            Passed ? "verdict: PASS" : "verdict: FAIL",
        ];
    }

    /// <summary>Judges <paramref name="samples"/> (in time order).</summary>
    public static SoakVerdict Of(IReadOnlyList<SoakSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        long errors = 0, batches = 0;
        foreach (var sample in samples)
        {
            errors += sample.ErrorCount;
            batches += sample.BatchesAcked;
        }

        var last = samples.Count == 0 ? 0 : samples[^1].ElapsedSeconds;
        var half = last / 2;
        var (firstP50, firstP99) = MeanLatencies(samples, s => s.ElapsedSeconds <= half);
        var (secondP50, secondP99) = MeanLatencies(samples, s => s.ElapsedSeconds > half);
        return new SoakVerdict
        {
            Passed = errors == 0 && batches > 0,
            MemoryGrowthMiBPerHour = RssSlopeBytesPerSecond(samples, half) * 3600 / 1048576.0,
            Errors = errors,
            BatchesAcked = batches,
            FirstHalfP50Ms = firstP50,
            SecondHalfP50Ms = secondP50,
            FirstHalfP99Ms = firstP99,
            SecondHalfP99Ms = secondP99,
        };
    }

    // Least squares over the samples taken from `from` seconds on; 0 with fewer than two of them.
    internal static double RssSlopeBytesPerSecond(IReadOnlyList<SoakSample> samples, double from)
    {
        double n = 0, sumX = 0, sumY = 0, sumXx = 0, sumXy = 0;
        foreach (var sample in samples)
        {
            if (sample.ElapsedSeconds < from)
            {
                continue;
            }

            double x = sample.ElapsedSeconds, y = sample.RssBytes;
            n++;
            sumX += x;
            sumY += y;
            sumXx += x * x;
            sumXy += x * y;
        }

        var denominator = (n * sumXx) - (sumX * sumX);
        return n < 2 || denominator == 0 ? 0 : ((n * sumXy) - (sumX * sumY)) / denominator;
    }

    private static (double P50, double P99) MeanLatencies(IReadOnlyList<SoakSample> samples, Func<SoakSample, bool> include)
    {
        double p50 = 0, p99 = 0;
        var count = 0;
        foreach (var sample in samples)
        {
            if (sample.BatchesAcked == 0 || !include(sample))
            {
                continue;
            }

            p50 += sample.AckP50Ms;
            p99 += sample.AckP99Ms;
            count++;
        }

        return count == 0 ? (0, 0) : (p50 / count, p99 / count);
    }
}
