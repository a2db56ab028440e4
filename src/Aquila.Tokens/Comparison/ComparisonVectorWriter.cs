using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Aquila.Tokens.Dates;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// Writes a record's comparison vector under one block salt in a schema's <see cref="VectorLayout"/>: every bigram of
/// a string field and every exact value is enciphered with AES-128 under the salt, so equal values give equal bits
/// within one block and unrelated bits across blocks. A bigram sets two bits of its field's 128-bit fragment.
/// Not thread-safe.
/// </summary>
/// <remarks>
/// AES input blocks (docs/token-spec.md §7): a bigram is <c>01 ‖ g ‖ c1 ‖ c2 ‖ 0…</c> (c1, c2 UTF-16 big-endian; g = 0 for
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

    private readonly Aes _aes = Aes.Create();
    private byte[] _input = new byte[64 * 16];
    private byte[] _output = new byte[64 * 16];
    private int[] _target = new int[64];

    /// <summary>Writes the vector of <paramref name="features"/> in <paramref name="layout"/> under <paramref name="salt"/> into <paramref name="vector"/>.</summary>
    public void Write(ComparisonFeatures features, VectorLayout layout, ReadOnlySpan<byte> salt, Span<byte> vector)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(layout);
        vector[..layout.Length].Clear();
        var blocks = 0;
        for (var f = 0; f < layout.Fields.Count; f++)
        {
            if (layout.Fields[f].Kind == ScoringFieldKind.StringBloom)
            {
                var group = layout.Swappable is { } s && (s.First == f || s.Second == f) ? (byte)0 : (byte)(f + 1);
                blocks = AddBigrams(features.Value(layout.Fields[f].Source), group, layout.Offset(f), blocks);
            }
        }

        var stringBlocks = blocks;
        for (var f = 0; f < layout.Fields.Count; f++)
        {
            var field = (byte)(f + 1);
            switch (layout.Fields[f].Kind)
            {
                case ScoringFieldKind.Date:
                    var dob = features.DateOfBirth;
                    if (dob.Precision == DatePrecision.Full)
                    {
                        blocks = AddTag(field, DateSort, Date(dob), layout.TagIndex(f, VectorLayout.DateFull), blocks);
                        if (dob.TrySwapDayMonth(out var swapped))
                        {
                            blocks = AddTag(field, DateSort, Date(swapped), layout.TagIndex(f, VectorLayout.DateSwapped), blocks);
                        }

                        blocks = AddTag(field, MonthDaySort, $"{dob.Month:D2}{dob.Day:D2}", layout.TagIndex(f, VectorLayout.DateMonthDay), blocks);
                    }

                    if (dob.Precision != DatePrecision.None)
                    {
                        blocks = AddTag(field, YearSort, $"{dob.Year:D4}", layout.TagIndex(f, VectorLayout.DateYear), blocks);
                        blocks = AddTag(field, YearSort, $"{dob.Year + 1:D4}", layout.TagIndex(f, VectorLayout.DateNextYear), blocks);
                    }

                    break;
                case ScoringFieldKind.Exact:
                    blocks = AddTag(field, ExactSort, features.Value(layout.Fields[f].Source), layout.TagIndex(f, 0), blocks);
                    break;
                default:
                    break;
            }
        }

        if (blocks > 0)
        {
            _aes.SetKey(salt[..Stage2Keys.Length]);
            _aes.EncryptEcb(_input.AsSpan(0, blocks * 16), _output.AsSpan(0, blocks * 16), PaddingMode.None);
        }

        for (var b = 0; b < stringBlocks; b++)
        {
            var fragment = vector.Slice(_target[b], VectorLayout.FragmentLength);
            var cipher = _output.AsSpan(b * 16, 16);
            for (var k = 0; k < BitsPerBigram; k++)
            {
                var bit = cipher[k] & 127;
                fragment[bit >> 3] |= (byte)(1 << (bit & 7));
            }
        }

        for (var b = stringBlocks; b < blocks; b++)
        {
            var tag = _target[b];
            var (field, index) = layout.FieldOfTag(tag);
            _output.AsSpan(b * 16, VectorLayout.TagLength).CopyTo(vector.Slice(layout.Offset(field) + (index * VectorLayout.TagLength), VectorLayout.TagLength));
            layout.SetPresent(vector, tag);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _aes.Dispose();

    private static string Date(PartialDate date) => $"{date.Year:D4}{date.Month:D2}{date.Day:D2}";

    // Every bigram of "_" + value + "_" (spaces as "_"), repeats included (they set the same bits).
    private int AddBigrams(string value, byte group, int offset, int blocks)
    {
        if (value.Length == 0)
        {
            return blocks;
        }

        var padded = "_" + value.Replace(' ', '_') + "_";
        for (var i = 0; i + 1 < padded.Length; i++)
        {
            var input = Block(blocks);
            _target[blocks++] = offset;
            input[0] = BigramDomain;
            input[1] = group;
            BinaryPrimitives.WriteUInt16BigEndian(input[2..], padded[i]);
            BinaryPrimitives.WriteUInt16BigEndian(input[4..], padded[i + 1]);
        }

        return blocks;
    }

    private int AddTag(byte field, byte sort, string value, int tag, int blocks)
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
        SHA256.HashData(Encoding.UTF8.GetBytes(value), digest);
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
