using System.Buffers.Binary;
using Aquila.Matching.Index;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Local;

/// <summary>
/// The matching of a dry run without the server: each party's records are tokenised and handed, one batch per party,
/// straight to a <see cref="HitDetector"/>. With one batch per party the result is the one the server computes
/// (fanout is decided per batch); it exists for speed (schema tuning, tests), not as a replacement.
/// </summary>
internal static class InProcessMatching
{
    /// <summary>The hit pairs of <paramref name="exports"/> under <paramref name="schema"/>.</summary>
    public static List<HitPair> Run(IReadOnlyList<PartyExport> exports, MatchKeySchema schema, int maxFanout = 5)
    {
        ArgumentNullException.ThrowIfNull(exports);
        ArgumentNullException.ThrowIfNull(schema);
        var detector = new HitDetector(new HitDetectorOptions
        {
            ProjectId = "in-process",
            PartyCodes = [.. exports.Select(e => e.Party)],
            Keys = HitKey.FromSchema(schema),
            MaxFanout = maxFanout,
        });
        var recordIds = new List<string>[exports.Count];
        using var projectKey = ProjectKey.Generate();
        // As the node: with stage 2 in the schema, a date of birth that does not parse counts as missing.
        using var tokenizer = new RecordTokenizer(schema, projectKey, unparsedDateAsMissing: schema.Scoring is not null);
        var entries = new byte[RecordTokenizer.MaxEntryBytes];
        Span<byte> handle = stackalloc byte[RecordHandle.Size];
        for (var party = 0; party < exports.Count; party++)
        {
            recordIds[party] = [];
            var batch = new TokenBatch();
            foreach (var record in exports[party].Records)
            {
                var outcome = tokenizer.Tokenize(record, entries);
                if (!outcome.Success)
                {
                    continue;
                }

                // The handle is the record's position in this party's list: unique per party, easy to resolve.
                handle.Clear();
                BinaryPrimitives.WriteInt32LittleEndian(handle, recordIds[party].Count);
                recordIds[party].Add(record.RecordId);
                batch.AddRecord(handle);
                for (var i = 0; i < outcome.TokenCount; i++)
                {
                    var entry = entries.AsSpan(i * BatchFormat.TokenEntryLength, BatchFormat.TokenEntryLength);
                    batch.AddToken(entry[0], entry[1..]);
                }
            }

            detector.AddBatch(party, batch);
        }

        return Pairs(detector, recordIds);
    }

    private static List<HitPair> Pairs(HitDetector detector, List<string>[] recordIds)
    {
        var pairs = new List<HitPair>(detector.Hits.Length);
        foreach (var hit in detector.Hits)
        {
            var recordA = RecordId(detector, recordIds, hit.PartyA, hit.OrdinalA);
            var recordB = RecordId(detector, recordIds, hit.PartyB, hit.OrdinalB);
            var (first, second) = string.CompareOrdinal(detector.GetPartyCode(hit.PartyA), detector.GetPartyCode(hit.PartyB)) < 0
                ? ((hit.PartyA, recordA), (hit.PartyB, recordB))
                : ((hit.PartyB, recordB), (hit.PartyA, recordA));
            pairs.Add(new HitPair(hit.Id.ToString(), detector.GetPartyCode(first.Item1), first.Item2,
                detector.GetPartyCode(second.Item1), second.Item2, hit.Band, detector.Keys.KeyIds(hit.KeyMask)));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.HitId, b.HitId));
        return pairs;
    }

    private static string RecordId(HitDetector detector, List<string>[] recordIds, int party, int ordinal) =>
        recordIds[party][BinaryPrimitives.ReadInt32LittleEndian(detector.GetHandles(party)[ordinal])];
}
