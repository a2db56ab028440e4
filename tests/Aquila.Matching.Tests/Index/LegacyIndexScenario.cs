using Aquila.Matching.Index;

namespace Aquila.Matching.Tests.Index;

/// <summary>
/// A fixed sequence of index operations (shared tokens, duplicates, a token crossing the fanout, a party removed and
/// partly re-added) whose state, written by the 28-byte-entry layout of snapshot format 2, is kept as a fixture.
/// </summary>
internal static class LegacyIndexScenario
{
    public const int MaxFanout = 2;

    /// <summary>The fixture: <c>TokenIndex.WriteState</c> of <see cref="Run"/>, written before the layout changed.</summary>
    public const string FixtureName = "token-index-format2.bin";

    /// <summary>Distinct values the scenario turns into tokens (each under up to three key indexes).</summary>
    public const int Values = 3_000;

    public static void Run(TokenIndex index)
    {
        var random = new Random(20261126);
        for (var value = 0; value < Values; value++)
        {
            var key = (byte)(value % 3);
            var token = RandomToken(value);
            index.Add(key, token, party: value % 3, ordinal: value, out _);
            if (value % 5 == 0)
            {
                index.Add(key, token, party: (value + 1) % 3, ordinal: value + 7, out _);
            }

            if (value % 11 == 0)
            {
                index.Add(key, token, party: value % 3, ordinal: value, out _); // duplicate
            }

            if (value % 97 == 0)
            {
                for (var extra = 1; extra <= MaxFanout + 1; extra++)
                {
                    index.Add(key, token, party: 2, ordinal: 100_000 + extra, out _); // crosses the fanout
                }
            }

            if (random.Next(10) == 0)
            {
                index.Add((byte)((key + 1) % 3), token, party: random.Next(3), ordinal: random.Next(50_000), out _);
            }
        }

        index.RemoveParty(1);
        for (var value = 0; value < Values; value += 3)
        {
            index.Add((byte)(value % 3), RandomToken(value), party: 1, ordinal: 200_000 + value, out _);
        }
    }

    /// <summary>A pseudo-random token, as re-keying makes them.</summary>
    public static byte[] RandomToken(int value)
    {
        var token = new byte[16];
        new Random(value * 7919).NextBytes(token);
        return token;
    }
}
