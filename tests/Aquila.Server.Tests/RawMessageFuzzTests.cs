using Aquila.Node;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>
/// Sends random and mangled bytes as gRPC messages straight to the matcher (no generated client): every call ends
/// with a status, the server never stops answering, and nothing is accepted. Cases: 300 here; set
/// AQUILA_FUZZ_CASES (e.g. 10000) for the long mode.
/// </summary>
[Collection(nameof(ServerCollection))]
public partial class RawMessageFuzzTests(RawMessageFuzzTests.Fixture fixture) : IClassFixture<RawMessageFuzzTests.Fixture>
{
    /// <summary>A server of its own: the framework's parse-failure errors must not meet other tests' log checks.</summary>
    public sealed class Fixture : ServerFixture;

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly Method<byte[], byte[]> SubmitBatch =
        new(MethodType.ClientStreaming, "aquila.v1.Matching", "SubmitBatch", Raw, Raw);

    private static readonly Method<byte[], byte[]> GetBatchStatus =
        new(MethodType.Unary, "aquila.v1.Matching", "GetBatchStatus", Raw, Raw);

    private static readonly Method<byte[], byte[]> WatchHits =
        new(MethodType.ServerStreaming, "aquila.v1.Matching", "WatchHits", Raw, Raw);

    [Fact]
    public async Task Mangled_messages_get_a_status_and_leave_the_server_working_and_unchanged()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("AQUILA_FUZZ_CASES"), out var n) ? n : 300;
        var random = new Random(20261125);
        var valid = File.ReadAllBytes(fixture.Tokenize("RS", "RS-F1,Fuzić,Ana,,Ž,1980-02-03,,RS,,,suspect"));
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            var invoker = channel.CreateCallInvoker();
            var before = await SubmitAndHitsTests.LastSequenceAsync(client);
            var statuses = new Dictionary<StatusCode, int>();
            for (var i = 0; i < cases; i++)
            {
                var code = await OneCaseAsync(invoker, random, valid);
                statuses[code] = statuses.GetValueOrDefault(code) + 1;
                Assert.True(code != StatusCode.OK, $"case {i} was accepted");
            }

            // Still serving, nothing was added, and a real batch still goes through.
            Assert.Equal(before, await SubmitAndHitsTests.LastSequenceAsync(client));
            var receipt = await new BatchSubmitter(client).SubmitAsync(fixture.Tokenize("RS", "RS-F2,Fuzić,Ivo,,M,1981-02-03,,RS,,,suspect"), null,
                TestContext.Current.CancellationToken);
            Assert.False(receipt.AlreadyAccepted);
            // A message that is not protobuf at all is refused by the gRPC framework before our code runs, with status
            // UNKNOWN and an error log of the parse failure; every other refusal is ours, with a clear status.
            Assert.All(fixture.Logs.Errors(), e => Assert.Contains("InvalidProtocolBufferException", e, StringComparison.Ordinal));
            Assert.DoesNotContain(statuses.Keys, c => c is not (StatusCode.Unknown or StatusCode.InvalidArgument or StatusCode.PermissionDenied
                or StatusCode.ResourceExhausted or StatusCode.FailedPrecondition or StatusCode.AlreadyExists));
        }
    }

    private static async Task<StatusCode> OneCaseAsync(CallInvoker invoker, Random random, byte[] valid)
    {
        var options = new CallOptions(cancellationToken: TestContext.Current.CancellationToken, deadline: DateTime.UtcNow.AddSeconds(20));
        try
        {
            switch (random.Next(4))
            {
                case 0:
                    await invoker.AsyncUnaryCall(GetBatchStatus, null, options, Bytes(random, random.Next(0, 64)));
                    break;
                case 1:
                    using (var watch = invoker.AsyncServerStreamingCall(WatchHits, null, options, Bytes(random, random.Next(0, 64))))
                    {
                        while (await watch.ResponseStream.MoveNext(options.CancellationToken))
                        {
                        }
                    }

                    // An empty or garbled request may decode to "project ''", which is refused; reaching here means it was not.
                    return StatusCode.OK;
                default:
                    using (var submit = invoker.AsyncClientStreamingCall(SubmitBatch, null, options))
                    {
                        try
                        {
                            foreach (var message in Messages(random, valid))
                            {
                                await submit.RequestStream.WriteAsync(message, options.CancellationToken);
                            }

                            await submit.RequestStream.CompleteAsync();
                        }
                        catch (RpcException)
                        {
                            // Refused while sending; the status is on the response.
                        }

                        await submit.ResponseAsync;
                    }

                    break;
            }

            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    // A start message (valid, mangled or random) followed by chunks of the valid batch with flipped or cut bytes.
    private static IEnumerable<byte[]> Messages(Random random, byte[] valid)
    {
        var start = new Protocol.V1.SubmitBatchRequest
        {
            Start = new Protocol.V1.BatchStart
            {
                ProjectId = ServerFixture.Project,
                BatchId = Google.Protobuf.ByteString.CopyFrom(valid, 10, 16),
                TotalBytes = valid.Length,
                Sha256 = Google.Protobuf.ByteString.CopyFrom(valid, valid.Length - 32, 32),
            },
        }.ToByteArray();
        yield return random.Next(3) switch
        {
            0 => Bytes(random, random.Next(0, 80)),
            1 => Flip(random, start),
            _ => start,
        };

        var content = Flip(random, valid);
        if (random.Next(2) == 0)
        {
            content = content[..random.Next(content.Length)];
        }

        var chunk = new Protocol.V1.SubmitBatchRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(content) }.ToByteArray();
        yield return random.Next(3) == 0 ? Flip(random, chunk) : chunk;
    }

    private static byte[] Flip(Random random, byte[] source)
    {
        var copy = (byte[])source.Clone();
        for (var flips = random.Next(1, 4); flips > 0 && copy.Length > 0; flips--)
        {
            copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
        }

        return copy;
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
