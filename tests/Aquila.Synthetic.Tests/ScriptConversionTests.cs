using Aquila.Synthetic.Names;
using Aquila.Synthetic.Rendering;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Synthetic.Tests;

public class ScriptConversionTests
{
    [Theory]
    [InlineData("Đorđević", false, "Ђорђевић")]
    [InlineData("Ljubomir Njegoš", false, "Љубомир Његош")]
    [InlineData("Džafić", false, "Џафић")]
    [InlineData("Đorđievski", true, "Ѓорѓиевски")]
    [InlineData("Ćosev", true, "Ќосев")]
    public void Gaj_Latin_becomes_Serbian_or_Macedonian_Cyrillic(string latin, bool macedonian, string cyrillic)
    {
        Assert.Equal(cyrillic, GajLatin.ToCyrillic(latin, macedonian));
    }

    [Theory]
    [InlineData("Petrović", "Petroviq")]
    [InlineData("Đukić", "Gjukiq")]
    [InlineData("Džafić", "Xhafiq")]
    [InlineData("Čaušević", "Çausheviq")]
    [InlineData("Živković", "Zhivkoviq")]
    public void Slavic_names_get_the_Albanian_rendering(string slavic, string albanian)
    {
        Assert.Equal(albanian, AlbanianOrthography.FromSlavic(slavic));
    }

    [Theory]
    [InlineData("Krasniqi", "Krasnići")]
    [InlineData("Xhaferi", "Džaferi")]
    [InlineData("Thaçi", "Tači")]
    [InlineData("Gjoka", "Đoka")]
    [InlineData("Skënder", "Skender")]
    public void Albanian_names_get_the_Slavic_rendering(string albanian, string slavic)
    {
        Assert.Equal(slavic, AlbanianOrthography.ToSlavic(albanian));
    }

    [Theory]
    [InlineData("Đorđievski", "Gjorgjievski")]
    [InlineData("Ljupčo", "Ljupcho")]
    public void Macedonian_names_get_the_official_romanisation(string pivot, string romanised)
    {
        Assert.Equal(romanised, GajLatin.ToMacedonianLatin(pivot));
    }

    [Theory]
    [InlineData("Đorđević", false, "Djordjevic")]
    [InlineData("Đorđević", true, "Dordevic")]
    [InlineData("Šćepanović", false, "Scepanovic")]
    public void Dropping_diacritics_leaves_plain_Latin(string pivot, bool dAsD, string plain)
    {
        Assert.Equal(plain, GajLatin.WithoutDiacritics(pivot, dAsD));
    }

    [Fact]
    public void Arabic_names_are_transcribed_by_sound_into_Cyrillic()
    {
        var effects = RenderEffects.None;

        var cyrillic = NameRenderer.Render("Mohammed", NameOrigin.Foreign, NameStyle.SerbianCyrillic, false, false, ref effects);

        Assert.Equal("Мохамед", cyrillic);
        Assert.Equal(RenderEffects.Script, effects);
    }

    [Fact]
    public void An_Albanian_name_in_Serbian_Cyrillic_is_marked_as_script_and_Slavic_rendering()
    {
        var effects = RenderEffects.None;

        var cyrillic = NameRenderer.Render("Krasniqi", NameOrigin.Albanian, NameStyle.SerbianCyrillic, false, false, ref effects);

        Assert.Equal("Краснићи", cyrillic);
        Assert.Equal(RenderEffects.Script | RenderEffects.SlavicRendering, effects);
    }

    [Fact]
    public void A_name_without_special_letters_is_not_marked_when_diacritics_are_dropped()
    {
        var effects = RenderEffects.None;

        var plain = NameRenderer.Render("Marko", NameOrigin.Slavic, NameStyle.GajLatinPlain, false, false, ref effects);

        Assert.Equal("Marko", plain);
        Assert.Equal(RenderEffects.None, effects);
    }

    [FsCheck.Xunit.Property]
    public Property Every_pool_name_has_no_Latin_left_over_in_Cyrillic() =>
        Prop.ForAll(
            Gen.Elements(AllSlavicPoolNames()).ToArbitrary(),
            name => GajLatin.ToCyrillic(name, macedonian: false).All(c => !char.IsAsciiLetter(c)));

    private static string[] AllSlavicPoolNames()
    {
        var names = new List<string>();
        foreach (var community in new[] { Community.Serbian, Community.Croatian, Community.Bosniak, Community.Montenegrin, Community.Macedonian })
        {
            var pool = NamePool.For(community);
            names.AddRange(pool.FamilyNames);
            names.AddRange(pool.MaleNames);
            names.AddRange(pool.FemaleNames);
        }

        return [.. names];
    }
}
