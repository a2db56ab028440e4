using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Tokens.Derivation;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>Issue 17, item 2: the server enforces a project's allowed data-subject categories itself.</summary>
public partial class CoordinatedProjectTests
{
    [Fact]
    public async Task A_batch_with_records_of_a_category_the_project_does_not_allow_is_refused_and_audited_even_from_a_node_that_skips_its_check()
    {
        var id = "cat-" + Guid.NewGuid().ToString("N")[..8];
        using var coordinatorIdentity = NodeIdentity.Load(fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "k" + id[^8..]));
        using var coordinatorChannel = AquilaChannel.Create(fixture.Server.Address, coordinatorIdentity);
        var coordinator = new Protocol.V1.Coordination.CoordinationClient(coordinatorChannel);
        await coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(Project(id)) }, cancellationToken: Cancel);
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_ceremony" }, cancellationToken: Cancel);
        using var parties = new Participants(fixture);
        var results = await parties.RunCeremonyAsync(id);
        using var key = ProjectKey.FromBytes(results[0].Key);
        foreach (var result in results)
        {
            result.Dispose();
        }

        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: Cancel);

        // A hostile (or careless) node tokenises without --categories: the project allows suspects only.
        var mixed = TestRecords.Tokenize(fixture.WorkDirectory, "RS", id, key,
            "RS-K1,Kategorić,Marko,,M,1981-03-04,Niš,RS,,,suspect",
            "RS-K2,Osuđenić,Petar,,M,1979-05-06,Niš,RS,,,convicted",
            "RS-K3,Ostalić,Ivan,,M,1985-07-08,Niš,RS,,,");
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new BatchSubmitter(parties.Matching("RS")) { MaxAttempts = 1 }.SubmitAsync(mixed, null, Cancel));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("1 of category convicted", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("1 of category other", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("--categories suspect", refused.Status.Detail, StringComparison.Ordinal);
        var batchId = Convert.ToHexStringLower(SubmitAndHitsTests.BatchIdOf(mixed));
        var audited = await fixture.Server.Audit.FindAsync(AuditKind.BatchRefused, batchId, Cancel);
        Assert.NotNull(audited);
        Assert.Contains("does not allow", audited.Details["reason"], StringComparison.Ordinal);
        var project = await fixture.Server.Projects.Store.GetAsync(id, Cancel);
        Assert.Empty(project!.Submissions);

        // Only what the project allows is taken.
        var suspects = TestRecords.Tokenize(fixture.WorkDirectory, "RS", id, key, "RS-K1,Kategorić,Marko,,M,1981-03-04,Niš,RS,,,suspect");
        var accepted = await new BatchSubmitter(parties.Matching("RS")).SubmitAsync(suspects, null, Cancel);
        Assert.Equal(1, accepted.Records);
    }
}
