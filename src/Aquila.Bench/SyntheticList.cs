using System.Buffers.Binary;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Tokens.Keys;
using Google.Protobuf;

namespace Aquila.Bench;

/// <summary>
/// A list project for load runs: created, key ceremony run by every party given, opened; entries and queries of
/// synthetic tokens (the server only compares tokens after re-keying, so any distinct 16 bytes per (entry, key) do).
/// </summary>
internal static class SyntheticList
{
    /// <summary>Token entries per list entry (key index + 16 bytes each).</summary>
    public const int TokensPerEntry = 6;

    /// <summary>Creates list project <paramref name="id"/> with <paramref name="policy"/>, runs the ceremony of <paramref name="parties"/> and opens it.</summary>
    public static async Task OpenAsync(Protocol.V1.Coordination.CoordinationClient coordinator, string id, ListPolicy policy,
        (string Party, NodeIdentity Identity, Grpc.Net.Client.GrpcChannel Channel)[] parties, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var invited = new InvitedParty[parties.Length];
        for (var p = 0; p < parties.Length; p++)
        {
            invited[p] = new InvitedParty(parties[p].Party, policy.IsContributor(parties[p].Party) ? 1_000_000_000 : 1, "load run");
        }

        var project = new MatchingProject
        {
            Id = id,
            Kind = ProjectKind.List,
            List = policy,
            ActionPlan = new ActionPlanEntry
            {
                Title = "Load run list",
                Objective = "Measure hit/no-hit queries.",
                LegalBasisReference = "benchmark",
                ExpectedResult = "Figures.",
                IndicatorsText = "Queries per second.",
                GeographicScope = "loopback",
                FundingSource = "none",
                LeadPartner = "PCC",
                Partners = [],
                Observers = [],
                Status = ActionPlanStatus.Ongoing,
            },
            Timeline = new ProjectTimeline(start, start.AddDays(30), start.AddDays(60), start.AddDays(90)),
            SchemaHash = MatchKeySchema.Default.HashHex,
            Parties = [.. invited],
            HitSharingLegalBasis = "benchmark",
            AllowedCategories = [DataSubjectCategory.Suspect],
        };
        await coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(project) }, cancellationToken: cancellationToken);
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_ceremony" }, cancellationToken: cancellationToken);
        var ceremonies = new Task<Security.Ceremony.ProjectKeyResult>[parties.Length];
        for (var p = 0; p < parties.Length; p++)
        {
            ceremonies[p] = new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(parties[p].Channel), parties[p].Identity,
                Security.Ceremony.AgreedParties.OfCertificates(parties.Select(q => q.Identity.Certificate)))
            {
                PollInterval = TimeSpan.FromMilliseconds(50),
            }.RunAsync(id, cancellationToken);
        }

        foreach (var result in await Task.WhenAll(ceremonies))
        {
            result.Dispose();
        }

        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: cancellationToken);
    }

    /// <summary>Token entry <paramref name="key"/> (key index byte + 16 bytes) of synthetic person <paramref name="entry"/>.</summary>
    public static byte[] Token(long entry, int key)
    {
        var token = new byte[17];
        token[0] = (byte)key;
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(1), entry);
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(9), (key * 0x3779B97F4A7C15L) ^ 0x5A5A5A5A);
        return token;
    }

    /// <summary>The list entry of synthetic person <paramref name="entry"/>: its handle and <see cref="TokensPerEntry"/> tokens.</summary>
    public static ListEntry Entry(long entry)
    {
        var tokens = new byte[TokensPerEntry * 17];
        for (var k = 0; k < TokensPerEntry; k++)
        {
            Token(entry, k).CopyTo(tokens, k * 17);
        }

        return new ListEntry { Handle = ByteString.CopyFrom(Handle(entry)), Category = "suspect", ReviewDate = "2099-12-31", TokenEntries = ByteString.CopyFrom(tokens) };
    }

    /// <summary>The record handle of synthetic person <paramref name="entry"/>.</summary>
    public static byte[] Handle(long entry)
    {
        var handle = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(handle, entry);
        handle[15] = 0xB7;
        return handle;
    }

    /// <summary>A two-token query (keys 0 and 1) for synthetic person <paramref name="entry"/>.</summary>
    public static byte[] Query(long entry) => [.. Token(entry, 0), .. Token(entry, 1)];
}
