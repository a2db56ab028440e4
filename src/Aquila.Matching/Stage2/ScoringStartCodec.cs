using System.Buffers.Binary;
using Aquila.Matching.Scoring;

namespace Aquila.Matching.Stage2;

/// <summary>
/// The payload of the log record that starts stage-2 scoring (type <c>ScoringStarted</c>, written when the project
/// enters Matching): the Fellegi–Sunter model fitted on the project's candidates then, so a replay scores with exactly
/// the same numbers instead of fitting again. Little-endian:
/// <code>
/// 1      u8 format version (1)
/// 1      u8 field count f
/// f      u8 level count of each field
/// 8      f64 prior
/// 8·Σl   f64 m of each field and level, in field order
/// 8·Σl   f64 u of each field and level
/// 8      i64 candidate pairs the model was fitted on (for the log's reader; not used in scoring)
/// </code>
/// Nothing in it describes a record: probabilities of agreement levels only. The WAL encrypts it like every record.
/// </summary>
internal static class ScoringStartCodec
{
    public const byte Version = 1;

    public static byte[] Encode(FellegiSunterModel model, long candidates)
    {
        var levels = 0;
        for (var f = 0; f < ComparisonField.Count; f++)
        {
            levels += ComparisonField.Levels(f);
        }

        var bytes = new byte[2 + ComparisonField.Count + 8 + (16 * levels) + 8];
        var at = 0;
        bytes[at++] = Version;
        bytes[at++] = ComparisonField.Count;
        for (var f = 0; f < ComparisonField.Count; f++)
        {
            bytes[at++] = (byte)ComparisonField.Levels(f);
        }

        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), model.Prior);
        at += 8;
        for (var f = 0; f < ComparisonField.Count; f++)
        {
            for (var l = 0; l < ComparisonField.Levels(f); l++, at += 8)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), model.M(f, l));
            }
        }

        for (var f = 0; f < ComparisonField.Count; f++)
        {
            for (var l = 0; l < ComparisonField.Levels(f); l++, at += 8)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), model.U(f, l));
            }
        }

        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), candidates);
        return bytes;
    }

    /// <exception cref="InvalidDataException">The payload is not a scoring start this version can read.</exception>
    public static FellegiSunterModel Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2 || payload[0] != Version || payload[1] != ComparisonField.Count)
        {
            throw new InvalidDataException("A scoring-start record of the project log has an unknown version or field count.");
        }

        var at = 2;
        var levels = 0;
        for (var f = 0; f < ComparisonField.Count; f++)
        {
            if (payload.Length <= at || payload[at++] != ComparisonField.Levels(f))
            {
                throw new InvalidDataException("A scoring-start record of the project log has other agreement levels than this version.");
            }

            levels += ComparisonField.Levels(f);
        }

        if (payload.Length != at + 8 + (16 * levels) + 8)
        {
            throw new InvalidDataException("A scoring-start record of the project log has a length that does not match its fields.");
        }

        var prior = BinaryPrimitives.ReadDoubleLittleEndian(payload[at..]);
        at += 8;
        var m = Rows(payload, ref at);
        var u = Rows(payload, ref at);
        return FellegiSunterModel.Create(m, u, prior);
    }

    private static double[][] Rows(ReadOnlySpan<byte> payload, ref int at)
    {
        var rows = new double[ComparisonField.Count][];
        for (var f = 0; f < rows.Length; f++)
        {
            rows[f] = new double[ComparisonField.Levels(f)];
            for (var l = 0; l < rows[f].Length; l++, at += 8)
            {
                rows[f][l] = BinaryPrimitives.ReadDoubleLittleEndian(payload[at..]);
            }
        }

        return rows;
    }
}
