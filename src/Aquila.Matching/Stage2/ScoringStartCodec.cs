using System.Buffers.Binary;
using Aquila.Matching.Scoring;

namespace Aquila.Matching.Stage2;

/// <summary>
/// The payload of the log record that starts stage-2 scoring (type <c>ScoringStarted</c>, written when the project
/// enters Matching): the Fellegi–Sunter model fitted on the project's candidates then, so a replay scores with exactly
/// the same numbers instead of fitting again. Little-endian:
/// <code>
/// 1      u8 format version (2: two classes, no thresholds — read only; 3: two classes; 4: with a related class)
/// 2      u16 factor count k (a factor is one comparison field, or several fields scored jointly)
/// 2·k    u16 cell count of each factor
/// 8      f64 prior (same person)
/// 8·Σc   f64 m of each factor and cell, in factor order
/// 8·Σc   f64 u of each factor and cell
/// — version 4 only:
/// 8      f64 related prior
/// 8·Σc   f64 r of each factor and cell
/// —
/// 8      i64 candidate pairs the model was fitted on (for the log's reader; not used in scoring)
/// 24     f64 strong, probable and possible posterior thresholds chosen with the fit (<see cref="BandThresholds"/>;
///        versions 3 and 4: a version-2 record bands with the schema's thresholds, as it did when it was written)
/// </code>
/// A model without a related class is written as version 3 (its rows normalised again on reading, as version 2's
/// always were); a version-4 model (with a related class) reads back exactly as written.
/// The factors and their cells are those of the project schema's scoring section (<see cref="ComparisonFields"/>); a
/// payload whose shape differs is refused. Nothing in it describes a record: probabilities of agreement levels only.
/// The WAL encrypts it like every record.
/// </summary>
internal static class ScoringStartCodec
{
    public const byte Version = 3;

    // The version before the thresholds were recorded with the fit; logs and snapshots written then are still read.
    private const byte VersionWithoutThresholds = 2;

    /// <summary>The version of a payload whose model has a related class (with thresholds, like <see cref="Version"/>).</summary>
    public const byte RelatedVersion = 4;

    public static byte[] Encode(FellegiSunterModel model, long candidates, BandThresholds thresholds)
    {
        var fields = model.Fields;
        var cells = 0;
        for (var k = 0; k < fields.FactorCount; k++)
        {
            cells += fields.FactorCells(k);
        }

        var related = model.HasRelated ? 8 + (8 * cells) : 0;
        var bytes = new byte[1 + 2 + (2 * fields.FactorCount) + 8 + (16 * cells) + related + 8 + 24];
        var span = bytes.AsSpan();
        var at = 0;
        span[at++] = model.HasRelated ? RelatedVersion : Version;
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)fields.FactorCount);
        at += 2;
        for (var k = 0; k < fields.FactorCount; k++, at += 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)fields.FactorCells(k));
        }

        BinaryPrimitives.WriteDoubleLittleEndian(span[at..], model.Prior);
        at += 8;
        at = WriteRows(span, at, fields, model.FactorM);
        at = WriteRows(span, at, fields, model.FactorU);
        if (model.HasRelated)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[at..], model.RelatedPrior);
            at += 8;
            at = WriteRows(span, at, fields, model.FactorR);
        }

        BinaryPrimitives.WriteInt64LittleEndian(span[at..], candidates);
        at += 8;
        BinaryPrimitives.WriteDoubleLittleEndian(span[at..], thresholds.Strong);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 8)..], thresholds.Probable);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 16)..], thresholds.Possible);
        return bytes;
    }

    /// <summary>
    /// The model and band thresholds of a payload; a version-2 payload (no thresholds) gives <paramref name="schemaThresholds"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The payload is not a scoring start for <paramref name="fields"/>.</exception>
    public static (FellegiSunterModel Model, BandThresholds Thresholds) Decode(ReadOnlySpan<byte> payload, ComparisonFields fields,
        BandThresholds schemaThresholds)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (payload.Length < 3 || (payload[0] != Version && payload[0] != VersionWithoutThresholds && payload[0] != RelatedVersion)
            || BinaryPrimitives.ReadUInt16LittleEndian(payload[1..]) != fields.FactorCount)
        {
            throw new InvalidDataException("A scoring-start record of the project log has an unknown version or factor count.");
        }

        var at = 3;
        var cells = 0;
        for (var k = 0; k < fields.FactorCount; k++, at += 2)
        {
            if (payload.Length < at + 2 || BinaryPrimitives.ReadUInt16LittleEndian(payload[at..]) != fields.FactorCells(k))
            {
                throw new InvalidDataException("A scoring-start record of the project log has other agreement cells than the project schema.");
            }

            cells += fields.FactorCells(k);
        }

        var withThresholds = payload[0] != VersionWithoutThresholds;
        var hasRelated = payload[0] == RelatedVersion;
        if (payload.Length != at + 8 + (16 * cells) + (hasRelated ? 8 + (8 * cells) : 0) + 8 + (withThresholds ? 24 : 0))
        {
            throw new InvalidDataException("A scoring-start record of the project log has a length that does not match its factors.");
        }

        var prior = BinaryPrimitives.ReadDoubleLittleEndian(payload[at..]);
        at += 8;
        var m = ReadRows(payload, ref at, fields);
        var u = ReadRows(payload, ref at, fields);
        FellegiSunterModel model;
        if (hasRelated)
        {
            var relatedPrior = BinaryPrimitives.ReadDoubleLittleEndian(payload[at..]);
            at += 8;
            var r = ReadRows(payload, ref at, fields);
            model = FellegiSunterModel.FromRecord(fields, m, u, prior, r, relatedPrior);
        }
        else
        {
            model = FellegiSunterModel.Create(fields, m, u, prior);
        }

        if (!withThresholds)
        {
            return (model, schemaThresholds);
        }

        at += 8;
        var thresholds = new BandThresholds(
            BinaryPrimitives.ReadDoubleLittleEndian(payload[at..]),
            BinaryPrimitives.ReadDoubleLittleEndian(payload[(at + 8)..]),
            BinaryPrimitives.ReadDoubleLittleEndian(payload[(at + 16)..]));
        if (!(thresholds.Strong >= thresholds.Probable && thresholds.Probable >= thresholds.Possible && thresholds.Possible > 0 && thresholds.Strong < 1))
        {
            throw new InvalidDataException("A scoring-start record of the project log has band thresholds out of order.");
        }

        return (model, thresholds);
    }

    private static int WriteRows(Span<byte> span, int at, ComparisonFields fields, Func<int, int, double> value)
    {
        for (var k = 0; k < fields.FactorCount; k++)
        {
            for (var c = 0; c < fields.FactorCells(k); c++, at += 8)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(span[at..], value(k, c));
            }
        }

        return at;
    }

    private static double[][] ReadRows(ReadOnlySpan<byte> payload, ref int at, ComparisonFields fields)
    {
        var rows = new double[fields.FactorCount][];
        for (var k = 0; k < rows.Length; k++)
        {
            rows[k] = new double[fields.FactorCells(k)];
            for (var c = 0; c < rows[k].Length; c++, at += 8)
            {
                rows[k][c] = BinaryPrimitives.ReadDoubleLittleEndian(payload[at..]);
            }
        }

        return rows;
    }
}
