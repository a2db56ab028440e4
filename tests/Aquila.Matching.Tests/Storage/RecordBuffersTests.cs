using Aquila.Matching.Storage;

namespace Aquila.Matching.Tests.Storage;

public sealed class RecordBuffersTests
{
    [Fact]
    public void A_buffer_above_one_mebibyte_is_not_kept_by_the_pool()
    {
        var big = RecordBuffers.Rent(RecordBuffers.MaxPooled + 1);
        RecordBuffers.Return(big);

        var next = RecordBuffers.Rent(RecordBuffers.MaxPooled + 1);

        Assert.NotSame(big, next);
        Assert.Equal(RecordBuffers.MaxPooled + 1, next.Length);
    }

    [Fact]
    public void A_small_buffer_is_reused_from_the_pool()
    {
        var small = RecordBuffers.Rent(4096);
        RecordBuffers.Return(small);

        Assert.Same(small, RecordBuffers.Rent(4096));
    }
}
