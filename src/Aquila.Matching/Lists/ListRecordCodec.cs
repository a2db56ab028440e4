using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Aquila.Matching.Index;

namespace Aquila.Matching.Lists;

/// <summary>
/// Byte layouts of a list's log records (all integers big-endian; strings as u16 length + UTF-8):
/// <list type="bullet">
/// <item>definition: "AQLIST1" ‖ project id ‖ u8 contributor count ‖ contributors ‖ u8 key count ‖ per key: key id ‖ u8 band;</item>
/// <item>change: u8 kind ‖ contributor ‖ i64 unix ms ‖ u32 entry count ‖ per entry: 16-byte handle ‖ u8 category ‖
/// i32 review day number ‖ u8 token count ‖ 17 bytes per token (key index, re-keyed token) ‖ u32 removed count ‖ 16 bytes each;</item>
/// <item>query hits: i64 unix ms ‖ querier ‖ case reference ‖ u32 count ‖ per hit: u8 contributor index ‖ 16-byte handle ‖
/// 16-byte hit id ‖ u64 key mask ‖ (since 2026-12-07) u32 evidence length ‖ the signed query's evidence.</item>
/// </list>
/// </summary>
internal static class ListRecordCodec
{
    public const int TokenEntryLength = 1 + TokenRekeyer.TokenSize;

    private static ReadOnlySpan<byte> DefinitionMagic => "AQLIST1"u8;

    public static byte[] EncodeDefinition(ListDefinition definition)
    {
        var writer = new ArrayBufferWriter<byte>(256);
        writer.Write(DefinitionMagic);
        WriteString(writer, definition.ProjectId);
        WriteByte(writer, (byte)definition.Contributors.Count);
        foreach (var contributor in definition.Contributors)
        {
            WriteString(writer, contributor);
        }

        WriteByte(writer, (byte)definition.Keys.Count);
        foreach (var key in definition.Keys)
        {
            WriteString(writer, key.Id);
            WriteByte(writer, BandCodes.ToByte(key.Band));
        }

        return writer.WrittenSpan.ToArray();
    }

    public static byte[] EncodeChange(ListChange change)
    {
        var writer = new ArrayBufferWriter<byte>(1024);
        WriteByte(writer, (byte)change.Kind);
        WriteString(writer, change.Contributor);
        WriteInt64(writer, change.AtUnixMs);
        WriteInt32(writer, change.Entries.Count);
        foreach (var entry in change.Entries)
        {
            WriteHandle(writer, entry.Handle);
            WriteByte(writer, entry.Category);
            WriteInt32(writer, entry.ReviewDay);
            WriteByte(writer, (byte)entry.TokenCount);
            writer.Write(entry.Tokens);
        }

        WriteInt32(writer, change.Removed.Count);
        foreach (var handle in change.Removed)
        {
            WriteHandle(writer, handle);
        }

        return writer.WrittenSpan.ToArray();
    }

    public static ListChange DecodeChange(ReadOnlySpan<byte> payload)
    {
        var reader = new Reader(payload);
        var kind = (ListChangeKind)reader.Byte();
        if (kind is < ListChangeKind.Add or > ListChangeKind.Replace)
        {
            throw new InvalidDataException($"A list change record has unknown kind {(byte)kind}.");
        }

        var contributor = reader.String();
        var at = reader.Int64();
        var entries = new StoredEntry[reader.Count()];
        for (var i = 0; i < entries.Length; i++)
        {
            var handle = reader.Handle();
            var category = reader.Byte();
            var review = reader.Int32();
            var tokens = reader.Bytes(reader.Byte() * TokenEntryLength).ToArray();
            entries[i] = new StoredEntry(handle, category, review, tokens);
        }

        var removed = new UInt128[reader.Count()];
        for (var i = 0; i < removed.Length; i++)
        {
            removed[i] = reader.Handle();
        }

        reader.End();
        return new ListChange(kind, contributor, at, entries, removed);
    }

    public static byte[] EncodeQueryHits(QueryHitsRecord record)
    {
        // Sized for the whole record (the evidence alone is most of it), so the buffer never grows.
        var writer = new ArrayBufferWriter<byte>(64 + 3 * (record.Querier.Length + record.CaseReference.Length)
            + record.Hits.Count * (1 + 20 + HitId.Size + 8) + record.Evidence.Length);
        WriteInt64(writer, record.AtUnixMs);
        WriteString(writer, record.Querier);
        WriteString(writer, record.CaseReference);
        WriteInt32(writer, record.Hits.Count);
        Span<byte> id = stackalloc byte[HitId.Size];
        foreach (var hit in record.Hits)
        {
            WriteByte(writer, hit.Contributor);
            WriteHandle(writer, hit.Handle);
            hit.HitId.WriteTo(id);
            writer.Write(id);
            var span = writer.GetSpan(8);
            BinaryPrimitives.WriteUInt64BigEndian(span, hit.KeyMask);
            writer.Advance(8);
        }

        WriteInt32(writer, record.Evidence.Length);
        writer.Write(record.Evidence.Span);
        return writer.WrittenSpan.ToArray();
    }

    public static QueryHitsRecord DecodeQueryHits(ReadOnlySpan<byte> payload)
    {
        var reader = new Reader(payload);
        var at = reader.Int64();
        var querier = reader.String();
        var caseReference = reader.String();
        var hits = new QueryHitRecord[reader.Count()];
        for (var i = 0; i < hits.Length; i++)
        {
            var contributor = reader.Byte();
            var handle = reader.Handle();
            var hitId = HitId.Read(reader.Bytes(HitId.Size));
            hits[i] = new QueryHitRecord(contributor, handle, hitId, BinaryPrimitives.ReadUInt64BigEndian(reader.Bytes(8)));
        }

        // Records written before the evidence was kept end here.
        var evidence = reader.AtEnd ? [] : reader.Bytes(reader.Count()).ToArray();
        reader.End();
        return new QueryHitsRecord(at, querier, caseReference, hits, evidence);
    }

    public static UInt128 ReadHandle(ReadOnlySpan<byte> handle) => BinaryPrimitives.ReadUInt128BigEndian(handle);

    public static RecordHandle ToRecordHandle(UInt128 handle)
    {
        Span<byte> bytes = stackalloc byte[RecordHandle.Size];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, handle);
        return RecordHandle.Read(bytes);
    }

    private static void WriteByte(ArrayBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    private static void WriteHandle(ArrayBufferWriter<byte> writer, UInt128 handle)
    {
        BinaryPrimitives.WriteUInt128BigEndian(writer.GetSpan(16), handle);
        writer.Advance(16);
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException("A string in a list record is longer than 65535 bytes.", nameof(text));
        }

        var span = writer.GetSpan(2 + length);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)length);
        Encoding.UTF8.GetBytes(text, span[2..]);
        writer.Advance(2 + length);
    }

    private ref struct Reader(ReadOnlySpan<byte> payload)
    {
        private readonly ReadOnlySpan<byte> _payload = payload;
        private int _at;

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (count < 0 || _at + count > _payload.Length)
            {
                throw new InvalidDataException("A list log record is shorter than its fields say.");
            }

            var bytes = _payload.Slice(_at, count);
            _at += count;
            return bytes;
        }

        public byte Byte() => Bytes(1)[0];

        public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Bytes(4));

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Bytes(8));

        public int Count()
        {
            var count = Int32();
            return count < 0 || count > _payload.Length ? throw new InvalidDataException("A list log record has an impossible count.") : count;
        }

        public UInt128 Handle() => BinaryPrimitives.ReadUInt128BigEndian(Bytes(16));

        public string String() => Encoding.UTF8.GetString(Bytes(BinaryPrimitives.ReadUInt16BigEndian(Bytes(2))));

        public readonly bool AtEnd => _at == _payload.Length;

        public readonly void End()
        {
            if (_at != _payload.Length)
            {
                throw new InvalidDataException("A list log record has bytes after its last field.");
            }
        }
    }
}
