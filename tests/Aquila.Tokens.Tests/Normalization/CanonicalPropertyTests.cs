using Aquila.Tokens.Normalization;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Normalization;

public sealed class CanonicalPropertyTests
{
    [FsCheck.Xunit.Property]
    public Property Canonical_is_idempotent_on_arbitrary_text() =>
        Prop.ForAll(NameGenerators.AnyText(), text =>
        {
            var once = NameNormalizer.Canonical(text);
            return NameNormalizer.Canonical(once) == once;
        });

    [FsCheck.Xunit.Property]
    public Property Canonical_output_holds_only_upper_case_ASCII_letters_and_single_inner_spaces() =>
        Prop.ForAll(NameGenerators.AnyText(), text => IsCanonicalShape(NameNormalizer.Canonical(text)));

    [FsCheck.Xunit.Property]
    public Property Canonical_of_default_generated_strings_is_idempotent(string? text)
    {
        var once = NameNormalizer.Canonical(text);
        return (NameNormalizer.Canonical(once) == once && IsCanonicalShape(once)).ToProperty();
    }

    [FsCheck.Xunit.Property]
    public Property Serbian_Cyrillic_and_Latin_spellings_give_equal_canonical_forms() =>
        Prop.ForAll(NameGenerators.Name(NameGenerators.SerbianLetters).ToArbitrary(), name =>
        {
            var latin = NameGenerators.Spell(name, NameGenerators.SerbianLetters, cyrillic: false);
            var cyrillic = NameGenerators.Spell(name, NameGenerators.SerbianLetters, cyrillic: true);
            return NameNormalizer.Canonical(cyrillic) == NameNormalizer.Canonical(latin);
        });

    [FsCheck.Xunit.Property]
    public Property Macedonian_Cyrillic_and_Latin_spellings_give_equal_canonical_forms() =>
        Prop.ForAll(NameGenerators.Name(NameGenerators.MacedonianLetters).ToArbitrary(), name =>
        {
            var latin = NameGenerators.Spell(name, NameGenerators.MacedonianLetters, cyrillic: false);
            var cyrillic = NameGenerators.Spell(name, NameGenerators.MacedonianLetters, cyrillic: true);
            return NameNormalizer.Canonical(cyrillic) == NameNormalizer.Canonical(latin);
        });

    [FsCheck.Xunit.Property]
    public Property Serbian_Latin_letter_to_Cyrillic_transliteration_keeps_the_canonical_form() =>
        Prop.ForAll(NameGenerators.Name(NameGenerators.SerbianLetters).ToArbitrary(), name =>
        {
            var latin = NameGenerators.Spell(name, NameGenerators.SerbianLetters, cyrillic: false);
            return NameNormalizer.Canonical(NameGenerators.ToSerbianCyrillic(latin)) == NameNormalizer.Canonical(latin);
        });

    [FsCheck.Xunit.Property]
    public Property Stripping_diacritics_does_not_change_the_canonical_form() =>
        Prop.ForAll(NameGenerators.Name(NameGenerators.SerbianLetters).ToArbitrary(), name =>
        {
            var full = NameGenerators.Spell(name, NameGenerators.SerbianLetters, cyrillic: false);
            return NameNormalizer.Canonical(NameGenerators.StripDiacritics(full)) == NameNormalizer.Canonical(full);
        });

    [FsCheck.Xunit.Property]
    public Property Decomposed_input_gives_the_same_canonical_form_as_precomposed_input() =>
        Prop.ForAll(NameGenerators.Name(NameGenerators.MacedonianLetters).ToArbitrary(), name =>
        {
            var cyrillic = NameGenerators.Spell(name, NameGenerators.MacedonianLetters, cyrillic: true);
            var decomposed = cyrillic.Replace("ѓ", "г\u0301", StringComparison.Ordinal)
                .Replace("ќ", "к\u0301", StringComparison.Ordinal);
            return NameNormalizer.Canonical(decomposed) == NameNormalizer.Canonical(cyrillic);
        });

    [FsCheck.Xunit.Property]
    public Property WriteCanonical_writes_what_Canonical_returns() =>
        Prop.ForAll(NameGenerators.AnyText(), text =>
        {
            var buffer = new char[NameNormalizer.GetMaxCanonicalLength(text.Length)];
            var length = NameNormalizer.WriteCanonical(text, buffer);
            return new string(buffer, 0, length) == NameNormalizer.Canonical(text);
        });

    internal static bool IsCanonicalShape(string canonical)
    {
        if (canonical.Length == 0)
        {
            return true;
        }

        if (canonical[0] == ' ' || canonical[^1] == ' ')
        {
            return false;
        }

        for (var i = 0; i < canonical.Length; i++)
        {
            var c = canonical[i];
            var ok = c is >= 'A' and <= 'Z' || (c == ' ' && canonical[i - 1] != ' ');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
