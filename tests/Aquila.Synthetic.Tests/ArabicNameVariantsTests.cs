using Aquila.Synthetic.Names;

namespace Aquila.Synthetic.Tests;

public class ArabicNameVariantsTests
{
    [Fact]
    public void Every_spelling_of_a_group_leads_to_the_whole_group()
    {
        var group = ArabicNameVariants.Of("Muhamed");

        Assert.NotNull(group);
        Assert.Contains("Mohammed", group);
        Assert.Same(group, ArabicNameVariants.Of("Mohammed"));
    }

    [Fact]
    public void Two_word_spellings_stay_one_name()
    {
        Assert.Contains("Al Hassan", ArabicNameVariants.Of("Al-Hassan")!);
    }

    [Fact]
    public void Albanian_family_names_have_no_variants()
    {
        Assert.Null(ArabicNameVariants.Of("Hasani"));
    }

    [Theory]
    [InlineData("Mohammed", "Foreign")]
    [InlineData("Youssef", "Foreign")]
    [InlineData("Khaled", "Foreign")]
    [InlineData("Hatixhe", "Albanian")]
    [InlineData("Hysen", "Albanian")]
    [InlineData("Mohamed", "Slavic")]
    [InlineData("Hatidža", "Slavic")]
    public void A_spelling_is_written_in_the_orthography_it_comes_from(string spelling, string orthography)
    {
        Assert.Equal(Enum.Parse<NameOrigin>(orthography), ArabicNameVariants.OrthographyOf(spelling));
    }
}
