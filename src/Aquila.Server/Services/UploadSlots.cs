using Aquila.Server.Options;

namespace Aquila.Server.Services;

/// <summary>
/// Caps the batch uploads in progress, per party and overall, so one certificate cannot tie up the server's disk,
/// memory and connections with unfinished uploads. A slot is held from the start of an upload until its batch is
/// applied or refused.
/// </summary>
internal sealed class UploadSlots(UploadOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perParty = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>Uploads in progress now (for tests and metrics).</summary>
    public int InProgress
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>A slot for an upload of <paramref name="party"/>, or null with the reason it is refused.</summary>
    public Slot? TryTake(string party, out string? refusal)
    {
        lock (_gate)
        {
            _perParty.TryGetValue(party, out var mine);
            if (mine >= options.MaxConcurrentPerParty)
            {
                refusal = $"party {party} already has {mine} uploads in progress, the most this server takes at once from one party; "
                    + "wait for one to finish (or for an abandoned one to time out) and send again";
                return null;
            }

            if (_total >= options.MaxConcurrent)
            {
                refusal = $"the server already receives {_total} uploads, the most it takes at once; send again shortly";
                return null;
            }

            _perParty[party] = mine + 1;
            _total++;
        }

        refusal = null;
        return new Slot(this, party);
    }

    private void Give(string party)
    {
        lock (_gate)
        {
            var left = _perParty[party] - 1;
            if (left == 0)
            {
                _perParty.Remove(party);
            }
            else
            {
                _perParty[party] = left;
            }

            _total--;
        }
    }

    /// <summary>One upload's place; given back once on dispose.</summary>
    public sealed class Slot(UploadSlots owner, string party) : IDisposable
    {
        private int _given;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _given, 1) == 0)
            {
                owner.Give(party);
            }
        }
    }
}
