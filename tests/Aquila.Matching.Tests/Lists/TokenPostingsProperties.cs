using Aquila.Matching.Lists;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Matching.Tests.Lists;

public class TokenPostingsProperties
{
    // Operations on one token's postings: (true, slot) posts, (false, slot) removes; few slots, so both meet often.
    private static Gen<(bool Add, int Slot)[]> Operations =>
        Gen.Elements(true, true, false).SelectMany(add => Gen.Choose(0, 4).Select(slot => (add, slot))).ArrayOf();

    [FsCheck.Xunit.Property]
    public Property Postings_keep_the_order_and_content_of_a_list_of_every_slot_posted() =>
        Prop.ForAll(Operations.ToArbitrary(), operations =>
        {
            // The model: a list per token, posting a slot unless it is last, removing its first occurrence.
            var model = new List<int>();
            TokenPostings? postings = null;
            foreach (var (add, slot) in operations)
            {
                if (add)
                {
                    if (model.Count == 0 || model[^1] != slot)
                    {
                        model.Add(slot);
                    }

                    if (postings is { } held)
                    {
                        held.Add(slot);
                        postings = held;
                    }
                    else
                    {
                        postings = new TokenPostings(slot);
                    }
                }
                else if (postings is { } held)
                {
                    model.Remove(slot);
                    postings = held.Remove(slot) ? null : held;
                }
            }

            var actual = new List<int>();
            for (var i = 0; i < (postings?.Count ?? 0); i++)
            {
                actual.Add(postings!.Value[i]);
            }

            return actual.SequenceEqual(model);
        });
}
