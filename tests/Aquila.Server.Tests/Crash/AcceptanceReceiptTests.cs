using Aquila.Node;
using Aquila.Protocol.V1;

namespace Aquila.Server.Tests.Crash;

/// <summary>
/// A batch is accepted once, so it has one receipt: whoever asks for it while the acceptance is still being audited
/// must get the same audit head as the submitter, and the chain must not record the acceptance twice.
/// </summary>
[Collection(nameof(ServerCollection))]
public class AcceptanceReceiptTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_asked_while_a_batch_is_being_accepted_carries_the_submitters_audit_head()
    {
        var heads = new List<Protocol.V1.AuditHead>();
        BatchReceipt? receipt = null;
        for (var round = 0; round < 20; round++)
        {
            var batch = fixture.Tokenize("BA", $"BA-R{round},Kovačević,Ana,Petar,Ž,0{1 + (round % 9)}.02.1975,Tuzla,BA,,,suspect");
            var batchId = Google.Protobuf.ByteString.CopyFrom(SubmitAndHitsTests.BatchIdOf(batch));
            var (channel, client) = fixture.Connect("BA");
            using (channel)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
                var pollers = new Task<List<Protocol.V1.AuditHead>>[3];
                for (var i = 0; i < pollers.Length; i++)
                {
                    pollers[i] = PollAsync(client, batchId, stop.Token);
                }

                receipt = await new BatchSubmitter(client).SubmitAsync(batch, null, Cancel);
                await Task.Delay(20, Cancel);
                await stop.CancelAsync();
                heads.Clear();
                foreach (var poller in pollers)
                {
                    heads.AddRange(await poller);
                }
            }

            Assert.All(heads, head => Assert.Equal(receipt.AuditHead, head));
        }
    }

    // Asks for the batch's status until stopped; returns the audit head of every answer that says accepted.
    private static async Task<List<Protocol.V1.AuditHead>> PollAsync(Protocol.V1.Matching.MatchingClient client,
        Google.Protobuf.ByteString batchId, CancellationToken stop)
    {
        await Task.Yield();
        var heads = new List<Protocol.V1.AuditHead>();
        while (!stop.IsCancellationRequested)
        {
            var request = new GetBatchStatusRequest { ProjectId = ServerFixture.Project, BatchId = batchId };
            var status = await client.GetBatchStatusAsync(request, cancellationToken: Cancel);
            if (status.Accepted)
            {
                heads.Add(status.Receipt.AuditHead);
            }
        }

        return heads;
    }
}
