using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Testing;

/// <summary>
/// The fuzzing harness of every test project: case counts (a few hundred in CI, <c>AQUILA_FUZZ_CASES</c> for the long
/// mode), FsCheck generators of byte mutations, a per-case timeout that turns a hang into a failure, and a report line
/// per target (appended to the file named by <c>AQUILA_FUZZ_REPORT</c>, when set) for docs/security-tests.md.
/// </summary>
public static class Fuzz
{
    /// <summary>Cases to run: <c>AQUILA_FUZZ_CASES</c> when set, else <paramref name="ciCases"/>.</summary>
    public static int Cases(int ciCases) =>
        int.TryParse(Environment.GetEnvironmentVariable("AQUILA_FUZZ_CASES"), out var cases) && cases > 0 ? cases : ciCases;

    /// <summary>How long one case may take before it counts as a hang (<c>AQUILA_FUZZ_CASE_TIMEOUT_S</c>, default 20 s: the machine is shared).</summary>
    public static TimeSpan CaseTimeout =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("AQUILA_FUZZ_CASE_TIMEOUT_S"), out var s) && s > 0 ? s : 20);

    /// <summary>One mutation: a flipped bit, a byte set, a cut, bytes inserted, removed or repeated.</summary>
    public static Gen<ByteMutation> Mutation() =>
        Gen.Frequency(
            (4, Gen.Choose(0, int.MaxValue).SelectMany(p => Gen.Choose(0, 7).Select(b => (ByteMutation)new FlipBit(p, b)))),
            (2, Gen.Choose(0, int.MaxValue).SelectMany(p => Gen.Elements<byte>(0x00, 0xFF, 0x7F, 0x80, 0x22, 0x2C, 0x0A, 0x0D, 0x01)
                .Select(v => (ByteMutation)new SetByte(p, v)))),
            (2, Gen.Choose(0, int.MaxValue).Select(p => (ByteMutation)new Truncate(p))),
            (1, Gen.Choose(0, int.MaxValue).SelectMany(p => Gen.Choose(1, 16).SelectMany(n => Gen.Choose(0, 255).ArrayOf(n))
                .Select(bytes => (ByteMutation)new Insert(p, [.. bytes.Select(b => (byte)b)])))),
            (1, Gen.Choose(0, int.MaxValue).SelectMany(p => Gen.Choose(1, 64).Select(n => (ByteMutation)new Remove(p, n)))),
            (1, Gen.Choose(0, int.MaxValue).SelectMany(p => Gen.Choose(1, 64).Select(n => (ByteMutation)new Repeat(p, n)))));

    /// <summary>One to four mutations applied in order.</summary>
    public static Gen<ByteMutation[]> Mutations() => Gen.Choose(1, 4).SelectMany(n => Mutation().ArrayOf(n));

    /// <summary><paramref name="input"/> with <paramref name="mutations"/> applied in order.</summary>
    public static byte[] Apply(byte[] input, IEnumerable<ByteMutation> mutations)
    {
        ArgumentNullException.ThrowIfNull(mutations);
        var bytes = input;
        foreach (var mutation in mutations)
        {
            bytes = mutation.Apply(bytes);
        }

        return bytes;
    }

    /// <summary>
    /// Checks <paramref name="body"/> on <paramref name="cases"/> values of <paramref name="generator"/> (FsCheck: a
    /// failing case is reported with its seed); each case must finish within <see cref="CaseTimeout"/>. The body
    /// returns a short outcome ("refused", "read", ...); the tally goes to the report.
    /// </summary>
    public static void Check<T>(string target, Gen<T> generator, int cases, Func<T, string> body)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        Prop.ForAll(generator.ToArbitrary(), value => Within(() =>
            {
                var outcome = body(value);
                lock (outcomes)
                {
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                }
            }))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true));
        Report(target, cases, clock.Elapsed, string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
    }

    /// <summary>Runs <paramref name="body"/>; a run longer than <see cref="CaseTimeout"/> fails as a hang.</summary>
    public static void Within(Action body)
    {
        var run = Task.Run(body);
        if (Task.WhenAny(run, Task.Delay(CaseTimeout)).GetAwaiter().GetResult() != run)
        {
            throw new TimeoutException($"A fuzz case did not finish within {CaseTimeout.TotalSeconds:F0} s: a hang.");
        }

        run.GetAwaiter().GetResult();
    }

    /// <summary>Appends "target, cases, seconds" to the <c>AQUILA_FUZZ_REPORT</c> file, when set.</summary>
    public static void Report(string target, int cases, TimeSpan elapsed, string outcomes = "")
    {
        var path = Environment.GetEnvironmentVariable("AQUILA_FUZZ_REPORT");
        if (!string.IsNullOrEmpty(path))
        {
            File.AppendAllText(path, FormattableString.Invariant($"{target}\t{cases}\t{elapsed.TotalSeconds:F1}\t{outcomes}\n"));
        }
    }
}
