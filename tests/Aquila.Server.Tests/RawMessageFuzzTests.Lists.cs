using System.Security.Cryptography;
using Aquila.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;

using Aquila.Server.Tests.Lists;

namespace Aquila.Server.Tests;

/// <summary>
/// Random and mangled bytes sent as gRPC messages straight to the Lists service (no generated client) on a real joint
/// list: signed queries and query batches with flipped or cut bytes, change streams with mangled headers and entries,
/// mangled watch requests. Every call ends with a status (never INTERNAL; UNKNOWN only for bytes that are no protobuf,
/// which the framework refuses before our code runs); a query is answered only when its bytes still decode to the very
/// query the node signed; a refused change applies nothing (the contributor's entry count moves only with accepted
/// changes); the server keeps answering. 150 cases here; AQUILA_FUZZ_CASES for the long mode.
/// </summary>
/// <remarks>The list part of <see cref="RawMessageFuzzTests"/>: it shares that class's server of its own.</remarks>
public partial class RawMessageFuzzTests
{
    private const string ListPerson = "X,Fuzović,Lena,,Ž,1984-03-02,Tuzla,BA,,,suspect";
        private static readonly Method<byte[], byte[]> ListQuery = new(MethodType.Unary, "aquila.v1.Lists", "Query", Raw, Raw);
    private static readonly Method<byte[], byte[]> ListQueryBatch = new(MethodType.Unary, "aquila.v1.Lists", "QueryBatch", Raw, Raw);
    private static readonly Method<byte[], byte[]> ListChange = new(MethodType.ClientStreaming, "aquila.v1.Lists", "ChangeEntries", Raw, Raw);
    private static readonly Method<byte[], byte[]> ListWatch = new(MethodType.ServerStreaming, "aquila.v1.Lists", "WatchListHits", Raw, Raw);
    private static int _genuineAnswered;

    [Fact]
    public async Task Mangled_list_messages_get_a_status_apply_nothing_when_refused_and_leave_the_server_answering()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], ["ME"], access: Coordination.Projects.ListAccess.Explicit);
        var first = await list.ChangeAsync("RS", Protocol.V1.ListChangeKind.Add, "RS-1" + ListPerson[1..] + ",2031-12-31");
        var query = list.Signed("BA", ListPerson, "CASE-FUZZ");
        var (rsChannel, _) = fixture.Connect("RS");
        var (baChannel, _) = fixture.Connect("BA");
        using (rsChannel)
        using (baChannel)
        {
            var rs = rsChannel.CreateCallInvoker();
            var ba = baChannel.CreateCallInvoker();
            var random = new Random(20261126);
            var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var entries = first.Entries;
            var cases = Fuzz.Cases(150);
            for (var i = 0; i < cases; i++)
            {
                var (what, code, receipt) = await OneListCaseAsync(random, rs, ba, list.Id, query);
                var key = what + ": " + code;
                statuses[key] = statuses.GetValueOrDefault(key) + 1;
                Assert.True(code is StatusCode.OK or StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.FailedPrecondition
                    or StatusCode.ResourceExhausted or StatusCode.AlreadyExists or StatusCode.Unknown
                    || (what == "watch" && code == StatusCode.DeadlineExceeded), $"case {i}: {key}");
                if (receipt is not null)
                {
                    entries = receipt.Entries;
                }
            }

            // Nothing a refused change carried was applied: one more entry is exactly one more.
            var after = await list.ChangeAsync("RS", Protocol.V1.ListChangeKind.Add, "RS-2,Fuzović,Ivo,,M,1985-04-03,Tuzla,BA,,,suspect,2031-12-31");
            Assert.Equal(entries + 1, after.Entries);
            var answer = await list.QueryAsync("BA", ListPerson, "CASE-AFTER");
            Assert.NotEmpty(answer.Hits);
            Assert.All(fixture.Logs.Errors(), e => Assert.Contains("InvalidProtocolBufferException", e, StringComparison.Ordinal));
            Fuzz.Report("list RPCs, raw protobuf", cases, clock.Elapsed, string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}")));
        }
    }

    private static async Task<(string What, StatusCode Code, ChangeEntriesReceipt? Receipt)> OneListCaseAsync(Random random, CallInvoker rs,
        CallInvoker ba, string listId, QueryRequest signed)
    {
        var options = new CallOptions(cancellationToken: TestContext.Current.CancellationToken, deadline: DateTime.UtcNow.AddSeconds(10));
        switch (random.Next(4))
        {
            case 0:
            {
                var bytes = random.Next(4) == 0 ? Bytes(random, random.Next(0, 120)) : MangleListMessage(random, signed.ToByteArray());
                var code = await StatusOfAsync(() => ba.AsyncUnaryCall(ListQuery, null, options, bytes).ResponseAsync);
                Assert.True(code != StatusCode.OK || IsUnchangedOnce(bytes, signed), "a query that is not the one the node signed was answered");
                return ("query", code, null);
            }

            case 1:
            {
                var batch = new QueryBatchRequest { Queries = { signed, signed } }.ToByteArray();
                var bytes = random.Next(4) == 0 ? Bytes(random, random.Next(0, 200)) : MangleListMessage(random, batch);
                var code = await StatusOfAsync(() => ba.AsyncUnaryCall(ListQueryBatch, null, options, bytes).ResponseAsync);

                // The same signed query twice is a replay of its nonce: refused whole, mangled or not.
                Assert.True(code != StatusCode.OK, "a query batch holding a replayed query was answered");
                return ("query batch", code, null);
            }

            case 2:
            {
                var request = new WatchListHitsRequest { ProjectId = listId }.ToByteArray();
                var bytes = random.Next(3) == 0 ? Bytes(random, random.Next(0, 40)) : MangleListMessage(random, request);
                var code = await StatusOfAsync(async () =>
                {
                    using var call = rs.AsyncServerStreamingCall(ListWatch, null, options.WithDeadline(DateTime.UtcNow.AddSeconds(3)), bytes);
                    while (await call.ResponseStream.MoveNext(options.CancellationToken))
                    {
                    }
                });
                return ("watch", code, null);
            }

            default:
            {
                ChangeEntriesReceipt? receipt = null;
                var code = await StatusOfAsync(async () =>
                {
                    using var call = rs.AsyncClientStreamingCall(ListChange, null, options);
                    try
                    {
                        foreach (var message in ChangeMessages(random, listId))
                        {
                            await call.RequestStream.WriteAsync(message, options.CancellationToken);
                        }

                        await call.RequestStream.CompleteAsync();
                    }
                    catch (RpcException)
                    {
                        // Refused while sending; the status is on the response.
                    }

                    receipt = ChangeEntriesReceipt.Parser.ParseFrom(await call.ResponseAsync);
                });
                return ("change", code, receipt);
            }
        }
    }

    private static bool IsUnchangedOnce(byte[] bytes, QueryRequest signed)
    {
        try
        {
            return QueryRequest.Parser.ParseFrom(bytes).Equals(signed) && Interlocked.Exchange(ref _genuineAnswered, 1) == 0;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    // A header (valid, mangled or random) and a message of entries (valid or mangled): a new random entry each time.
    private static IEnumerable<byte[]> ChangeMessages(Random random, string listId)
    {
        var header = new ChangeEntriesRequest
        {
            Header = new ChangeEntriesHeader { ProjectId = listId, Kind = Protocol.V1.ListChangeKind.Add, SchemaSha256 = ByteString.CopyFrom(ListScenario.Schema.Span) },
        }.ToByteArray();
        yield return random.Next(3) switch
        {
            0 => Bytes(random, random.Next(0, 80)),
            1 => MangleListMessage(random, header),
            _ => header,
        };

        byte[] tokens = [0, .. RandomNumberGenerator.GetBytes(16), 1, .. RandomNumberGenerator.GetBytes(16)];
        var entries = new ChangeEntriesRequest
        {
            Entries =
            {
                new ListEntry { Handle = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(16)), Category = "suspect", ReviewDate = "2031-12-31", TokenEntries = ByteString.CopyFrom(tokens) },
            },
        }.ToByteArray();
        yield return random.Next(2) == 0 ? MangleListMessage(random, entries) : entries;
    }

    private static async Task<StatusCode> StatusOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static byte[] MangleListMessage(Random random, byte[] source)
    {
        var copy = (byte[])source.Clone();
        for (var flips = random.Next(1, 4); flips > 0 && copy.Length > 0; flips--)
        {
            copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
        }

        return random.Next(5) == 0 ? copy[..random.Next(copy.Length + 1)] : copy;
    }

}
