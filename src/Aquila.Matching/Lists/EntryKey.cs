namespace Aquila.Matching.Lists;

/// <summary>An entry's identity: the contributor's index and the entry's handle.</summary>
/// <remarks>
/// The handle is kept as two <see cref="ulong"/>s: a <see cref="UInt128"/> field is 16-byte aligned and would pad the key
/// from 24 to 32 bytes, in every dictionary slot and posting of a list of millions.
/// </remarks>
internal readonly record struct EntryKey
{
    private readonly ulong _handleHigh;
    private readonly ulong _handleLow;

    public EntryKey(int contributor, UInt128 handle)
    {
        Contributor = contributor;
        _handleHigh = (ulong)(handle >> 64);
        _handleLow = (ulong)handle;
    }

    public int Contributor { get; }

    public UInt128 Handle => new(_handleHigh, _handleLow);
}
