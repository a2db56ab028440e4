using Aquila.Protocol.V1;
using Aquila.Server.Tests.Lists;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>
/// The bulk check part of <see cref="RawMessageFuzzTests"/>: signed bulk checks whose header or chunk bytes are flipped,
/// cut or replaced by random bytes, sent straight to Lists.Check. Every call ends with a status (never INTERNAL); a chunk
/// is answered only while its bytes still decode to the chunk the node signed; the server keeps answering.
/// </summary>
public partial class RawMessageFuzzTests
{
    // Its own marshaller: the order in which partial files initialise their static fields is not defined.
    private static readonly Marshaller<byte[]> CheckRaw = Marshallers.Create(bytes => bytes, bytes => bytes);
    private static readonly Method<byte[], byte[]> ListCheck = new(MethodType.DuplexStreaming, "aquila.v1.Lists", "Check", CheckRaw, CheckRaw);

    [Fact]
    public async Task Mangled_bulk_check_messages_get_a_status_and_leave_the_server_answering()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], ["ME"], access: Coordination.Projects.ListAccess.Explicit);
        await list.ChangeAsync("RS", Protocol.V1.ListChangeKind.Add, "RS-1" + ListPerson[1..] + ",2031-12-31");
        var person = list.Signed("BA", ListPerson, "CASE-FUZZ-B").TokenEntries.ToByteArray();
        var bulk = list.BulkClient("BA", chunkPersons: 2);
        var (baChannel, _) = fixture.Connect("BA");
        using (baChannel)
        {
            var ba = baChannel.CreateCallInvoker();
            var random = new Random(20261207);
            var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var cases = Fuzz.Cases(60);
            for (var i = 0; i < cases; i++)
            {
                var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, [person, person, person, person], "CASE-FUZZ-" + i, "BA-OFF-1");
                var messages = new List<byte[]> { new CheckRequest { Header = header }.ToByteArray() };
                messages.AddRange(chunks.Select(c => new CheckRequest { Chunk = c }.ToByteArray()));
                var target = random.Next(messages.Count);
                var genuine = messages[target];
                messages[target] = random.Next(4) == 0 ? Bytes(random, random.Next(0, 120)) : MangleListMessage(random, genuine);
                var unchanged = messages[target].AsSpan().SequenceEqual(genuine);
                var answered = 0;
                var code = await StatusOfAsync(async () =>
                {
                    var options = new CallOptions(cancellationToken: TestContext.Current.CancellationToken, deadline: DateTime.UtcNow.AddSeconds(10));
                    using var call = ba.AsyncDuplexStreamingCall(ListCheck, null, options);
                    try
                    {
                        foreach (var message in messages)
                        {
                            await call.RequestStream.WriteAsync(message, options.CancellationToken);
                        }

                        await call.RequestStream.CompleteAsync();
                    }
                    catch (RpcException)
                    {
                        // Refused while sending; the status comes with the responses.
                    }
                    catch (InvalidOperationException)
                    {
                        // The server ended the call while chunks were still being sent.
                    }

                    while (await call.ResponseStream.MoveNext(options.CancellationToken))
                    {
                        answered++;
                    }
                });
                var key = (target == 0 ? "header" : "chunk") + ": " + code;
                statuses[key] = statuses.GetValueOrDefault(key) + 1;
                Assert.True(code is StatusCode.OK or StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.FailedPrecondition
                    or StatusCode.Unknown, $"case {i}: {key}");

                // A chunk the node did not sign in this form is never answered: only the chunks before it are.
                Assert.True(unchanged || answered <= Math.Max(0, target - 1), $"case {i}: {answered} chunks answered, chunk message {target} mangled");
            }

            var (goodHeader, goodChunks) = bulk.Prepare(list.Id, ListScenario.Schema, [person], "CASE-FUZZ-AFTER", "BA-OFF-1");
            var answers = new List<CheckAnswer>();
            var failure = await bulk.SendAsync(goodHeader, goodChunks, r => answers.AddRange(r.Answers), TestContext.Current.CancellationToken);
            Assert.Null(failure);
            Assert.Equal(CheckOutcome.Hit, Assert.Single(answers).Outcome);
            Fuzz.Report("bulk check, raw protobuf", cases, clock.Elapsed, string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}")));
        }
    }
}
