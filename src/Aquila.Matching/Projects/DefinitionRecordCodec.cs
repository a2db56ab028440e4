using System.Text;
using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

/// <summary>
/// Encodes the project definition as the first record of its log (type <see cref="ProjectRecordType.Definition"/>), so
/// that opening the log with another roster or schema fails instead of replaying into different hits. Little-endian:
/// <code>
/// u8 format version (1)
/// u16 project id length, UTF-8 project id
/// u8 party count, then per party: u8 code length, UTF-8 code
/// 32 bytes schema hash
/// u8 key count, then per key: u16 id length, UTF-8 id, u8 band
/// i32 max fanout
/// </code>
/// </summary>
internal static class DefinitionRecordCodec
{
    public const byte Version = 1;

    public static byte[] Encode(ProjectDefinition definition)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            WriteString(writer, definition.ProjectId, ushort.MaxValue);
            writer.Write(checked((byte)definition.Parties.Count));
            foreach (var party in definition.Parties)
            {
                WriteString(writer, party, byte.MaxValue);
            }

            writer.Write(definition.SchemaHash.Span);
            writer.Write(checked((byte)definition.Keys.Count));
            foreach (var key in definition.Keys)
            {
                WriteString(writer, key.Id, ushort.MaxValue);
                writer.Write(BandCodes.ToByte(key.Band));
            }

            writer.Write(definition.MaxFanout);
        }

        return stream.ToArray();
    }

    /// <summary>Throws <see cref="ProjectDefinitionMismatchException"/> naming the first field that differs.</summary>
    public static void VerifySame(ReadOnlyMemory<byte> payload, ProjectDefinition expected)
    {
        using var reader = new BinaryReader(new MemoryStream(payload.ToArray()), Encoding.UTF8);
        try
        {
            if (reader.ReadByte() != Version)
            {
                throw new InvalidDataException("The project log starts with a definition of an unknown format version.");
            }

            Check(ReadString(reader, wide: true) == expected.ProjectId, expected, "project id");
            var parties = reader.ReadByte();
            var sameRoster = parties == expected.Parties.Count;
            for (var i = 0; i < parties; i++)
            {
                sameRoster &= i < expected.Parties.Count && ReadString(reader, wide: false) == expected.Parties[i];
            }

            Check(sameRoster, expected, "roster (party codes and their order)");
            Check(reader.ReadBytes(ProjectDefinition.SchemaHashSize).AsSpan().SequenceEqual(expected.SchemaHash.Span), expected, "match-key schema hash");
            var keys = reader.ReadByte();
            var sameKeys = keys == expected.Keys.Count;
            for (var i = 0; i < keys; i++)
            {
                var id = ReadString(reader, wide: true);
                var band = reader.ReadByte();
                sameKeys &= i < expected.Keys.Count && id == expected.Keys[i].Id && band == BandCodes.ToByte(expected.Keys[i].Band);
            }

            Check(sameKeys, expected, "list of match keys (ids, bands and order)");
            Check(reader.ReadInt32() == expected.MaxFanout, expected, "max fanout");
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("The project log starts with a truncated definition record.");
        }
    }

    private static void Check(bool same, ProjectDefinition expected, string field)
    {
        if (!same)
        {
            throw new ProjectDefinitionMismatchException(expected.ProjectId, field);
        }
    }

    private static void WriteString(BinaryWriter writer, string value, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > maxBytes)
        {
            throw new ArgumentException($"A project definition string is longer than {maxBytes} UTF-8 bytes.");
        }

        if (maxBytes > byte.MaxValue)
        {
            writer.Write((ushort)bytes.Length);
        }
        else
        {
            writer.Write((byte)bytes.Length);
        }

        writer.Write(bytes);
    }

    private static string ReadString(BinaryReader reader, bool wide)
    {
        int length = wide ? reader.ReadUInt16() : reader.ReadByte();
        var bytes = reader.ReadBytes(length);
        if (bytes.Length != length)
        {
            throw new EndOfStreamException();
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
