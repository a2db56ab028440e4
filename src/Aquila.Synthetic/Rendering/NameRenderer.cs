using Aquila.Synthetic.Names;

namespace Aquila.Synthetic.Rendering;

/// <summary>Writes a pivot spelling the way a party's record does, and says what that changed.</summary>
internal static class NameRenderer
{
    /// <param name="text">The pivot spelling (title case).</param>
    /// <param name="origin">The orthography of <paramref name="text"/>.</param>
    /// <param name="style">The record's writing style.</param>
    /// <param name="keepAlbanian">A Slavic-language party keeps an Albanian name in Albanian orthography.</param>
    /// <param name="dAsD">When dropping diacritics, write đ as d rather than dj.</param>
    /// <param name="effects">What the rendering changed; added to.</param>
    public static string Render(string text, NameOrigin origin, NameStyle style, bool keepAlbanian, bool dAsD, ref RenderEffects effects)
    {
        if (text.Length == 0)
        {
            return text;
        }

        string result;
        switch (origin)
        {
            case NameOrigin.Slavic or NameOrigin.Macedonian:
                result = RenderSlavic(text, style, dAsD, ref effects);
                break;
            case NameOrigin.Albanian:
                result = RenderAlbanian(text, style, keepAlbanian, dAsD, ref effects);
                break;
            default:
                result = style is NameStyle.SerbianCyrillic or NameStyle.MacedonianCyrillic
                    ? GajLatin.ToCyrillic(ForeignSpelling.ToGajLatin(text), style == NameStyle.MacedonianCyrillic)
                    : text;
                if (!ReferenceEquals(result, text))
                {
                    effects |= RenderEffects.Script;
                }

                break;
        }

        return result;
    }

    private static string RenderSlavic(string text, NameStyle style, bool dAsD, ref RenderEffects effects)
    {
        switch (style)
        {
            case NameStyle.SerbianCyrillic or NameStyle.MacedonianCyrillic:
                effects |= RenderEffects.Script;
                return GajLatin.ToCyrillic(text, style == NameStyle.MacedonianCyrillic);
            case NameStyle.GajLatinPlain:
                return Mark(text, GajLatin.WithoutDiacritics(text, dAsD), RenderEffects.DiacriticsDropped, ref effects);
            case NameStyle.MacedonianLatin:
                return Mark(text, GajLatin.ToMacedonianLatin(text), RenderEffects.Transliteration, ref effects);
            case NameStyle.EnglishLatin:
                return Mark(text, GajLatin.ToEnglishStyle(text), RenderEffects.Transliteration, ref effects);
            case NameStyle.Albanian:
                return Mark(text, AlbanianOrthography.FromSlavic(text), RenderEffects.AlbanianRendering, ref effects);
            case NameStyle.AlbanianPlain:
                var albanian = Mark(text, AlbanianOrthography.FromSlavic(text), RenderEffects.AlbanianRendering, ref effects);
                return Mark(albanian, AlbanianOrthography.WithoutDiacritics(albanian), RenderEffects.DiacriticsDropped, ref effects);
            default:
                return text;
        }
    }

    private static string RenderAlbanian(string text, NameStyle style, bool keepAlbanian, bool dAsD, ref RenderEffects effects)
    {
        switch (style)
        {
            case NameStyle.SerbianCyrillic or NameStyle.MacedonianCyrillic:
                effects |= RenderEffects.Script | RenderEffects.SlavicRendering;
                return GajLatin.ToCyrillic(AlbanianOrthography.ToSlavic(text), style == NameStyle.MacedonianCyrillic);
            case NameStyle.GajLatin when !keepAlbanian:
                return Mark(text, AlbanianOrthography.ToSlavic(text), RenderEffects.SlavicRendering, ref effects);
            case NameStyle.GajLatinPlain when !keepAlbanian:
                var slavic = Mark(text, AlbanianOrthography.ToSlavic(text), RenderEffects.SlavicRendering, ref effects);
                return Mark(slavic, GajLatin.WithoutDiacritics(slavic, dAsD), RenderEffects.DiacriticsDropped, ref effects);
            case NameStyle.AlbanianPlain or NameStyle.GajLatinPlain or NameStyle.EnglishLatin:
                return Mark(text, AlbanianOrthography.WithoutDiacritics(text), RenderEffects.DiacriticsDropped, ref effects);
            default:
                return text;
        }
    }

    private static string Mark(string before, string after, RenderEffects effect, ref RenderEffects effects)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            effects |= effect;
        }

        return after;
    }
}
