using Aquila.Tokens.Normalization.Vehicles;

namespace Aquila.Tokens.Tests.Vehicles;

public sealed class MakeNamesTests
{
    [Theory]
    [InlineData("Volkswagen", "VW")]
    [InlineData("Volkswagen", "Фолксваген")]
    [InlineData("Mercedes-Benz", "Mercedes")]
    [InlineData("Mercedes-Benz", "Мерцедес")]
    [InlineData("Škoda", "SKODA")]
    [InlineData("Škoda", "Шкода")]
    [InlineData("Peugeot", "Пежо")]
    [InlineData("Citroën", "Ситроен")]
    [InlineData("Zastava", "Застава")]
    [InlineData("Nissan", "Нисан")]
    public void Spellings_of_one_make_agree(string make, string spelling) =>
        Assert.Equal(MakeNames.Canonical(make), MakeNames.Canonical(spelling));

    [Fact]
    public void An_unknown_make_stays_its_folded_text() => Assert.Equal("TRABANT", MakeNames.Canonical("Trabant"));

    [Fact]
    public void Different_makes_stay_different() => Assert.NotEqual(MakeNames.Canonical("Opel"), MakeNames.Canonical("Audi"));
}
