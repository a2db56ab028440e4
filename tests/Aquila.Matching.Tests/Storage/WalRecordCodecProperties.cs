using System.Security.Cryptography;
using Aquila.Matching.Storage;
using FsCheck.Xunit;

namespace Aquila.Matching.Tests.Storage;

public sealed class WalRecordCodecProperties
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    private const int H = WalRecordCodec.HeaderLengthV2;

    private static byte[] Encode(uint salt, byte type, long lsn, byte[] payload, long durableEnd = 52, int headerLength = H)
    {
        using var cipher = new AesGcm(Key, WalRecordCodec.TagLength);
        var record = new byte[WalRecordCodec.RecordLength(headerLength, payload.Length)];
        WalRecordCodec.Encode(record, headerLength, cipher, salt, type, lsn, durableEnd, payload);
        return record;
    }

    [Property]
    public bool Encoded_record_carries_its_durable_end(uint salt, long lsn, long durableEnd, byte[] payload)
    {
        payload ??= [];
        var record = Encode(salt, 1, lsn, payload, durableEnd);

        return record.Length == 41 + payload.Length && WalRecordCodec.ReadDurableEnd(record) == durableEnd;
    }

    [Property]
    public bool Version_1_record_without_durable_end_decodes_to_the_same_type_lsn_and_payload(uint salt, byte type, long lsn, byte[] payload)
    {
        payload ??= [];
        var record = Encode(salt, type, lsn, payload, headerLength: WalRecordCodec.HeaderLengthV1);

        var status = WalRecordCodec.Check(record, WalRecordCodec.HeaderLengthV1, out var length);
        using var cipher = new AesGcm(Key, WalRecordCodec.TagLength);
        var decoded = new byte[payload.Length];
        var decrypted = WalRecordCodec.TryDecrypt(record, WalRecordCodec.HeaderLengthV1, cipher, salt, decoded);

        return status == RecordStatus.Valid && length == 33 + payload.Length && decrypted
            && WalRecordCodec.ReadType(record) == type && WalRecordCodec.ReadLsn(record) == lsn
            && decoded.AsSpan().SequenceEqual(payload);
    }

    [Fact]
    public void Record_with_an_altered_durable_end_and_a_recomputed_checksum_fails_authentication()
    {
        var record = Encode(7, 1, 5, [1, 2, 3], durableEnd: 100);
        record[13] ^= 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(record.Length - 4), WalRecordCodec.Checksum(record.AsSpan(0, record.Length - 4)));
        using var cipher = new AesGcm(Key, WalRecordCodec.TagLength);

        var decrypted = WalRecordCodec.TryDecrypt(record, H, cipher, 7, new byte[3]);

        Assert.False(decrypted);
    }

    [Property]
    public bool Encoded_record_decodes_to_the_same_type_lsn_and_payload(uint salt, byte type, long lsn, byte[] payload)
    {
        payload ??= [];
        var record = Encode(salt, type, lsn, payload);

        var status = WalRecordCodec.Check(record, H, out var length);
        using var cipher = new AesGcm(Key, WalRecordCodec.TagLength);
        var decoded = new byte[payload.Length];
        var decrypted = WalRecordCodec.TryDecrypt(record, H, cipher, salt, decoded);

        return status == RecordStatus.Valid && length == record.Length && decrypted
            && WalRecordCodec.ReadType(record) == type && WalRecordCodec.ReadLsn(record) == lsn
            && decoded.AsSpan().SequenceEqual(payload);
    }

    [Property]
    public bool Any_single_flipped_byte_is_detected(uint salt, byte type, long lsn, byte[] payload, int position, byte mask)
    {
        payload ??= [];
        var record = Encode(salt, type, lsn, payload);
        var index = (int)((uint)position % (uint)record.Length);
        record[index] ^= mask == 0 ? (byte)1 : mask;

        return WalRecordCodec.Check(record, H, out _) != RecordStatus.Valid;
    }

    [Property]
    public bool Ciphertext_does_not_contain_the_payload_in_clear(uint salt, long lsn)
    {
        var payload = "PETROVIC-CANARY-1980"u8.ToArray();
        var record = Encode(salt, 1, lsn, payload);

        return record.AsSpan().IndexOf(payload) < 0;
    }

    [Property]
    public bool Any_cut_of_a_record_reads_as_incomplete(uint salt, byte[] payload, int cut)
    {
        payload ??= [];
        var record = Encode(salt, 3, 42, payload);
        var keep = (int)((uint)cut % (uint)record.Length);

        return WalRecordCodec.Check(record.AsSpan(0, keep), H, out _) == RecordStatus.Incomplete;
    }

    [Fact]
    public void Record_with_a_wrong_salt_fails_authentication()
    {
        var record = Encode(7, 1, 5, [1, 2, 3]);
        using var cipher = new AesGcm(Key, WalRecordCodec.TagLength);

        var decrypted = WalRecordCodec.TryDecrypt(record, H, cipher, 8, new byte[3]);

        Assert.False(decrypted);
    }
}
