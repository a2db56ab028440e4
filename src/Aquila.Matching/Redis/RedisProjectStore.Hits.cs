using System.Buffers.Binary;
using System.Globalization;
using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using StackExchange.Redis;

namespace Aquila.Matching.Redis;

// Reading a party's hit stream (the WatchHits side).
public sealed partial class RedisProjectStore
{
    /// <inheritdoc/>
    public async ValueTask<long> LastHitSequenceAsync(string party, CancellationToken ct = default)
    {
        var number = RequireParty(party);
        try
        {
            return await _db.StreamLengthAsync(_keys.Hits(number)).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            throw Unavailable(_logger, e, "reading hits", Definition.ProjectId);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<PartyHitEvent>> ReadHitsAsync(string party, long afterSequence, int max, CancellationToken ct = default)
    {
        var number = RequireParty(party);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var after = Math.Max(0, afterSequence);
        StreamEntry[] entries;
        try
        {
            // Entry ids are 0-<sequence>; "(" makes the start exclusive.
            entries = await _db.StreamRangeAsync(_keys.Hits(number), "(0-" + after.ToString(CultureInfo.InvariantCulture), "+",
                max == int.MaxValue ? null : max).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            throw Unavailable(_logger, e, "reading hits", Definition.ProjectId);
        }

        var result = new PartyHitEvent[entries.Length];
        Span<byte> handle = stackalloc byte[RecordHandle.Size];
        for (var i = 0; i < entries.Length; i++)
        {
            result[i] = ToEvent(number, entries[i], handle);
        }

        return result;
    }

    /// <inheritdoc/>
    /// <remarks>Entries appended by this instance wake the waiter at once; entries of other instances are seen within
    /// <see cref="RedisProjectStoreOptions.HitPollInterval"/>.</remarks>
    public async Task WaitForHitsAsync(string party, long afterSequence, CancellationToken ct = default)
    {
        var number = RequireParty(party);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _closed.Token);
        while (true)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var next = _signals[number].Next;
            if (await LastHitSequenceAsync(party, ct).ConfigureAwait(false) > afterSequence)
            {
                return;
            }

            try
            {
                await Task.WhenAny(next, Task.Delay(_options.HitPollInterval, _options.TimeProvider, linked.Token)).ConfigureAwait(false);
                linked.Token.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(RedisProjectStore), $"The store of project {Definition.ProjectId} was closed.");
            }
        }
    }

    private PartyHitEvent ToEvent(int party, StreamEntry entry, Span<byte> handle)
    {
        var id = entry.Id.ToString();
        var sequence = long.Parse(id.AsSpan(id.IndexOf('-') + 1), CultureInfo.InvariantCulture);
        byte[]? hitId = null, sealedHandle = null, other = null, mask = null;
        var kind = HitChangeKind.New;
        foreach (var field in entry.Values)
        {
            switch ((string?)field.Name)
            {
                case "i": hitId = field.Value; break;
                case "h": sealedHandle = field.Value; break;
                case "o": other = field.Value; break;
                case "m": mask = field.Value; break;
                case "k": kind = field.Value == "u" ? HitChangeKind.Updated : HitChangeKind.New; break;
            }
        }

        if (hitId is null || sealedHandle is null || other is not [var otherParty] || mask is not { Length: 8 } || otherParty >= Definition.Parties.Count)
        {
            throw new InvalidDataException($"Entry {sequence} of a hit stream of project {Definition.ProjectId} in Redis is damaged.");
        }

        _cipher.Open(sealedHandle, party, handle);
        var keyMask = BinaryPrimitives.ReadUInt64LittleEndian(mask);
        var view = new PartyHitView(HitId.Read(hitId), RecordHandle.Read(handle), Definition.Parties[otherParty], _schema.BestBand(keyMask), _schema.KeyIds(keyMask));
        return new PartyHitEvent(sequence, kind, view);
    }
}
