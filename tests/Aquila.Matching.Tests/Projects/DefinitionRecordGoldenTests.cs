using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Tests.Projects;

/// <summary>The project log's first record, byte for byte: the key bands keep the codes logs were written with.</summary>
public sealed class DefinitionRecordGoldenTests
{
    private static readonly ProjectDefinition Definition = new()
    {
        ProjectId = "p1",
        Parties = ["RS", "BA"],
        SchemaHash = Enumerable.Repeat((byte)0xAB, ProjectDefinition.SchemaHashSize).ToArray(),
        Keys = [new HitKey("nid", MatchBand.Strong), new HitKey("name+dob", MatchBand.Probable), new HitKey("sk", MatchBand.Possible)],
        MaxFanout = 5,
    };

    private static readonly string Golden =
        "01" + "0200" + "7031" // version, project id
        + "02" + "02" + "5253" + "02" + "4241" // roster
        + string.Concat(Enumerable.Repeat("ab", ProjectDefinition.SchemaHashSize)) // schema hash
        + "03" // key count
        + "0300" + "6e6964" + "03" // nid, strong
        + "0800" + "6e616d652b646f62" + "02" // name+dob, probable
        + "0200" + "736b" + "01" // sk, possible
        + "05000000"; // max fanout

    [Fact]
    public void A_definition_encodes_to_the_golden_bytes() =>
        Assert.Equal(Golden, Convert.ToHexStringLower(DefinitionRecordCodec.Encode(Definition)));

    [Fact]
    public void The_golden_bytes_verify_against_the_definition() =>
        DefinitionRecordCodec.VerifySame(Convert.FromHexString(Golden), Definition);

    [Fact]
    public void The_golden_bytes_with_another_band_are_refused()
    {
        var bytes = Convert.FromHexString(Golden);
        bytes[Array.IndexOf(bytes, (byte)0x64) + 1] = 0x02; // nid stored as probable

        var error = Assert.Throws<ProjectDefinitionMismatchException>(() => DefinitionRecordCodec.VerifySame(bytes, Definition));
        Assert.Contains("match keys", error.Message, StringComparison.Ordinal);
    }
}
