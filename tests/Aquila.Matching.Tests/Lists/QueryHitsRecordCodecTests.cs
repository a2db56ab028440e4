using Aquila.Matching.Index;
using Aquila.Matching.Lists;

namespace Aquila.Matching.Tests.Lists;

public class QueryHitsRecordCodecTests
{
    private static QueryHitsRecord Record(byte[] evidence) =>
        new(1_765_000_000_000, "ME", "CASE-1", [new QueryHitRecord(1, 42, HitId.Read(new byte[16]), 0b101)], evidence);

    [Fact]
    public void A_query_hits_record_keeps_the_signed_query_it_was_logged_with()
    {
        var evidence = new byte[700];
        new Random(7).NextBytes(evidence);

        var decoded = ListRecordCodec.DecodeQueryHits(ListRecordCodec.EncodeQueryHits(Record(evidence)));

        Assert.Equal(evidence, decoded.Evidence.ToArray());
        Assert.Equal("CASE-1", decoded.CaseReference);
        Assert.Equal(0b101UL, Assert.Single(decoded.Hits).KeyMask);
    }

    [Fact]
    public void A_query_hits_record_written_before_signed_queries_were_kept_still_decodes()
    {
        // The earlier layout ended after the last hit: today's encoding of an empty evidence less its u32 length.
        var encoded = ListRecordCodec.EncodeQueryHits(Record([]));
        var earlier = encoded.AsSpan(0, encoded.Length - 4).ToArray();

        var decoded = ListRecordCodec.DecodeQueryHits(earlier);

        Assert.True(decoded.Evidence.IsEmpty);
        Assert.Equal("ME", decoded.Querier);
    }

    [Fact]
    public void A_query_hits_record_with_a_cut_evidence_is_refused()
    {
        var encoded = ListRecordCodec.EncodeQueryHits(Record(new byte[64]));

        Assert.Throws<InvalidDataException>(() => ListRecordCodec.DecodeQueryHits(encoded.AsSpan(0, encoded.Length - 1)));
    }
}
