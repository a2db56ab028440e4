using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Aquila.Server.Tests.Metrics;

/// <summary>
/// A real Prometheus on a free loopback port, with the shipped deploy/prometheus configuration (its target and intervals
/// substituted) and the shipped alert rules, storing into a temporary folder. Killed and removed on dispose.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly HttpClient _http;

    private PrometheusProcess(Process process, TempDirectory directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Address { get; }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> ("host:port") every second, and waits until it is ready.</summary>
    public static async Task<PrometheusProcess> StartAsync(string binary, string target, CancellationToken cancellationToken)
    {
        var directory = new TempDirectory();
        var deploy = RepositoryFiles.PathOf(Path.Combine("deploy", "prometheus"));
        var config = File.ReadAllText(Path.Combine(deploy, "prometheus.yml"))
            .Replace("127.0.0.1:9464", target, StringComparison.Ordinal)
            .Replace("scrape_interval: 15s", "scrape_interval: 1s", StringComparison.Ordinal)
            .Replace("evaluation_interval: 15s", "evaluation_interval: 1s", StringComparison.Ordinal);
        File.WriteAllText(directory.File("prometheus.yml"), config);
        File.Copy(Path.Combine(deploy, "aquila-alerts.yml"), directory.File("aquila-alerts.yml"));
        var port = LoopbackPorts.Take();
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + directory.File("prometheus.yml"),
            "--storage.tsdb.path=" + directory.File("data"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
            "--web.enable-lifecycle",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prometheus = new PrometheusProcess(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await prometheus.WaitReadyAsync(cancellationToken);
            return prometheus;
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
    }

    /// <summary>The value of an instant query's single sample (the sum when there are several), or null when there is none.</summary>
    public async Task<double?> QueryAsync(string promql, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync("api/v1/query?query=" + Uri.EscapeDataString(promql), cancellationToken);
        var results = document.RootElement.GetProperty("data").GetProperty("result");
        if (results.GetArrayLength() == 0)
        {
            return null;
        }

        var sum = 0.0;
        foreach (var result in results.EnumerateArray())
        {
            sum += double.Parse(result.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    /// <summary>Polls <paramref name="promql"/> until <paramref name="accept"/> holds or the time is up; returns the last value.</summary>
    public async Task<double?> WaitForAsync(string promql, Func<double?, bool> accept, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        double? value;
        do
        {
            value = await QueryAsync(promql, cancellationToken);
            if (accept(value))
            {
                return value;
            }

            await Task.Delay(250, cancellationToken);
        }
        while (DateTime.UtcNow < deadline);
        return value;
    }

    /// <summary>The names of the alerting rules Prometheus loaded.</summary>
    public async Task<IReadOnlyList<string>> AlertRuleNamesAsync(CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync("api/v1/rules?type=alert", cancellationToken);
        var names = new List<string>();
        foreach (var group in document.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray())
        {
            foreach (var rule in group.GetProperty("rules").EnumerateArray())
            {
                names.Add(rule.GetProperty("name").GetString()!);
            }
        }

        return names;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await ChildProcesses.KillAsync(_process);
        _directory.Dispose();
    }

    private async Task<JsonDocument> GetJsonAsync(string relative, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(relative, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode} (a bad configuration or rule file?)");
            }

            try
            {
                using var response = await _http.GetAsync("-/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("prometheus did not become ready within 20 s");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

}
