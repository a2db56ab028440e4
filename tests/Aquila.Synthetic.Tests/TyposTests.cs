using Aquila.Synthetic.Rendering;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Synthetic.Tests;

public class TyposTests
{
    private static readonly string[] Names =
        ["Petrović", "Петровић", "Krasniqi", "ĐURIĆ", "Ana", "Ли", "Hodžić-Kovačević", "Ana Marija"];

    [FsCheck.Xunit.Property]
    public Property A_typo_always_changes_the_name_by_at_most_two_characters() =>
        Prop.ForAll(
            Gen.Elements(Names).ToArbitrary(),
            ArbMap.Default.ArbFor<int>(),
            (name, seed) =>
            {
                var typo = Typos.Apply(name, new SeededRandom(seed));
                return typo != name && Math.Abs(typo.Length - name.Length) <= 1 && typo[0] == name[0];
            });

    [FsCheck.Xunit.Property]
    public Property A_typo_in_a_Cyrillic_name_adds_no_Latin_letter() =>
        Prop.ForAll(
            ArbMap.Default.ArbFor<int>(),
            seed => !Typos.Apply("Петровић", new SeededRandom(seed)).Any(char.IsAsciiLetter));
}
