using System.Security.Cryptography;
using Aquila.Matching.Storage;
using FsCheck.Xunit;

namespace Aquila.Matching.Tests.Storage;

public sealed class WalRecordCodecProperties
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    private static byte[] Encode(uint salt, byte type, long lsn, byte[] payload)
    {
        using var cipher = new AesGcm(Key, WalRecordCodec.TagLength);
        var record = new byte[WalRecordCodec.RecordLength(payload.Length)];
        WalRecordCodec.Encode(record, cipher, salt, type, lsn, payload);
        return record;
    }

    [Property]
    public bool Encoded_record_decodes_to_the_same_type_lsn_and_payload(uint salt, byte type, long lsn, byte[] payload)
    {
        payload ??= [];
        var record = Encode(salt, type, lsn, payload);

        var status = WalRecordCodec.Check(record, out var length);
        using var cipher = new AesGcm(Key, WalRecordCodec.TagLength);
        var decoded = new byte[payload.Length];
        var decrypted = WalRecordCodec.TryDecrypt(record, cipher, salt, decoded);

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

        return WalRecordCodec.Check(record, out _) != RecordStatus.Valid;
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

        return WalRecordCodec.Check(record.AsSpan(0, keep), out _) == RecordStatus.Incomplete;
    }

    [Fact]
    public void Record_with_a_wrong_salt_fails_authentication()
    {
        var record = Encode(7, 1, 5, [1, 2, 3]);
        using var cipher = new AesGcm(Key, WalRecordCodec.TagLength);

        var decrypted = WalRecordCodec.TryDecrypt(record, cipher, 8, new byte[3]);

        Assert.False(decrypted);
    }
}
