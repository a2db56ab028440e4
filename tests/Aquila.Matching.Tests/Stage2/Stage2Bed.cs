using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Tests.Projects;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Tests.Stage2;

/// <summary>
/// Batches that carry stage 2 as a node writes them: block tokens and vectors from the real node writer under one
/// project key, and one stage-1 token per record that is the record's own (so stage 1 finds only what a test shares).
/// </summary>
internal static class Stage2Bed
{
    public static readonly byte[] KeyBytes = [.. Enumerable.Range(7, 32).Select(i => (byte)i)];

    /// <summary>
    /// A project scoring with the built-in person schema's section; <paramref name="maxBlockFanout"/> (one cap for every
    /// block: the blocks' own caps are dropped), <paramref name="blockFanout"/> (block id → its own cap) and
    /// <paramref name="stage1"/> (e.g. "all-bands": every stage-1 hit released in its key's band) override its values.
    /// </summary>
    public static ProjectDefinition ScoringDefinition(int maxBlockFanout = 0, string? stage1 = null,
        IReadOnlyDictionary<string, int>? blockFanout = null) => new()
    {
        ProjectId = ProjectTestBed.ProjectId,
        Parties = ProjectTestBed.Parties,
        SchemaHash = Enumerable.Repeat((byte)0x5C, 32).ToArray(),
        Keys = ProjectTestBed.Keys,
        MaxFanout = 5,
        Scoring = maxBlockFanout == 0 && stage1 is null && blockFanout is null
            ? MatchKeySchema.Default.Scoring
            : Overridden(maxBlockFanout, stage1, blockFanout),
    };

    // The built-in schema's scoring section with other fanout caps or stage-1 rule (the parser is the one way to make one).
    private static ScoringSpec Overridden(int cap, string? stage1, IReadOnlyDictionary<string, int>? blockFanout)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(BuiltInSchemaPath()))!;
        foreach (var block in json["scoring"]!["blocks"]!.AsArray())
        {
            if (cap != 0)
            {
                block!.AsObject().Remove("max_fanout");
            }

            if (blockFanout is not null && blockFanout.TryGetValue((string)block!["id"]!, out var own))
            {
                block["max_fanout"] = own;
            }
        }

        if (cap != 0)
        {
            json["scoring"]!["max_block_fanout"] = cap;
        }

        if (stage1 is not null)
        {
            json["scoring"]!["stage1"] = stage1;
        }

        return MatchKeySchema.Parse(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), "test").Scoring!;
    }

    private static string BuiltInSchemaPath()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Aquila.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return Path.Combine(dir!, "src", "Aquila.Tokens", "Schema", "match-keys-v1.json");
    }

    public static PersonRecord Person(string id, string family, string given, string? dob, string? father = null, string? place = null,
        string sex = "M") =>
        new() { RecordId = id, FamilyName = family, GivenName = given, DateOfBirth = dob, FatherName = father, PlaceOfBirth = place, Sex = sex };

    /// <summary>A batch of <paramref name="party"/>'s records: handle i = record i; stage-1 tokens as given (key, value) or the record's own.</summary>
    public static TokenBatch Batch(int party, IReadOnlyList<PersonRecord> records, Func<int, (int Key, int Token)[]>? stage1 = null, int firstHandle = 0)
    {
        using var key = ProjectKey.FromBytes(KeyBytes);
        using var writer = new RecordComparisonWriter(key, MatchKeySchema.Default);
        var batch = new TokenBatch();
        batch.CarryStage2(RecordComparisonWriter.VectorLength);
        var blocks = new List<BlockVector>();
        for (var i = 0; i < records.Count; i++)
        {
            batch.AddRecord(ProjectTestBed.Handle(party, firstHandle + i));
            foreach (var (k, token) in stage1?.Invoke(i) ?? [(1, 1_000_000 + (party * 10_000) + firstHandle + i)])
            {
                batch.AddToken((byte)k, ProjectTestBed.Token(token));
            }

            writer.Write(records[i], blocks);
            foreach (var block in blocks)
            {
                batch.AddBlock((byte)block.BlockIndex, block.Token, block.Vector);
            }
        }

        return batch;
    }

    private static readonly string[] Families = ["Petrović", "Jovanović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić", "Stanković",
        "Pavlović", "Milošević", "Hodžić", "Kovačević", "Babić", "Krasniqi", "Gashi", "Berisha", "Hoxha", "Popović", "Savić", "Lukić"];

    private static readonly string[] Givens = ["Marko", "Nikola", "Stefan", "Luka", "Milan", "Dragan", "Amir", "Emir", "Arben", "Besnik",
        "Ana", "Jelena", "Milica", "Ivana", "Amra", "Edona", "Vesna", "Zoran", "Goran", "Dejan"];

    private static readonly string[] Fathers = ["Jovan", "Petar", "Milan", "Ahmed", "Ilir", "Rade", "Stevan", "Mehmed", "Agim", "Vlado"];

    private static readonly string[] Places = ["Beograd", "Niš", "Sarajevo", "Podgorica", "Skopje", "Priština", "Tuzla", "Bar"];

    /// <summary>
    /// <paramref name="count"/> persons as two parties hold them: the same fields (a few with a typo or a year off) on
    /// both sides, plus namesakes (same family name and year, other given name and day) that share blocks and are
    /// no match. Deterministic.
    /// </summary>
    public static (List<PersonRecord> A, List<PersonRecord> B) Population(int count, int seed = 5)
    {
        var random = new Random(seed);
        var a = new List<PersonRecord>();
        var b = new List<PersonRecord>();
        for (var i = 0; i < count; i++)
        {
            var family = Families[random.Next(Families.Length)];
            var given = Givens[random.Next(Givens.Length)];
            var father = Fathers[random.Next(Fathers.Length)];
            var place = Places[random.Next(Places.Length)];
            var year = 1960 + random.Next(40);
            var dob = $"{1 + random.Next(28):00}.{1 + random.Next(12):00}.{year}";
            a.Add(Person($"A{i}", family, given, dob, father, place));
            var otherDob = i % 7 == 3 ? $"{year + 1}" : dob;
            b.Add(Person($"B{i}", family, i % 5 == 2 ? given + "a" : given, otherDob, father, place));
            if (i % 3 == 0)
            {
                // A namesake in B: same family name and birth year, another person.
                b.Add(Person($"N{i}", family, Givens[(Array.IndexOf(Givens, given) + 7) % Givens.Length], $"{year}",
                    Fathers[(Array.IndexOf(Fathers, father) + 3) % Fathers.Length], Places[(Array.IndexOf(Places, place) + 1) % Places.Length]));
            }
        }

        return (a, b);
    }

    /// <summary>Every event of every party, with score and agreement, as comparable text.</summary>
    public static List<string> Everything(ProjectMatcher matcher)
    {
        var all = new List<string>();
        foreach (var party in ProjectTestBed.Parties)
        {
            all.AddRange(matcher.ReadHits(party, 0, int.MaxValue).Select(e => party + ": " + Describe(e)));
        }

        all.Add(matcher.Counts.ToString());
        return all;
    }

    public static string Describe(PartyHitEvent e) =>
        ProjectTestBed.Describe(e) + $" score={e.Hit.Score?.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} [{string.Join(' ', e.Hit.Agreement)}]";

    public static HitId IdOf(ProjectMatcher matcher, string party, int handle) =>
        matcher.ReadHits(party, 0, int.MaxValue).First(e => e.Hit.OwnHandle.Equals(RecordHandle.Read(ProjectTestBed.Handle(ProjectTestBed.Parties.ToList().IndexOf(party), handle)))).Hit.HitId;
}
