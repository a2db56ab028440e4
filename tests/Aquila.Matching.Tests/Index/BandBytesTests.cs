using System.Buffers;
using System.Buffers.Binary;
using Aquila.Matching.Index;
using Aquila.Tokens.Keys;
using static Aquila.Matching.Tests.Index.IndexTestData;

namespace Aquila.Matching.Tests.Index;

/// <summary>
/// The band's stored byte: the codes the project log, snapshots and Redis have always held (possible 1, probable 2,
/// strong 3, 0 no band), pinned so that the one band type cannot move them.
/// </summary>
public sealed class BandBytesTests
{
    [Theory]
    [InlineData(MatchBand.Possible, 1)]
    [InlineData(MatchBand.Probable, 2)]
    [InlineData(MatchBand.Strong, 3)]
    public void A_band_is_stored_as_its_fixed_code_and_read_back(MatchBand band, byte code)
    {
        Assert.Equal(code, BandCodes.ToByte(band));
        Assert.True(BandCodes.TryRead(code, out var read));
        Assert.Equal(band, read);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(255)]
    [InlineData(-1)]
    public void A_code_outside_1_to_3_is_no_band(long code) => Assert.False(BandCodes.TryRead(code, out _));

    [Fact]
    public void No_band_is_code_0_and_below_every_band()
    {
        Assert.Equal(0, BandCodes.ToByte(BandCodes.NoBand));
        Assert.All(Enum.GetValues<MatchBand>(), band => Assert.True(band > BandCodes.NoBand));
        Assert.Equal(BandCodes.NoBand, Detector().Keys.BestBand(0));
    }

    [Fact]
    public void A_hit_in_the_detector_snapshot_has_its_golden_bytes()
    {
        var detector = Detector();
        detector.AddBatch(0, Batch(0, Record(1, key: 1, token: 10)));
        detector.AddBatch(1, Batch(1, Record(7, key: 1, token: 10), Record(8, key: 2, token: 20)));
        detector.AddBatch(0, Batch(0, Record(2, key: 2, token: 20)));
        var output = new ArrayBufferWriter<byte>();
        detector.WriteState(new StateWriter(output));
        var state = output.WrittenSpan;

        // Per hit: 16 bytes id, u8 party A, i32 ordinal A, u8 party B, i32 ordinal B, u8 band code, u64 key mask.
        Span<byte> expected = stackalloc byte[35];
        Assert.Equal(2, detector.Hits.Length);
        foreach (var (hit, band, mask) in new[] { (detector.Hits[0], (byte)2, 0b0010UL), (detector.Hits[1], (byte)1, 0b0100UL) })
        {
            hit.Id.WriteTo(expected);
            expected[16] = 0;
            BinaryPrimitives.WriteInt32LittleEndian(expected[17..], hit.OrdinalA);
            expected[21] = 1;
            BinaryPrimitives.WriteInt32LittleEndian(expected[22..], hit.OrdinalB);
            expected[26] = band;
            BinaryPrimitives.WriteUInt64LittleEndian(expected[27..], mask);
            Assert.True(state.IndexOf(expected) >= 0, $"the snapshot holds hit {hit.Id} with band code {band}");
        }
    }
}
