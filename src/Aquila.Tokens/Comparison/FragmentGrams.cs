using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// The grams a <c>string-bloom</c> field puts into its fragment (docs/token-spec.md §7): over <c>"_" + value + "_"</c>
/// with spaces as <c>"_"</c>, first every bigram (c_i, c_i+1), then, with <see cref="StringGrams.Skipgram"/>, every
/// skip-gram (c_i, c_i+2); repeats included. A pure function of the value, read by index so that no list is allocated.
/// </summary>
internal static class FragmentGrams
{
    /// <summary>Grams of a value of <paramref name="length"/> characters (none for an empty value).</summary>
    public static int Count(int length, StringGrams grams) =>
        length == 0 ? 0 : length + 1 + ((grams & StringGrams.Skipgram) != 0 ? length : 0);

    /// <summary>Gram <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>) of <paramref name="value"/>.</summary>
    public static (char First, char Second) At(string value, int index)
    {
        var bigrams = value.Length + 1;
        return index < bigrams
            ? (Padded(value, index), Padded(value, index + 1))
            : (Padded(value, index - bigrams), Padded(value, index - bigrams + 2));
    }

    // Character i of "_" + value + "_", spaces as "_".
    private static char Padded(string value, int i) =>
        i == 0 || i == value.Length + 1 || value[i - 1] == ' ' ? '_' : value[i - 1];
}
