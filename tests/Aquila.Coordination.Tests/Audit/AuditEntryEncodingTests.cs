using Aquila.Coordination.Audit;
using Aquila.Security;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Coordination.Tests.Audit;

public sealed class AuditEntryEncodingTests
{
    // A small alphabet (multi-byte UTF-8, a surrogate pair, and the bytes 0 and 1 that flags and lengths use), so that
    // equal and nearly equal fields are common.
    private static readonly Gen<string> Text =
        Gen.Elements("a", "b", "ä", "Ж", "😀", "\0", "\u0001", " ").ArrayOf().Where(p => p.Length <= 4).Select(p => string.Concat(p));

    private static readonly Gen<string?> OptionalText = Gen.Frequency((1, Gen.Constant<string?>(null)), (3, Text.Select(t => (string?)t)));

    private static readonly Gen<Dictionary<string, string>> Details =
        Gen.Zip(Gen.Elements("a", "b", "ab", "B"), Text).ArrayOf().Where(p => p.Length <= 3)
            .Select(pairs => pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));

    private static readonly Gen<AuditEntry> Entries =
        from sequence in Gen.Choose(1, 3)
        from ms in Gen.Elements(0L, 1L, 1_764_000_000_000L)
        from kind in Gen.Elements("batch.accepted", "a", "a.b")
        from actor in Gen.Elements(AuditActor.Anonymous, AuditActor.System, AuditActor.ForParty("RS", PartyRole.Node))
        from project in OptionalText
        from subject in OptionalText
        from details in Details
        select new AuditEntry(sequence, DateTimeOffset.FromUnixTimeMilliseconds(ms), kind, actor, project, subject, details, default, default);

    private static AuditEntry Entry(string? project = "p", string? subject = "s", Dictionary<string, string>? details = null) => new(
        7, DateTimeOffset.FromUnixTimeMilliseconds(1000), "batch.accepted", AuditActor.System, project, subject,
        details ?? new Dictionary<string, string>(), default, default);

    private static bool SameFields(AuditEntry a, AuditEntry b) =>
        a.Sequence == b.Sequence && a.Timestamp == b.Timestamp && a.Kind == b.Kind && a.Actor == b.Actor
        && a.ProjectId == b.ProjectId && a.Subject == b.Subject
        && a.Details.Count == b.Details.Count && a.Details.All(p => b.Details.TryGetValue(p.Key, out var v) && v == p.Value);

    [FsCheck.Xunit.Property]
    public Property The_documented_decoder_recovers_every_field() =>
        Prop.ForAll(Entries.ToArbitrary(), entry =>
        {
            var fields = CanonicalReader.Decode(AuditEntryEncoding.Encode(entry));
            return fields.Sequence == entry.Sequence && fields.TimestampMs == entry.Timestamp.ToUnixTimeMilliseconds()
                && fields.Kind == entry.Kind && fields.Actor == entry.Actor.Text
                && fields.ProjectId == entry.ProjectId && fields.Subject == entry.Subject
                && fields.Details.SequenceEqual(entry.Details.OrderBy(p => p.Key, StringComparer.Ordinal));
        });

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Two_entries_have_the_same_bytes_only_when_their_fields_are_equal() =>
        Prop.ForAll(Entries.ToArbitrary(), Entries.ToArbitrary(), (a, b) =>
            AuditEntryEncoding.Encode(a).AsSpan().SequenceEqual(AuditEntryEncoding.Encode(b)) == SameFields(a, b));

    [FsCheck.Xunit.Property]
    public Property Moving_characters_from_the_project_id_to_the_subject_changes_the_bytes() =>
        Prop.ForAll(Text.ToArbitrary(), Text.Where(t => t.Length > 0).ToArbitrary(), Text.ToArbitrary(), (x, moved, z) =>
            !AuditEntryEncoding.Encode(Entry(project: x + moved, subject: z))
                .AsSpan().SequenceEqual(AuditEntryEncoding.Encode(Entry(project: x, subject: moved + z))));

    [FsCheck.Xunit.Property]
    public Property Moving_characters_between_detail_values_changes_the_bytes() =>
        Prop.ForAll(Text.ToArbitrary(), Text.Where(t => t.Length > 0).ToArbitrary(), Text.ToArbitrary(), (x, moved, z) =>
            !AuditEntryEncoding.Encode(Entry(details: new() { ["a"] = x + moved, ["b"] = z }))
                .AsSpan().SequenceEqual(AuditEntryEncoding.Encode(Entry(details: new() { ["a"] = x, ["b"] = moved + z }))));

    [FsCheck.Xunit.Property]
    public Property The_hash_depends_on_the_prev_hash() =>
        Prop.ForAll(Entries.ToArbitrary(), Gen.Choose(0, 255).ToArbitrary(), (entry, b) =>
        {
            var prev = new byte[32];
            prev[31] = (byte)(b | 1);
            return AuditEntryEncoding.ComputeHash(entry) != AuditEntryEncoding.ComputeHash(entry with { PrevHash = AuditHash.FromBytes(prev) });
        });

    [Fact]
    public void An_absent_project_id_and_an_empty_one_encode_differently()
    {
        Assert.NotEqual(AuditEntryEncoding.Encode(Entry(project: null)), AuditEntryEncoding.Encode(Entry(project: "")));
    }

    [Fact]
    public void Detail_insertion_order_does_not_change_the_bytes()
    {
        var forward = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" };
        var backward = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" };

        Assert.Equal(AuditEntryEncoding.Encode(Entry(details: forward)), AuditEntryEncoding.Encode(Entry(details: backward)));
    }

    [Fact]
    public void A_small_entry_encodes_to_the_documented_bytes()
    {
        var entry = Entry(project: null, subject: "ž", details: new() { ["n"] = "5" });

        byte[] expected =
        [
            .. "AQAUDIT"u8, 1,
            0, 0, 0, 0, 0, 0, 0, 7,            // sequence
            0, 0, 0, 0, 0, 0, 0x03, 0xE8,      // timestamp 1000 ms
            0, 0, 0, 14, .. "batch.accepted"u8,
            0, 0, 0, 6, .. "system"u8,
            0,                                 // no project id
            1, 0, 0, 0, 2, 0xC5, 0xBE,         // subject "ž" in UTF-8
            0, 0, 0, 1,                        // one detail
            0, 0, 0, 1, (byte)'n', 0, 0, 0, 1, (byte)'5',
        ];

        Assert.Equal(expected, AuditEntryEncoding.Encode(entry));
    }

    [Fact]
    public void The_hashes_of_an_entry_are_not_part_of_its_canonical_bytes()
    {
        var entry = Entry();

        Assert.Equal(AuditEntryEncoding.Encode(entry), AuditEntryEncoding.Encode(entry with { Hash = AuditHash.FromBytes(new byte[32].Select(_ => (byte)9).ToArray()) }));
    }
}
