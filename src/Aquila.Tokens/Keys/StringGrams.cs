namespace Aquila.Tokens.Keys;

/// <summary>
/// What a <c>string-bloom</c> field puts into its fragment (a schema field's <c>"grams"</c>, docs/record-types.md). Every
/// gram is an ordered pair of characters of the padded value, enciphered the same way whatever its kind, so a skip-gram
/// of one spelling meets a bigram of another: two transposed letters keep more grams in common.
/// </summary>
[Flags]
public enum StringGrams
{
    /// <summary>Adjacent characters (c_i, c_i+1) of <c>"_" + value + "_"</c>; always present.</summary>
    Bigram = 1,

    /// <summary>Characters one apart (c_i, c_i+2) of <c>"_" + value + "_"</c>.</summary>
    Skipgram = 2,
}
