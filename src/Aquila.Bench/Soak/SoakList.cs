using System.Diagnostics;
using Aquila.Coordination.Projects;
using Aquila.Node.Lists;
using Aquila.Protocol.V1;
using Aquila.Tokens.Keys;

namespace Aquila.Bench.Soak;

/// <summary>
/// The list part of a soak run: one joint list for the whole run (the first three parties contribute, reciprocity),
/// each contributor adding entries every second and removing its oldest ones now and then, and querying it at a paced
/// rate with signed queries — a share for persons another contributor listed (hits), the rest for unlisted ones.
/// </summary>
internal sealed class SoakList
{
    public const string Id = "soak-list";
    private const int RemoveEvery = 30;
    private const long PartyStride = 1_000_000_000_000;
    private readonly SoakContext _context;
    private readonly string[] _contributors;
    private readonly long[] _added;
    private readonly long[] _removed;
    private readonly List<Task> _tasks = [];
    private readonly CancellationTokenSource _stop = new();

    private SoakList(SoakContext context, string[] contributors)
    {
        _context = context;
        _contributors = contributors;
        _added = new long[contributors.Length];
        _removed = new long[contributors.Length];
    }

    /// <summary>Creates the list, runs the contributors' key ceremony and opens it.</summary>
    public static async Task<SoakList> OpenAsync(SoakContext context, CancellationToken cancellationToken)
    {
        var contributors = context.Parties[..Math.Min(3, context.Parties.Length)];
        var parties = new (string, Node.NodeIdentity, Grpc.Net.Client.GrpcChannel)[contributors.Length];
        for (var p = 0; p < contributors.Length; p++)
        {
            parties[p] = (contributors[p], context.Identities[contributors[p]], context.ChannelOf(contributors[p]));
        }

        await SyntheticList.OpenAsync(context.CoordinatorClient(), Id,
            new ListPolicy { Contributors = [.. contributors], Access = ListAccess.Reciprocity, QuotaTokensPerDay = 100_000_000 },
            parties, cancellationToken);
        return new SoakList(context, contributors);
    }

    /// <summary>Starts every contributor's entry changes and queries.</summary>
    public void Start()
    {
        for (var p = 0; p < _contributors.Length; p++)
        {
            var index = p;
            _tasks.Add(Task.Run(() => MaintainAsync(index, _stop.Token), CancellationToken.None));
            _tasks.Add(Task.Run(() => QueryAsync(index, _stop.Token), CancellationToken.None));
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_tasks);
    }

    private ListClient ClientOf(int index) =>
        new(new Protocol.V1.Lists.ListsClient(_context.ChannelOf(_contributors[index])), _context.Identities[_contributors[index]]);

    private async Task MaintainAsync(int index, CancellationToken stop)
    {
        var client = ClientOf(index);
        var perSecond = _context.Options.ListEntriesPerSecond;
        var second = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await tick.WaitForNextTickAsync(stop))
            {
                second++;
                try
                {
                    var first = Volatile.Read(ref _added[index]);
                    var entries = new List<ListEntry>(perSecond);
                    for (var i = 0; i < perSecond; i++)
                    {
                        entries.Add(SyntheticList.Entry((index * PartyStride) + first + i));
                    }

                    await client.ChangeAsync(Id, ListChangeKind.Add, MatchKeySchema.Default.Hash, entries, [], stop);
                    Volatile.Write(ref _added[index], first + perSecond);
                    _context.Counters.ListChanged(perSecond);
                    if (second % RemoveEvery == 0)
                    {
                        await RemoveOldestAsync(client, index, perSecond, stop);
                    }
                }
                catch (Exception e) when (!stop.IsCancellationRequested && e is not OperationCanceledException)
                {
                    _context.Counters.Error(e);
                }
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // The run ended (a call cut by the stop ends as a cancelled RpcException).
        }
    }

    // Removes one second's worth of the oldest entries still listed, so the list both grows and shrinks.
    private async Task RemoveOldestAsync(ListClient client, int index, int count, CancellationToken stop)
    {
        var first = Volatile.Read(ref _removed[index]);
        var handles = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            handles.Add(SyntheticList.Handle((index * PartyStride) + first + i));
        }

        await client.ChangeAsync(Id, ListChangeKind.Remove, MatchKeySchema.Default.Hash, [], handles, stop);
        Volatile.Write(ref _removed[index], first + count);
        _context.Counters.ListChanged(count);
    }

    private async Task QueryAsync(int index, CancellationToken stop)
    {
        var client = ClientOf(index);
        var random = new Random(_context.Options.Seed + index);
        var interval = TimeSpan.FromSeconds(_contributors.Length / _context.Options.ListQueriesPerSecond);
        using var tick = new PeriodicTimer(interval);
        var sequence = 0;
        try
        {
            while (await tick.WaitForNextTickAsync(stop))
            {
                // Reciprocity: a contributor asks once it gives entries (its first add acknowledged).
                if (Volatile.Read(ref _added[index]) == 0)
                {
                    continue;
                }

                var person = PickPerson(index, random);
                var request = client.Sign(Id, MatchKeySchema.Default.Hash, SyntheticList.Query(person), "SOAK-" + (sequence++ % 1000), "soak-officer");
                var clock = Stopwatch.StartNew();
                try
                {
                    var answer = await client.QueryAsync(request, stop);
                    _context.Counters.Queried(clock.Elapsed.TotalMilliseconds, answer.Hit);
                }
                catch (Exception e) when (!stop.IsCancellationRequested && e is not OperationCanceledException)
                {
                    _context.Counters.Error(e);
                }
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // The run ended (a call cut by the stop ends as a cancelled RpcException).
        }
    }

    // One query in five is for a person another contributor still lists (a hit); the rest for no one listed.
    private long PickPerson(int index, Random random)
    {
        var other = (index + 1 + random.Next(Math.Max(_contributors.Length - 1, 1))) % _contributors.Length;
        var removed = Volatile.Read(ref _removed[other]);
        var added = Volatile.Read(ref _added[other]);
        if (other != index && added > removed && random.Next(5) == 0)
        {
            return (other * PartyStride) + removed + random.NextInt64(added - removed);
        }

        return ((_contributors.Length + index) * PartyStride) + random.NextInt64(PartyStride);
    }
}
