using System.Buffers.Binary;
using Aquila.Server.Options;

namespace Aquila.Server.Lists;

/// <summary>
/// Notices scanning: a party that sends many near-identical queries (the same tokens again and again with small
/// variations, as when someone walks through dates of birth or spellings around one person). A query is near-identical
/// when at least <see cref="ListQueryOptions.ScanningOverlap"/> of its tokens were in the party's earlier queries of the
/// window; more than <see cref="ListQueryOptions.ScanningQueries"/> such queries in <see cref="ListQueryOptions.ScanningWindow"/>
/// raise one alert (then none for that party until a window passes).
/// </summary>
internal sealed class ScanningDetector(TimeProvider clock, ListQueryOptions options)
{
    private const int MaxRemembered = 4096;

    private readonly Dictionary<(string Project, string Party), PartyWindow> _parties = [];
    private readonly Lock _lock = new();

    /// <summary>Observes one query; returns the number of near-identical queries in the window when an alert is due, else 0.</summary>
    public int Observe(string project, string party, ReadOnlySpan<byte> tokenEntries)
    {
        var now = clock.GetUtcNow();
        var tokens = new (byte, UInt128)[tokenEntries.Length / 17];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = (tokenEntries[i * 17], BinaryPrimitives.ReadUInt128BigEndian(tokenEntries.Slice((i * 17) + 1, 16)));
        }

        lock (_lock)
        {
            if (!_parties.TryGetValue((project, party), out var window))
            {
                _parties[(project, party)] = window = new PartyWindow();
            }

            window.Forget(now - options.ScanningWindow);
            var known = 0;
            foreach (var token in tokens)
            {
                known += window.Counts.ContainsKey(token) ? 1 : 0;
            }

            if (tokens.Length > 0 && known >= options.ScanningOverlap * tokens.Length)
            {
                window.Similar.Enqueue(now);
            }

            window.Remember(now, tokens);
            if (window.Similar.Count > options.ScanningQueries && now - window.LastAlert > options.ScanningWindow)
            {
                window.LastAlert = now;
                return window.Similar.Count;
            }

            return 0;
        }
    }

    private sealed class PartyWindow
    {
        public Queue<(DateTimeOffset At, (byte, UInt128)[] Tokens)> Queries { get; } = new();

        public Dictionary<(byte, UInt128), int> Counts { get; } = [];

        public Queue<DateTimeOffset> Similar { get; } = new();

        public DateTimeOffset LastAlert { get; set; } = DateTimeOffset.MinValue;

        public void Remember(DateTimeOffset at, (byte, UInt128)[] tokens)
        {
            Queries.Enqueue((at, tokens));
            foreach (var token in tokens)
            {
                Counts[token] = Counts.GetValueOrDefault(token) + 1;
            }

            while (Queries.Count > MaxRemembered)
            {
                Drop();
            }
        }

        public void Forget(DateTimeOffset before)
        {
            while (Queries.Count > 0 && Queries.Peek().At < before)
            {
                Drop();
            }

            while (Similar.Count > 0 && Similar.Peek() < before)
            {
                Similar.Dequeue();
            }
        }

        private void Drop()
        {
            foreach (var token in Queries.Dequeue().Tokens)
            {
                if (--Counts[token] == 0)
                {
                    Counts.Remove(token);
                }
            }
        }
    }
}
