using Aquila.Synthetic.Names;
using Aquila.Synthetic.Places;

namespace Aquila.Synthetic.Tests;

public class PlaceTableTests
{
    [Theory]
    [InlineData(nameof(Community.Albanian), "RS")]
    [InlineData(nameof(Community.Bosniak), "RS")]
    [InlineData(nameof(Community.Albanian), "MK")]
    [InlineData(nameof(Community.Albanian), "ME")]
    [InlineData(nameof(Community.Bosniak), "ME")]
    [InlineData(nameof(Community.Serbian), "XK")]
    [InlineData(nameof(Community.Bosniak), "XK")]
    [InlineData(nameof(Community.Croatian), "BA")]
    [InlineData(nameof(Community.Serbian), "BA")]
    public void Minority_communities_are_born_in_a_few_listed_towns_of_the_country(string communityName, string country)
    {
        var community = Enum.Parse<Community>(communityName);

        var places = PlaceTable.For(community, country);

        Assert.NotEmpty(places);
        Assert.True(places.Count < PlaceTable.In(country).Count);
        Assert.All(places, p => Assert.Equal(country, p.Country));
    }

    [Theory]
    [InlineData("RS")]
    [InlineData("BA")]
    [InlineData("ME")]
    [InlineData("MK")]
    [InlineData("XK")]
    [InlineData("AL")]
    [InlineData("HR")]
    [InlineData("SY")]
    [InlineData("IQ")]
    public void Slavic_place_names_have_no_Albanian_letters_so_they_transcribe_into_Cyrillic(string country)
    {
        Assert.All(PlaceTable.In(country), p => Assert.True(p.Slavic.AsSpan().IndexOfAny("ëçqxyËÇQXY") < 0, p.Slavic));
    }
}
