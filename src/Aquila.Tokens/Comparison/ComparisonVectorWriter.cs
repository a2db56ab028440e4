using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Aquila.Tokens.Dates;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// Writes a record's comparison vector under one block salt (<see cref="ComparisonVector"/>): every bigram of a string
/// field and every exact value is enciphered with AES-128 under the salt, so equal values give equal bits within one
/// block and unrelated bits across blocks. A bigram sets two bits of its field's 128-bit fragment. Not thread-safe.
/// </summary>
public sealed class ComparisonVectorWriter : IDisposable
{
    private const byte BigramDomain = 1;
    private const byte TagDomain = 2;
    private const int BitsPerBigram = 2;

    // Field bytes of the tag inputs: a date and its swapped form share one, as do a year and the next year, so they
    // compare with each other.
    private const byte DobField = 1, YearField = 2, MonthDayField = 3, SexField = 4, NationalIdField = 5, DocumentField = 6;

    private readonly Aes _aes = Aes.Create();
    private byte[] _input = new byte[64 * 16];
    private byte[] _output = new byte[64 * 16];
    private int[] _fragmentOf = new int[64];

    /// <summary>Writes the vector of <paramref name="features"/> under <paramref name="salt"/> into <paramref name="vector"/>.</summary>
    public void Write(ComparisonFeatures features, ReadOnlySpan<byte> salt, Span<byte> vector)
    {
        ArgumentNullException.ThrowIfNull(features);
        vector[..ComparisonVector.Length].Clear();
        var blocks = 0;
        blocks = AddBigrams(features.Given, ComparisonVector.Given, blocks);
        blocks = AddBigrams(features.Family, ComparisonVector.Family, blocks);
        blocks = AddBigrams(features.Father, ComparisonVector.Father, blocks);
        blocks = AddBigrams(features.Place, ComparisonVector.Place, blocks);
        var stringBlocks = blocks;

        Span<int> tagSlot = stackalloc int[ComparisonVector.TagCount];
        var presence = 0;
        var dob = features.DateOfBirth;
        if (dob.Precision == DatePrecision.Full)
        {
            blocks = AddTag(DobField, Date(dob), ComparisonVector.Dob, blocks, tagSlot, ref presence);
            if (dob.TrySwapDayMonth(out var swapped))
            {
                blocks = AddTag(DobField, Date(swapped), ComparisonVector.DobSwapped, blocks, tagSlot, ref presence);
            }

            blocks = AddTag(MonthDayField, $"{dob.Month:D2}{dob.Day:D2}", ComparisonVector.MonthDay, blocks, tagSlot, ref presence);
        }

        if (dob.Precision != DatePrecision.None)
        {
            blocks = AddTag(YearField, $"{dob.Year:D4}", ComparisonVector.Year, blocks, tagSlot, ref presence);
            blocks = AddTag(YearField, $"{dob.Year + 1:D4}", ComparisonVector.NextYear, blocks, tagSlot, ref presence);
        }

        blocks = AddTag(SexField, features.Sex, ComparisonVector.Sex, blocks, tagSlot, ref presence);
        blocks = AddTag(NationalIdField, features.NationalId, ComparisonVector.NationalId, blocks, tagSlot, ref presence);
        blocks = AddTag(DocumentField, features.Document, ComparisonVector.Document, blocks, tagSlot, ref presence);

        if (blocks > 0)
        {
            _aes.SetKey(salt[..Stage2Keys.Length]);
            _aes.EncryptEcb(_input.AsSpan(0, blocks * 16), _output.AsSpan(0, blocks * 16), PaddingMode.None);
        }

        for (var b = 0; b < stringBlocks; b++)
        {
            var fragment = vector.Slice(_fragmentOf[b] * ComparisonVector.FragmentLength, ComparisonVector.FragmentLength);
            var cipher = _output.AsSpan(b * 16, 16);
            for (var k = 0; k < BitsPerBigram; k++)
            {
                var bit = cipher[k] & 127;
                fragment[bit >> 3] |= (byte)(1 << (bit & 7));
            }
        }

        for (var t = 0; t < ComparisonVector.TagCount; t++)
        {
            if ((presence & (1 << t)) != 0)
            {
                _output.AsSpan(tagSlot[t] * 16, ComparisonVector.TagLength)
                    .CopyTo(vector.Slice(ComparisonVector.TagsOffset + (t * ComparisonVector.TagLength), ComparisonVector.TagLength));
            }
        }

        BinaryPrimitives.WriteUInt16BigEndian(vector[ComparisonVector.PresenceOffset..], (ushort)presence);
    }

    /// <inheritdoc />
    public void Dispose() => _aes.Dispose();

    private static string Date(PartialDate date) => $"{date.Year:D4}{date.Month:D2}{date.Day:D2}";

    // Every bigram of "_" + value + "_" (spaces as "_"), repeats included (they set the same bits).
    private int AddBigrams(string value, int field, int blocks)
    {
        if (value.Length == 0)
        {
            return blocks;
        }

        var padded = "_" + value.Replace(' ', '_') + "_";
        for (var i = 0; i + 1 < padded.Length; i++)
        {
            var input = Block(blocks++);
            input[0] = BigramDomain;
            // Given and family bigrams are enciphered alike, so a swapped given and family name compare crosswise.
            input[1] = (byte)(field <= ComparisonVector.Family ? 0 : field);
            _fragmentOf[blocks - 1] = field;
            BinaryPrimitives.WriteUInt16BigEndian(input[2..], padded[i]);
            BinaryPrimitives.WriteUInt16BigEndian(input[4..], padded[i + 1]);
        }

        return blocks;
    }

    private int AddTag(byte field, string value, int tag, int blocks, Span<int> tagSlot, ref int presence)
    {
        if (value.Length == 0)
        {
            return blocks;
        }

        var input = Block(blocks);
        input[0] = TagDomain;
        input[1] = field;
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), digest);
        digest[..14].CopyTo(input[2..]);
        tagSlot[tag] = blocks;
        presence |= 1 << tag;
        return blocks + 1;
    }

    private Span<byte> Block(int index)
    {
        if ((index + 1) * 16 > _input.Length)
        {
            Array.Resize(ref _input, _input.Length * 2);
            Array.Resize(ref _output, _output.Length * 2);
            Array.Resize(ref _fragmentOf, _fragmentOf.Length * 2);
        }

        var block = _input.AsSpan(index * 16, 16);
        block.Clear();
        return block;
    }
}
