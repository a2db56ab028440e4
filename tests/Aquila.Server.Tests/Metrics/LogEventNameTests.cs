using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Tests.Metrics;

/// <summary>Every source-generated log message of the server's libraries has an event id and an event name (structured logs).</summary>
public class LogEventNameTests
{
    [Fact]
    public void Every_LoggerMessage_of_the_server_libraries_has_a_unique_event_id_and_a_name()
    {
        var assemblies = new[]
        {
            typeof(Hosting.AquilaServer).Assembly,
            typeof(Coordination.Audit.AuditChain).Assembly,
            typeof(Matching.Projects.ProjectMatcher).Assembly,
            typeof(Security.PartyIdentity).Assembly,
        };
        var messages = assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToList();

        Assert.NotEmpty(messages);
        Assert.All(messages, x => Assert.False(string.IsNullOrEmpty(x.Attribute!.EventName), x.Method.DeclaringType + "." + x.Method.Name));
        Assert.All(messages, x => Assert.NotEqual(-1, x.Attribute!.EventId));
    }
}
