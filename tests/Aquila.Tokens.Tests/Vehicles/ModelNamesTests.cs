using Aquila.Tokens.Normalization.Vehicles;

namespace Aquila.Tokens.Tests.Vehicles;

public sealed class ModelNamesTests
{
    [Theory]
    [InlineData("Golf", "GOLF")]
    [InlineData("Голф", "GOLF")]
    [InlineData("A6", "A6")]
    [InlineData("C 220", "C220")]
    [InlineData("c-220", "C220")]
    [InlineData("320d", "320D")]
    [InlineData("Škoda Octavia", "SKODAOCTAVIA")]
    [InlineData("  ", "")]
    public void A_model_keeps_its_digits_and_folds_its_letters(string raw, string expected) =>
        Assert.Equal(expected, ModelNames.Canonical(raw));

    [Fact]
    public void Models_that_differ_only_in_their_number_differ()
    {
        Assert.NotEqual(ModelNames.Canonical("A3"), ModelNames.Canonical("A6"));
        Assert.NotEqual(ModelNames.Canonical("320d"), ModelNames.Canonical("520d"));
    }
}
