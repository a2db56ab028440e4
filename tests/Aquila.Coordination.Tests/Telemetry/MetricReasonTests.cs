using Aquila.Coordination.Telemetry;

namespace Aquila.Coordination.Tests.Telemetry;

public class MetricReasonTests
{
    [Theory]
    [InlineData("Revoked", "revoked")]
    [InlineData("no-hit", "no-hit")]
    [InlineData("query-scanning", "query-scanning")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_short_code_is_kept_lower_cased(string? value, string expected) => Assert.Equal(expected, MetricReason.Code(value));

    [Theory]
    [InlineData("a3f9c2d17b6e4f0a")]
    [InlineData("0123456789abcdef")]
    [InlineData("Petrović Marko 1985-03-12")]
    [InlineData("RS-401")]
    public void Ids_hex_strings_and_text_never_become_a_label(string value)
    {
        Assert.Equal("other", MetricReason.Code(value));
        Assert.DoesNotContain(value, MetricReason.Classify(value), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Batch refused: it was built with schema sha256:ab, but project 'p1' pins sha256:cd.", "schema")]
    [InlineData("the party's declared record quota is exceeded", "quota")]
    [InlineData("a batch with this id and other content was already accepted", "other")]
    [InlineData("Project p1 is not open for submissions", "lifecycle")]
    public void A_sentence_is_sorted_into_its_family(string sentence, string family) => Assert.Equal(family, MetricReason.Classify(sentence));
}
