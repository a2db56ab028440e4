using System.Text.Json;

namespace Aquila.Tokens.Keys;

/// <summary>Reads a comparison field's <c>"grams"</c> option (<see cref="StringGrams"/>); absent, bigrams only.</summary>
internal static class StringGramNames
{
    private const string Bigram = "bigram", Skipgram = "skipgram";

    /// <summary>
    /// The grams of field <paramref name="item"/> of <paramref name="kind"/>: a list of distinct names that includes
    /// <c>"bigram"</c>, allowed on a <c>string-bloom</c> field only; <paramref name="at"/> names the field in errors.
    /// </summary>
    public static StringGrams Parse(JsonElement item, ScoringFieldKind kind, string at, Func<string, MatchKeySchemaException> invalid)
    {
        if (!item.TryGetProperty("grams", out var array))
        {
            return StringGrams.Bigram;
        }

        if (kind != ScoringFieldKind.StringBloom)
        {
            throw invalid($"{at}: \"grams\" applies to a string-bloom field only");
        }

        var grams = (StringGrams)0;
        var valid = array.ValueKind == JsonValueKind.Array;
        foreach (var name in valid ? array.EnumerateArray() : default)
        {
            var gram = (name.ValueKind == JsonValueKind.String ? name.GetString() : null) switch
            {
                Bigram => StringGrams.Bigram,
                Skipgram => StringGrams.Skipgram,
                _ => (StringGrams)0,
            };
            valid &= gram != 0 && (grams & gram) == 0;
            grams |= gram;
        }

        if (!valid || (grams & StringGrams.Bigram) == 0)
        {
            throw invalid($"{at}: \"grams\" must list distinct gram kinds including \"{Bigram}\": [\"{Bigram}\"] or [\"{Bigram}\", \"{Skipgram}\"]");
        }

        return grams;
    }
}
