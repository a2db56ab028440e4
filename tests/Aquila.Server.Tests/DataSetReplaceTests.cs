using System.Text.Json;
using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>A party replaces its data set over mutual TLS: in a project from the configuration, and in a coordinated one.</summary>
[Collection(nameof(ServerCollection))]
public class DataSetReplaceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly string[] Parties = ["RS", "BA", "ME"];

    [Fact]
    public async Task Replacing_withdraws_the_old_hits_in_both_streams_marks_old_receipts_replaced_and_is_audited()
    {
        var old = fixture.Tokenize("RS", "RS-R1,Петровић,Стефан,Јован,М,12.03.1984.,Београд,SRB,,,suspect");
        var ba = fixture.Tokenize("BA", "BA-R1,Petrović,Stefan,Jovan,M,1984-03-12,Beograd,SRB,,,suspect");
        var replacement = fixture.Tokenize("RS", "RS-R2,Kovačević,Jelena,,Ž,1991-07-08,,RS,,,suspect");
        var (rsChannel, rsClient) = fixture.Connect("RS");
        var (baChannel, baClient) = fixture.Connect("BA");
        using (rsChannel)
        using (baChannel)
        {
            await new BatchSubmitter(rsClient).SubmitAsync(old, null, Cancel);
            await new BatchSubmitter(baClient).SubmitAsync(ba, null, Cancel);
            var rsFound = Assert.Single(await SubmitAndHitsTests.ReadAsync(rsClient, 0));
            var baFound = Assert.Single(await SubmitAndHitsTests.ReadAsync(baClient, 0));

            var receipt = await new BatchSubmitter(rsClient) { Replace = true }.SubmitAsync(replacement, null, Cancel);

            Assert.True(receipt.ReplacedEarlier);
            var rsWithdrawn = Assert.Single(await SubmitAndHitsTests.ReadAsync(rsClient, rsFound.Sequence));
            var baWithdrawn = Assert.Single(await SubmitAndHitsTests.ReadAsync(baClient, baFound.Sequence));
            Assert.Equal((HitEventKind.Withdrawn, rsFound.HitId, rsFound.OwnHandle), (rsWithdrawn.Kind, rsWithdrawn.HitId, rsWithdrawn.OwnHandle));
            Assert.Equal((HitEventKind.Withdrawn, baFound.HitId, "RS"), (baWithdrawn.Kind, baWithdrawn.HitId, baWithdrawn.OtherParty));
            Assert.Equal(rsFound.Sequence + 1, rsWithdrawn.Sequence);

            var status = await rsClient.GetBatchStatusAsync(
                new GetBatchStatusRequest { ProjectId = ServerFixture.Project, BatchId = Google.Protobuf.ByteString.CopyFrom(SubmitAndHitsTests.BatchIdOf(old)) },
                cancellationToken: Cancel);
            Assert.True(status.Replaced);
            Assert.Equal(receipt.BatchId, status.ReplacedByBatchId);

            var audited = await fixture.Server.Audit.FindAsync(AuditKind.DataSetReplaced, Convert.ToHexStringLower(receipt.BatchId.Span), Cancel);
            Assert.NotNull(audited);
            Assert.Equal(Convert.ToHexStringLower(SubmitAndHitsTests.BatchIdOf(old)), audited.Details["replaced_batch_ids"]);
            Assert.Equal(("1", "1"), (audited.Details["replaced_records"], audited.Details["withdrawn_hits"]));
            var handleHex = Convert.ToHexStringLower(rsFound.OwnHandle.Span);
            Assert.DoesNotContain(audited.Details.Values, v => v.Contains(handleHex, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Resubmitting_a_replaced_batch_is_refused_with_a_clear_message()
    {
        var old = fixture.Tokenize("ME", "ME-R1,Radulović,Marija,,Ž,1987-01-09,,ME,,,suspect");
        var replacement = fixture.Tokenize("ME", "ME-R2,Radulović,Marija,,Ž,1987-01-19,,ME,,,suspect");
        var (channel, client) = fixture.Connect("ME");
        using (channel)
        {
            await new BatchSubmitter(client).SubmitAsync(old, null, Cancel);
            await new BatchSubmitter(client) { Replace = true }.SubmitAsync(replacement, null, Cancel);

            var error = await Assert.ThrowsAsync<RpcException>(() => new BatchSubmitter(client) { MaxAttempts = 1 }.SubmitAsync(old, null, Cancel));

            Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
            Assert.Contains("replaced", error.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("tokenise", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task In_a_coordinated_project_replacing_works_in_open_is_refused_in_matching_and_only_the_new_data_sets_hits_are_released()
    {
        var id = "repl-" + Guid.NewGuid().ToString("N")[..8];
        using var coordinatorIdentity = NodeIdentity.Load(fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "r" + id[^8..]));
        using var coordinatorChannel = AquilaChannel.Create(fixture.Server.Address, coordinatorIdentity);
        var coordinator = new Protocol.V1.Coordination.CoordinationClient(coordinatorChannel);
        await coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(Project(id)) }, cancellationToken: Cancel);
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_ceremony" }, cancellationToken: Cancel);
        var nodes = Parties.ToDictionary(p => p, p => NodeIdentity.Load(fixture.Identities[p]));
        var channels = nodes.ToDictionary(n => n.Key, n => AquilaChannel.Create(fixture.Server.Address, n.Value));
        try
        {
            var results = await Task.WhenAll(Parties.Select(p =>
                new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(channels[p]), nodes[p],
                    Security.Ceremony.AgreedParties.OfCertificates(nodes.Values.Select(n => n.Certificate))) { PollInterval = TimeSpan.FromMilliseconds(50) }
                    .RunAsync(id, Cancel)));
            using var key = ProjectKey.FromBytes(results[0].Key);
            foreach (var result in results)
            {
                result.Dispose();
            }

            await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: Cancel);
            var matching = Parties.ToDictionary(p => p, p => new Protocol.V1.Matching.MatchingClient(channels[p]));
            string Tokenize(string party, string row) => TestRecords.Tokenize(fixture.WorkDirectory, party, id, key, row);
            await new BatchSubmitter(matching["RS"]).SubmitAsync(Tokenize("RS", "RS-K1,Стојановић,Милош,Драган,М,04.05.1982.,Ниш,RS,,,suspect"), null, Cancel);
            await new BatchSubmitter(matching["BA"]).SubmitAsync(Tokenize("BA", "BA-K1,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect"), null, Cancel);
            await new BatchSubmitter(matching["ME"]).SubmitAsync(Tokenize("ME", "ME-K1,Kovač,Petra,,Ž,1990-10-10,,ME,,,suspect"), null, Cancel);
            var tooMany = await Assert.ThrowsAsync<RpcException>(() => new BatchSubmitter(matching["RS"]) { MaxAttempts = 1 }
                .SubmitAsync(Tokenize("RS", "RS-K2,Kovač,Petra,,Ž,1990-10-10,,RS,,,suspect"), null, Cancel));

            // RS declared one record: adding a second is refused, replacing the one with another is not.
            var replaced = await new BatchSubmitter(matching["RS"]) { Replace = true }
                .SubmitAsync(Tokenize("RS", "RS-K3,Kovač,Petra,,Ž,1990-10-10,,RS,,,suspect"), null, Cancel);
            await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_matching" }, cancellationToken: Cancel);
            var lateBatch = Tokenize("RS", "RS-K4,Late,Lena,,Ž,1991-01-02,,RS,,,suspect");
            var auditBefore = fixture.Server.AuditHead.Sequence;
            var late = await Assert.ThrowsAsync<RpcException>(() => new BatchSubmitter(matching["RS"]) { Replace = true, MaxAttempts = 1 }
                .SubmitAsync(lateBatch, null, Cancel));

            Assert.Equal(StatusCode.FailedPrecondition, tooMany.StatusCode);
            Assert.True(replaced.ReplacedEarlier);
            Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
            Assert.Contains("a data set can be replaced only while it is open", late.Status.Detail, StringComparison.Ordinal);
            Assert.NotNull(await fixture.Server.Audit.FindAsync(AuditKind.BatchRefused, Convert.ToHexStringLower(SubmitAndHitsTests.BatchIdOf(lateBatch)), Cancel));
            Assert.True(fixture.Server.AuditHead.Sequence > auditBefore);
            Assert.NotNull(await fixture.Server.Audit.FindAsync(AuditKind.DataSetReplaced, Convert.ToHexStringLower(replaced.BatchId.Span), Cancel));

            // One hit; stage 2 (issue 16) may follow its New event with an Updated one that lifts its band.
            var rsEvents = await SubmitAndHitsTests.ReadAsync(matching["RS"], 0, id);
            var meEvents = await SubmitAndHitsTests.ReadAsync(matching["ME"], 0, id);
            var rsHit = rsEvents[0];
            var meHit = meEvents[0];
            Assert.Single(rsEvents.Select(e => e.HitId).Distinct());
            Assert.Single(meEvents.Select(e => e.HitId).Distinct());
            Assert.All(rsEvents.Skip(1), e => Assert.Equal(HitEventKind.Updated, e.Kind));
            Assert.Empty(await SubmitAndHitsTests.ReadAsync(matching["BA"], 0, id));
            Assert.Equal(("ME", HitEventKind.New), (rsHit.OtherParty, rsHit.Kind));
            Assert.Equal(rsHit.HitId, meHit.HitId);

            var indicators = await coordinator.GetIndicatorsAsync(new ProjectRef { ProjectId = id }, cancellationToken: Cancel);
            using var json = JsonDocument.Parse(indicators.Json);
            var rs = json.RootElement.GetProperty("recordsSubmitted").EnumerateArray().Single(p => p.GetProperty("party").GetString() == "RS");
            Assert.Equal((1, 1), (rs.GetProperty("submittedRecords").GetInt64(), rs.GetProperty("batches").GetInt32()));
            Assert.Equal(1, json.RootElement.GetProperty("hits").GetProperty("total").GetInt64());
        }
        finally
        {
            foreach (var channel in channels.Values)
            {
                channel.Dispose();
            }

            foreach (var node in nodes.Values)
            {
                node.Dispose();
            }
        }
    }

    private static MatchingProject Project(string id)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        return new MatchingProject
        {
            Id = id,
            ActionPlan = TestActionPlan.Entry("Aquila replacement test"),
            Timeline = new ProjectTimeline(start, start.AddDays(30), start.AddDays(60), start.AddDays(90)),
            SchemaHash = MatchKeySchema.Default.HashHex,
            Parties = [.. Parties.Select(p => new InvitedParty(p, p == "RS" ? 1 : 100, "Police " + p))],
            HitSharingLegalBasis = "PCC SEE Art. 31",
            AllowedCategories = [DataSubjectCategory.Suspect],
        };
    }
}
