using Aquila.Bench.Soak;

namespace Aquila.Bench.Tests;

public class SoakPersonsTests
{
    [Fact]
    public void Two_records_in_five_are_persons_held_by_exactly_one_neighbouring_party_and_the_rest_by_no_other()
    {
        const int parties = 4;
        const int records = 1000;
        var holders = new Dictionary<long, List<int>>();
        for (var p = 0; p < parties; p++)
        {
            for (long r = 0; r < records; r++)
            {
                var person = SoakProject.PersonOf(p, parties, r);
                if (!holders.TryGetValue(person, out var list))
                {
                    holders[person] = list = [];
                }

                list.Add(p);
            }
        }

        var shared = holders.Values.Where(h => h.Count > 1).ToList();
        Assert.Equal(parties * records / 5, shared.Count);
        Assert.All(shared, h => Assert.True(h.Count == 2 && (h[1] - h[0] == 1 || (h[0] == 0 && h[1] == parties - 1))));
        Assert.Equal(parties * records * 3 / 5, holders.Values.Count(h => h.Count == 1));
    }
}
