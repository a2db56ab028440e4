using System.Security.Cryptography;
using System.Text;
using Aquila.Protocol.V1;
using Google.Protobuf;

namespace Aquila.Server.Tests.Crash;

/// <summary>
/// The list changes of a crash trial: per contributor a sequence of adds (1–3 persons, some from a pool all
/// contributors draw on, so duplicates across contributors arise) and removes of persons it holds. A person a
/// contributor removed is never added by it again, so its presence after a restart tells which changes applied.
/// Tokens and handles are derived from the person number (the server never sees anything else).
/// </summary>
internal static class ListCrashWorkload
{
    /// <summary>One change a contributor sends.</summary>
    public sealed record Change(string Party, int Number, int[] Added, int[] Removed);

    public static readonly string[] Parties = ["RS", "BA", "ME"];

    public static Change[][] Create(int seed, int changesPerParty)
    {
        var random = new Random(seed);
        var plan = new Change[Parties.Length][];
        for (var p = 0; p < Parties.Length; p++)
        {
            var held = new List<int>();
            var ever = new HashSet<int>();
            plan[p] = new Change[changesPerParty];
            for (var k = 0; k < changesPerParty; k++)
            {
                if (held.Count > 2 && random.Next(4) == 0)
                {
                    var removed = held.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray();
                    held.RemoveAll(removed.Contains);
                    plan[p][k] = new Change(Parties[p], k, [], removed);
                    continue;
                }

                var added = new List<int>();
                for (var j = random.Next(1, 4); j > 0; j--)
                {
                    var person = random.Next(2) == 0 ? random.Next(12) : 1000 + (p * 100) + (k * 4) + j;
                    if (ever.Add(person))
                    {
                        added.Add(person);
                    }
                }

                if (added.Count == 0)
                {
                    var fresh = 1000 + (p * 100) + (k * 4);
                    ever.Add(fresh);
                    added.Add(fresh);
                }

                held.AddRange(added);
                plan[p][k] = new Change(Parties[p], k, [.. added], []);
            }
        }

        return plan;
    }

    /// <summary>The persons a contributor holds after <paramref name="changes"/> (its own, in order).</summary>
    public static SortedSet<int> Holds(IEnumerable<Change> changes)
    {
        var held = new SortedSet<int>();
        foreach (var change in changes)
        {
            held.UnionWith(change.Added);
            held.ExceptWith(change.Removed);
        }

        return held;
    }

    public static byte[] Handle(string party, int person) => SHA256.HashData(Encoding.UTF8.GetBytes($"handle/{party}/{person}"))[..16];

    /// <summary>One token under the schema's first key (the same for every contributor holding the person).</summary>
    public static byte[] Tokens(int person) => [0, .. SHA256.HashData(Encoding.UTF8.GetBytes($"token/{person}"))[..16]];

    public static ListEntry Entry(string party, int person) => new()
    {
        Handle = ByteString.CopyFrom(Handle(party, person)),
        Category = "suspect",
        ReviewDate = "2031-12-31",
        TokenEntries = ByteString.CopyFrom(Tokens(person)),
    };
}
