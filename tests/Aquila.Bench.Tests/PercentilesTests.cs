namespace Aquila.Bench.Tests;

public class PercentilesTests
{
    [Fact]
    public void The_median_of_one_to_ten_is_five_by_nearest_rank()
    {
        Assert.Equal(5, Percentiles.Of([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 50));
    }

    [Fact]
    public void The_99th_percentile_of_a_hundred_values_is_the_99th_smallest()
    {
        var values = new List<double>();
        for (var i = 100; i >= 1; i--)
        {
            values.Add(i);
        }

        Assert.Equal(99, Percentiles.Of(values, 99));
    }

    [Fact]
    public void An_empty_sample_has_percentiles_of_zero()
    {
        Assert.Equal(0, Percentiles.Of([], 99));
    }
}
