using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;

namespace Aquila.Bench.Soak;

/// <summary>
/// One coordinated project of a soak run, through its whole life: created by the coordinator, key ceremony run by
/// every party's node, Open while the parties submit paced batches tokenised with the ceremony's key, Matching while
/// every party follows its hits with WatchHits, then Closed and Purged.
/// </summary>
internal sealed class SoakProject
{
    private const int SharedEvery = 5;
    private readonly SoakContext _context;
    private readonly int _generation;
    private readonly CancellationTokenSource _stopSubmitting = new();
    private readonly CancellationTokenSource _stopFollowing = new();
    private readonly List<Task> _submitters = [];
    private readonly List<Task> _followers = [];
    private readonly Dictionary<string, byte[]?> _lastBatch = new(StringComparer.Ordinal);
    private ProjectKey? _key;

    private SoakProject(SoakContext context, int generation)
    {
        _context = context;
        _generation = generation;
        Id = "soak-" + generation.ToString("D4", CultureInfo.InvariantCulture);
        foreach (var party in context.Parties)
        {
            _lastBatch[party] = null;
        }
    }

    public string Id { get; }

    /// <summary>The id of the batch <paramref name="party"/> had acknowledged last, or null.</summary>
    public byte[]? LastBatchOf(string party)
    {
        lock (_lastBatch)
        {
            return _lastBatch[party];
        }
    }

    /// <summary>Creates the project, runs every party's key ceremony and opens it.</summary>
    public static async Task<SoakProject> OpenAsync(SoakContext context, int generation, CancellationToken cancellationToken)
    {
        var project = new SoakProject(context, generation);
        var coordinator = context.CoordinatorClient();
        await coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(project.Definition()) },
            cancellationToken: cancellationToken);
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = project.Id, Action = "start_ceremony" }, cancellationToken: cancellationToken);
        var ceremonies = new Task<Security.Ceremony.ProjectKeyResult>[context.Parties.Length];
        for (var p = 0; p < ceremonies.Length; p++)
        {
            var party = context.Parties[p];
            ceremonies[p] = new CeremonyRunner(context.CoordinationFor(party), context.Identities[party],
                Security.Ceremony.AgreedParties.OfCertificates(context.Parties.Select(q => context.Identities[q].Certificate)))
            {
                PollInterval = TimeSpan.FromMilliseconds(50),
                StepTimeout = TimeSpan.FromMinutes(2),
            }.RunAsync(project.Id, cancellationToken);
        }

        var results = await Task.WhenAll(ceremonies);
        project._key = ProjectKey.FromBytes(results[0].Key);
        foreach (var result in results)
        {
            result.Dispose();
        }

        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = project.Id, Action = "open" }, cancellationToken: cancellationToken);
        return project;
    }

    /// <summary>Every party starts submitting paced batches.</summary>
    public void StartSubmitting(CancellationToken cancellationToken)
    {
        for (var p = 0; p < _context.Parties.Length; p++)
        {
            var party = p;
            _submitters.Add(Task.Run(() => SubmitLoopAsync(party, cancellationToken), CancellationToken.None));
        }
    }

    /// <summary>Every party finishes the batch it is sending and stops.</summary>
    public async Task StopSubmittingAsync()
    {
        await _stopSubmitting.CancelAsync();
        await Task.WhenAll(_submitters);
    }

    /// <summary>Moves the project to Matching and starts every party's hit follower.</summary>
    public async Task StartMatchingAsync(CancellationToken cancellationToken)
    {
        await _context.CoordinatorClient().AdvanceAsync(new AdvanceRequest { ProjectId = Id, Action = "start_matching" },
            cancellationToken: cancellationToken);
        foreach (var party in _context.Parties)
        {
            _followers.Add(Task.Run(() => FollowAsync(party), CancellationToken.None));
        }
    }

    /// <summary>Stops the followers, closes the project and purges it.</summary>
    public async Task CloseAndPurgeAsync(CancellationToken cancellationToken)
    {
        await StopFollowingAsync();
        var coordinator = _context.CoordinatorClient();
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = Id, Action = "close" }, cancellationToken: cancellationToken);
        await coordinator.PurgeAsync(new ProjectRef { ProjectId = Id }, cancellationToken: cancellationToken);
        _key?.Dispose();
    }

    /// <summary>Stops the followers (end of the run).</summary>
    public async Task StopFollowingAsync()
    {
        await _stopFollowing.CancelAsync();
        await Task.WhenAll(_followers);
    }

    private MatchingProject Definition()
    {
        // Dates in the past: the deadline has passed (Matching needs no wait) and the end too (purge is allowed at once).
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        return new MatchingProject
        {
            Id = Id,
            ActionPlan = new ActionPlanEntry
            {
                Title = "Aquila soak run project " + _generation.ToString(CultureInfo.InvariantCulture),
                Objective = "Exercise the server under a long mixed load.",
                LegalBasisReference = "load test only",
                LeadPartner = Security.PartyCode.Secretariat,
                Status = ActionPlanStatus.Ongoing,
            },
            Timeline = new ProjectTimeline(start, start.AddDays(1), start.AddDays(2), start.AddDays(10)),
            SchemaHash = _context.Schema.HashHex,
            Parties = [.. _context.Parties.Select(p => new InvitedParty(p, ProjectValidator.MaxDeclaredRecords, "load test controller " + p))],
            HitSharingLegalBasis = "load test only",
            AllowedCategories = [DataSubjectCategory.Suspect, DataSubjectCategory.Convicted, DataSubjectCategory.PersonOfInterest, DataSubjectCategory.Other],
        };
    }

    private async Task SubmitLoopAsync(int party, CancellationToken cancellationToken)
    {
        var options = _context.Options;
        var code = _context.Parties[party];
        var folder = Path.Combine(_context.WorkDirectory, "batches", Id, code);
        Directory.CreateDirectory(folder);
        var submitter = new BatchSubmitter(_context.MatchingFor(code)) { MaxAttempts = 1 };
        using var tokenizer = new RecordTokenizer(_context.Schema, _key!);
        var entries = new byte[RecordTokenizer.MaxEntryBytes];
        var handle = new byte[BatchFormat.HandleLength];
        var pace = TimeSpan.FromSeconds(options.RecordsPerBatch / options.RecordsPerSecondPerParty);
        var due = Stopwatch.GetTimestamp();
        var seed = unchecked((options.Seed * 7919) + _generation);
        long record = 0;
        for (var number = 0; !_stopSubmitting.IsCancellationRequested && !cancellationToken.IsCancellationRequested; number++)
        {
            var path = Path.Combine(folder, number.ToString("D6", CultureInfo.InvariantCulture) + ".aqb");
            var batchId = RandomNumberGenerator.GetBytes(16);
            using (var writer = new BatchFileWriter(path, Id, code, _context.Schema, batchId))
            {
                for (var i = 0; i < options.RecordsPerBatch; i++, record++)
                {
                    var outcome = tokenizer.Tokenize(LoadPersons.Create(PersonOf(party, _context.Parties.Length, record), party, record, seed), entries);
                    if (outcome.Success)
                    {
                        RandomNumberGenerator.Fill(handle);
                        writer.WriteRecord(handle, outcome.Category, entries.AsSpan(0, outcome.TokenCount * BatchFormat.TokenEntryLength));
                    }
                }

                writer.Complete();
            }

            var sent = Stopwatch.GetTimestamp();
            try
            {
                var receipt = await submitter.SubmitAsync(path, null, cancellationToken);
                _context.Counters.Acked(receipt.Tokens, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                lock (_lastBatch)
                {
                    _lastBatch[code] = batchId;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
            {
                _context.Counters.Error(e);
            }
            finally
            {
                File.Delete(path);
            }

            due += (long)(pace.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _stopSubmitting.Token);
                }
                catch (OperationCanceledException)
                {
                    // Rotation: the next project takes over.
                }
            }
        }
    }

    // Every fifth record is a person also held by the next party, the one after by the previous party; the rest are
    // this party's own. Parties submit at the same pace, so shared persons arrive at about the same time.
    internal static long PersonOf(int party, int parties, long record)
    {
        var pair = (record % SharedEvery) switch
        {
            0 => party,
            1 => (party + parties - 1) % parties,
            _ => -1,
        };
        return pair >= 0
            ? (pair * 2_000_000L) + (record / SharedEvery % 2_000_000L)
            : 60_000_000L + (party * 1_500_000L) + (record % 1_500_000L);
    }

    private async Task FollowAsync(string party)
    {
        try
        {
            await foreach (var hit in new HitReader(_context.MatchingFor(party)).ReadAsync(Id, 0, follow: true, _stopFollowing.Token))
            {
                _context.Counters.HitEvent();
            }
        }
        catch (OperationCanceledException) when (_stopFollowing.IsCancellationRequested)
        {
            // Stopped before the purge.
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.Cancelled && _stopFollowing.IsCancellationRequested)
        {
            // Stopped before the purge.
        }
        catch (Exception e) when (!_stopFollowing.IsCancellationRequested)
        {
            _context.Counters.Error(e);
        }
    }
}
