using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aquila.Server.Options;

/// <summary>
/// Checks <see cref="ServerOptions"/> where the server starts, whichever host bound them (the <c>aquila server</c>
/// command, tests, the load driver, a local run): required settings and ranges, the role against the matcher store,
/// the upload and refusal limits, and the metrics listener (plain HTTP on loopback only). Usable as an <see cref="IValidateOptions{TOptions}"/> by a host that binds options
/// through the options pattern.
/// </summary>
public sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (RoleProblem(options) is { } role)
        {
            failures.Add(role);
        }

        if (LimitsProblem(options) is { } limits)
        {
            failures.Add(limits);
        }

        if (CompletenessProblem(options) is { } incomplete)
        {
            failures.Add(incomplete);
        }

        if (MetricsProblem(options.Metrics) is { } metrics)
        {
            failures.Add(metrics);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws on the first kind of problem found: the role, then the limits, then missing or out-of-range settings.</summary>
    /// <exception cref="InvalidOperationException">The role does not fit the matcher store, or a limit is not valid.</exception>
    /// <exception cref="InvalidDataException">A required setting is missing or a value is out of range.</exception>
    public static void ThrowIfInvalid(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (RoleProblem(options) is { } role)
        {
            throw new InvalidOperationException(role);
        }

        if (LimitsProblem(options) is { } limits)
        {
            throw new InvalidOperationException(limits);
        }

        if (CompletenessProblem(options) is { } incomplete)
        {
            throw new InvalidDataException(incomplete);
        }

        if (MetricsProblem(options.Metrics) is { } metrics)
        {
            throw new InvalidOperationException(metrics);
        }
    }

    private static string? RoleProblem(ServerOptions options) =>
        options.Role != ServerRole.Standalone && options.Matcher.Store != MatcherStoreKind.Redis
            ? $"Server:Role is {options.Role}, but Server:Matcher:Store is {options.Matcher.Store}: the Coordinator and Matcher roles share "
              + "projects through Redis. Set Server:Matcher:Store=Redis (and Server:Matcher:Redis:Configuration), or Server:Role=Standalone."
            : null;

    // The nested limits are checked here, where the server starts, whichever host bound them.
    private static string? LimitsProblem(ServerOptions options)
    {
        var problems = new List<ValidationResult>();
        Validator.TryValidateObject(options.Uploads, new ValidationContext(options.Uploads), problems, validateAllProperties: true);
        Validator.TryValidateObject(options.Refusals, new ValidationContext(options.Refusals), problems, validateAllProperties: true);
        Validator.TryValidateObject(options.Matcher.Stage2, new ValidationContext(options.Matcher.Stage2), problems, validateAllProperties: true);
        if (options.Uploads.IdleTimeout <= TimeSpan.Zero || options.Refusals.Interval <= TimeSpan.Zero)
        {
            problems.Add(new("Server:Uploads:IdleTimeout and Server:Refusals:Interval must be positive."));
        }

        if (options.Uploads.SpoolFolder.IndexOfAny(['/', '\\']) >= 0 || options.Uploads.SpoolFolder is "." or "..")
        {
            problems.Add(new("Server:Uploads:SpoolFolder is a folder name inside the data directory, not a path."));
        }

        return problems.Count == 0
            ? null
            : "The server's upload, refusal or stage-2 limits are not valid: " + string.Join("; ", problems.Select(p => p.ErrorMessage));
    }

    // Plain HTTP without authentication is for loopback only; over a network the listener needs mutual TLS (issue 20).
    private static string? MetricsProblem(MetricsOptions metrics)
    {
        if (!metrics.Enabled)
        {
            return null;
        }

        if (!metrics.Path.StartsWith('/'))
        {
            return $"Server:Metrics:Path is \"{metrics.Path}\"; it is a path beginning with '/', such as /metrics.";
        }

        var listen = metrics.Listen.Trim();
        var colon = listen.LastIndexOf(':');
        return !metrics.RequireClientCertificate && colon > 0
            && System.Net.IPAddress.TryParse(listen[..colon].Trim('[', ']'), out var address) && !System.Net.IPAddress.IsLoopback(address)
            ? $"Server:Metrics:Listen is {listen}, not a loopback address, and the metrics listener has no authentication. Set "
              + "Server:Metrics:RequireClientCertificate=true (Prometheus then scrapes with an operator certificate over mutual TLS), "
              + "or listen on loopback (127.0.0.1:9464) and scrape from the same host."
            : null;
    }

    private static string? CompletenessProblem(ServerOptions options)
    {
        var problems = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true);
        foreach (var project in options.Projects)
        {
            Validator.TryValidateObject(project, new ValidationContext(project), problems, validateAllProperties: true);
        }

        return problems.Count == 0
            ? null
            : "The server configuration is incomplete: "
              + string.Join("; ", problems.Select(p => $"Server:{string.Join(",", p.MemberNames)}: {p.ErrorMessage}"));
    }
}
