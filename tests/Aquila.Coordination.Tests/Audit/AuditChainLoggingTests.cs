using Aquila.Coordination.Audit;
using Microsoft.Extensions.Logging;

namespace Aquila.Coordination.Tests.Audit;

public sealed class AuditChainLoggingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Log_lines_carry_event_ids_4000_to_4099_and_no_entry_content()
    {
        using var dir = new TempDirectory();
        var logger = new CapturingLogger();
        await using (var chain = await AuditChain.OpenAsync(new AuditChainOptions { DatabasePath = dir.File("audit.db") }, logger, Ct))
        {
            await chain.AppendAsync(
                new AuditEvent(
                    AuditKind.BatchRefused,
                    AuditActor.System,
                    projectId: "canary-project-Qx7",
                    subject: "canary-subject-Qx7",
                    details: new Dictionary<string, string> { ["reason"] = "canary-reason-Qx7" }),
                Ct);
            await chain.VerifyAsync(null, Ct);
        }

        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines, line =>
        {
            Assert.InRange(line.Id, 4000, 4099);
            Assert.DoesNotContain("canary", line.Message, StringComparison.Ordinal);
        });
    }

    private sealed class CapturingLogger : ILogger<AuditChain>
    {
        public List<(int Id, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add((eventId.Id, formatter(state, exception)));
            }
        }
    }
}
