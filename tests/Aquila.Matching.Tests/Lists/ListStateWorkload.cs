using System.Security.Cryptography;
using System.Text;
using Aquila.Matching.Lists;

namespace Aquila.Matching.Tests.Lists;

/// <summary>Seeded synthetic workloads applied straight to a <see cref="ListState"/> (no log).</summary>
internal static class ListStateWorkload
{
    public const long At = 1_764_072_000_000;

    /// <summary>An entry of <paramref name="tokenCount"/> tokens under keys 0..2 with values below <paramref name="values"/>.</summary>
    public static StoredEntry Entry(Random random, UInt128 handle, int tokenCount, int values, int reviewDay)
    {
        var tokens = new byte[tokenCount * ListRecordCodec.TokenEntryLength];
        for (var t = 0; t < tokenCount; t++)
        {
            var at = t * ListRecordCodec.TokenEntryLength;
            tokens[at] = (byte)random.Next(3);
            BitConverter.TryWriteBytes(tokens.AsSpan(at + 1), random.Next(values));
            "synthetic-tk"u8.CopyTo(tokens.AsSpan(at + 5));
        }

        return new StoredEntry(handle, (byte)random.Next(4), reviewDay, tokens);
    }

    /// <summary>
    /// A mixed workload (adds, re-adds, removes, replaces, expired entries, queries) over few token values, so duplicates
    /// are common; returns a SHA-256 over every event of every stream and every lookup's hits, in order.
    /// </summary>
    public static string Fingerprint(int seed)
    {
        var definition = ListTestBed.Definition();
        var state = new ListState(definition);
        var random = new Random(seed);
        var today = ListState.DayOf(At);
        var text = new StringBuilder();
        for (var step = 0; step < 600; step++)
        {
            var contributor = definition.Contributors[random.Next(3)];
            var roll = random.Next(20);
            if (roll < 3)
            {
                var removed = new UInt128[random.Next(1, 4)];
                for (var i = 0; i < removed.Length; i++)
                {
                    removed[i] = (UInt128)random.Next(60);
                }

                state.Apply(new ListChange(ListChangeKind.Remove, contributor, At + step, [], removed));
            }
            else if (roll < 12)
            {
                var kind = roll == 3 ? ListChangeKind.Replace : ListChangeKind.Add;
                var entries = new StoredEntry[random.Next(1, 6)];
                for (var i = 0; i < entries.Length; i++)
                {
                    var review = random.Next(10) == 0 ? today - 1 : today + 30;
                    entries[i] = Entry(random, (UInt128)random.Next(60), random.Next(1, 7), 40, review);
                }

                var distinct = entries.DistinctBy(e => e.Handle).ToArray();
                state.Apply(new ListChange(kind, contributor, At + step, distinct, []));
            }
            else
            {
                var querier = random.Next(4) == 0 ? "AL" : contributor;
                var query = Entry(random, 0, random.Next(1, 8), 40, today).Tokens;
                foreach (var (key, mask) in state.Lookup(querier, query, today) ?? [])
                {
                    text.Append($"q {step} {key.Contributor} {key.Handle} {mask}\n");
                }
            }
        }

        for (var c = 0; c < state.Events.Length; c++)
        {
            text.Append($"n {c} {state.EntryCount(c)}\n");
            foreach (var e in state.Events[c])
            {
                text.Append($"e {c} {e.Sequence} {e.Kind} {e.HitId} {Convert.ToHexString(e.OwnHandle.ToArray())} {e.OtherParty} {e.Band} ")
                    .Append(string.Join(',', e.AgreeingKeys)).Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
