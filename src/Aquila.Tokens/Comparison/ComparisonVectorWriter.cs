using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Aquila.Tokens.Dates;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// Writes a record's comparison vector under one block salt in a schema's <see cref="VectorLayout"/>: every gram of
/// a string field and every exact value is enciphered with AES-128 under the salt, so equal values give equal bits
/// within one block and unrelated bits across blocks. A gram (a bigram, or a skip-gram when the field's <c>"grams"</c>
/// has them; <see cref="FragmentGrams"/>) sets two bits of its field's 128-bit fragment.
/// The cipher inputs depend on the record only, so a record's blocks share one <see cref="Prepare"/> and each block
/// value costs one <see cref="WriteUnder"/> (one key schedule and the enciphering). Not thread-safe.
/// </summary>
/// <remarks>
/// AES input blocks (docs/token-spec.md §7): a gram is <c>01 ‖ g ‖ c1 ‖ c2 ‖ 0…</c> (c1, c2 UTF-16 big-endian; g = 0 for
/// the two swappable fields, so a swapped given and family name compare crosswise, else the field's index + 1); a tag is
/// <c>02 ‖ field index + 1 ‖ sort ‖ SHA-256(UTF-8 value)[0..13]</c> with sort 0 for a full date and its swapped form
/// (so they compare with each other), 1 for a year and the next year, 2 for month-day, 3 for an exact value; the tag
/// is the first 4 bytes of the cipher block.
/// </remarks>
public sealed class ComparisonVectorWriter : IDisposable
{
    private const byte BigramDomain = 1;
    private const byte TagDomain = 2;
    private const int BitsPerBigram = 2;
    private const byte DateSort = 0, YearSort = 1, MonthDaySort = 2, ExactSort = 3;

    private readonly SaltCipher _cipher = new();
    private VectorLayout? _prepared;
    private int _blocks, _stringBlocks;
    private byte[] _input = new byte[64 * 16];
    private byte[] _output = new byte[64 * 16];
    private int[] _target = new int[64];

    /// <summary>Writes the vector of <paramref name="features"/> in <paramref name="layout"/> under <paramref name="salt"/> into <paramref name="vector"/>.</summary>
    public void Write(ComparisonFeatures features, VectorLayout layout, ReadOnlySpan<byte> salt, Span<byte> vector)
    {
        Prepare(features, layout);
        WriteUnder(salt, vector);
    }

    /// <summary>
    /// Builds the cipher inputs of <paramref name="features"/> in <paramref name="layout"/>: every vector of the record
    /// written by <see cref="WriteUnder"/> until the next call uses them.
    /// </summary>
    public void Prepare(ComparisonFeatures features, VectorLayout layout)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(layout);
        _prepared = layout;
        var blocks = 0;
        for (var f = 0; f < layout.Fields.Count; f++)
        {
            if (layout.Fields[f].Kind == ScoringFieldKind.StringBloom)
            {
                var group = layout.Swappable is { } s && (s.First == f || s.Second == f) ? (byte)0 : (byte)(f + 1);
                blocks = AddGrams(features.Value(layout.Fields[f].Source), layout.Fields[f].Grams, group, layout.Offset(f), blocks);
            }
        }

        _stringBlocks = blocks;
        Span<char> text = stackalloc char[8];
        for (var f = 0; f < layout.Fields.Count; f++)
        {
            var field = (byte)(f + 1);
            switch (layout.Fields[f].Kind)
            {
                case ScoringFieldKind.Date:
                    var dob = features.Date;
                    if (dob.Precision == DatePrecision.Full)
                    {
                        blocks = AddTag(field, DateSort, Date(dob, text), layout.TagIndex(f, VectorLayout.DateFull), blocks);
                        if (dob.TrySwapDayMonth(out var swapped))
                        {
                            blocks = AddTag(field, DateSort, Date(swapped, text), layout.TagIndex(f, VectorLayout.DateSwapped), blocks);
                        }

                        Digits(dob.Month, 2, text, 0);
                        blocks = AddTag(field, MonthDaySort, text[..Digits(dob.Day, 2, text, 2)], layout.TagIndex(f, VectorLayout.DateMonthDay), blocks);
                    }

                    if (dob.Precision != DatePrecision.None)
                    {
                        blocks = AddTag(field, YearSort, text[..Digits(dob.Year, 4, text, 0)], layout.TagIndex(f, VectorLayout.DateYear), blocks);
                        blocks = AddTag(field, YearSort, text[..Digits(dob.Year + 1, 4, text, 0)], layout.TagIndex(f, VectorLayout.DateNextYear), blocks);
                    }

                    break;
                case ScoringFieldKind.Exact:
                    blocks = AddTag(field, ExactSort, features.Value(layout.Fields[f].Source), layout.TagIndex(f, 0), blocks);
                    break;
                default:
                    break;
            }
        }

        _blocks = blocks;
    }

    /// <summary>Writes the vector of the record last <see cref="Prepare"/>d under <paramref name="salt"/> into <paramref name="vector"/>.</summary>
    public void WriteUnder(ReadOnlySpan<byte> salt, Span<byte> vector)
    {
        var layout = _prepared ?? throw new InvalidOperationException("No record prepared.");
        vector[..layout.Length].Clear();
        var blocks = _blocks;
        if (blocks > 0)
        {
            _cipher.EncryptEcb(salt[..Stage2Keys.Length], _input.AsSpan(0, blocks * 16), _output.AsSpan(0, blocks * 16));
        }

        for (var b = 0; b < _stringBlocks; b++)
        {
            var fragment = vector.Slice(_target[b], VectorLayout.FragmentLength);
            var cipher = _output.AsSpan(b * 16, 16);
            for (var k = 0; k < BitsPerBigram; k++)
            {
                var bit = cipher[k] & 127;
                fragment[bit >> 3] |= (byte)(1 << (bit & 7));
            }
        }

        for (var b = _stringBlocks; b < blocks; b++)
        {
            var tag = _target[b];
            var (field, index) = layout.FieldOfTag(tag);
            _output.AsSpan(b * 16, VectorLayout.TagLength).CopyTo(vector.Slice(layout.Offset(field) + (index * VectorLayout.TagLength), VectorLayout.TagLength));
            layout.SetPresent(vector, tag);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _cipher.Dispose();

    // yyyyMMdd into text.
    private static ReadOnlySpan<char> Date(PartialDate date, Span<char> text)
    {
        Digits(date.Year, 4, text, 0);
        Digits(date.Month, 2, text, 4);
        Digits(date.Day, 2, text, 6);
        return text[..8];
    }

    // value as exactly width decimal digits (zero-padded, as the D format) at text[at..]; returns at + width.
    private static int Digits(int value, int width, Span<char> text, int at)
    {
        for (var i = at + width - 1; i >= at; i--)
        {
            text[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        return at + width;
    }

    // Every gram of the value (FragmentGrams: bigrams, then skip-grams if the field has them), repeats included (they set
    // the same bits). A skip-gram is enciphered exactly as a bigram of the same two characters.
    private int AddGrams(string value, StringGrams grams, byte group, int offset, int blocks)
    {
        var count = FragmentGrams.Count(value.Length, grams);
        for (var i = 0; i < count; i++)
        {
            var (first, second) = FragmentGrams.At(value, i);
            var input = Block(blocks);
            _target[blocks++] = offset;
            input[0] = BigramDomain;
            input[1] = group;
            BinaryPrimitives.WriteUInt16BigEndian(input[2..], first);
            BinaryPrimitives.WriteUInt16BigEndian(input[4..], second);
        }

        return blocks;
    }

    private int AddTag(byte field, byte sort, ReadOnlySpan<char> value, int tag, int blocks)
    {
        if (value.Length == 0)
        {
            return blocks;
        }

        var input = Block(blocks);
        _target[blocks] = tag;
        input[0] = TagDomain;
        input[1] = field;
        input[2] = sort;
        Span<byte> digest = stackalloc byte[32];
        var utf8 = Encoding.UTF8.GetMaxByteCount(value.Length) <= 256 ? stackalloc byte[256] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(value, utf8)], digest);
        digest[..13].CopyTo(input[3..]);
        return blocks + 1;
    }

    private Span<byte> Block(int index)
    {
        if ((index + 1) * 16 > _input.Length)
        {
            Array.Resize(ref _input, _input.Length * 2);
            Array.Resize(ref _output, _output.Length * 2);
            Array.Resize(ref _target, _target.Length * 2);
        }

        var block = _input.AsSpan(index * 16, 16);
        block.Clear();
        return block;
    }
}
