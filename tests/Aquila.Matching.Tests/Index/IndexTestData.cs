using Aquila.Matching.Index;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Tests.Index;

/// <summary>Deterministic tokens, handles and a small schema for index tests.</summary>
internal static class IndexTestData
{
    public const string ProjectId = "proj-2026-aquila-test";

    public static readonly string[] PartyCodes = ["RS", "BA", "ME", "MK"];

    public static readonly HitKey[] Keys =
    [
        new("nid", MatchBand.Strong),
        new("name+dob", MatchBand.Probable),
        new("skeleton+dob", MatchBand.Possible),
        new("given+father+dob", MatchBand.Probable),
    ];

    /// <summary>A token that is the same for the same value, whatever the key index.</summary>
    public static byte[] Token(int value)
    {
        var token = new byte[16];
        BitConverter.TryWriteBytes(token, value);
        token[15] = 0xA5;
        return token;
    }

    public static byte[] Handle(int party, int id)
    {
        var handle = new byte[16];
        BitConverter.TryWriteBytes(handle, id);
        handle[8] = (byte)party;
        handle[15] = 0x5A;
        return handle;
    }

    public static HitDetector Detector(int maxFanout = 5, int initialTokenCapacity = 1024) => new(new HitDetectorOptions
    {
        ProjectId = ProjectId,
        PartyCodes = PartyCodes,
        Keys = Keys,
        MaxFanout = maxFanout,
        InitialTokenCapacity = initialTokenCapacity,
    });

    /// <summary>A batch of records given as (handle id, [(key index, token value)]).</summary>
    public static TokenBatch Batch(int party, params (int Handle, (int Key, int Token)[] Tokens)[] records)
    {
        var batch = new TokenBatch();
        foreach (var (handle, tokens) in records)
        {
            batch.AddRecord(Handle(party, handle));
            foreach (var (key, token) in tokens)
            {
                batch.AddToken((byte)key, Token(token));
            }
        }

        return batch;
    }

    /// <summary>One record holding one token.</summary>
    public static (int, (int, int)[]) Record(int handle, int key, int token) => (handle, [(key, token)]);
}
