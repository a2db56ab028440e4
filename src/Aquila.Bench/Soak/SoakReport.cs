using System.Globalization;
using System.Text;

namespace Aquila.Bench.Soak;

/// <summary>The samples of a soak run, its verdict, and remarks for people.</summary>
public sealed class SoakReport(IReadOnlyList<SoakSample> samples, IReadOnlyList<string> notes)
{
    /// <summary>The samples, in time order.</summary>
    public IReadOnlyList<SoakSample> Samples { get; } = samples;

    /// <summary>The verdict over <see cref="Samples"/>.</summary>
    public SoakVerdict Verdict { get; } = SoakVerdict.Of(samples);

    /// <summary>Parameters and remarks.</summary>
    public IReadOnlyList<string> Notes { get; } = notes;

    /// <summary>Column names of <see cref="ToCsv"/>.</summary>
    public const string CsvHeader =
        "elapsed_s,rss_mib,gc_heap_mib,batches_acked,batches_acked_total,tokens_per_s,ack_p50_ms,ack_p99_ms,hit_events,status_queries,list_queries,list_query_hits,query_p50_ms,query_p99_ms,list_changes,errors,errors_by_code,open_projects,purged_projects";

    /// <summary>The samples as CSV (invariant culture, one line per sample, header first).</summary>
    public string ToCsv()
    {
        var inv = CultureInfo.InvariantCulture;
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var s in Samples)
        {
            csv.Append(inv, $"{s.ElapsedSeconds:F1},{s.RssBytes / 1048576.0:F1},{s.GcHeapBytes / 1048576.0:F1},{s.BatchesAcked},{s.BatchesAckedTotal},")
                .Append(inv, $"{s.TokensPerSecond:F0},{s.AckP50Ms:F2},{s.AckP99Ms:F2},{s.HitEvents},{s.StatusQueries},")
                .Append(inv, $"{s.ListQueries},{s.ListQueryHits},{s.QueryP50Ms:F2},{s.QueryP99Ms:F2},{s.ListChanges},{s.ErrorCount},")
                .Append(ErrorsText(s.Errors)).Append(inv, $",{s.OpenProjects},{s.PurgedProjects}\n");
        }

        return csv.ToString();
    }

    /// <summary>Errors as <c>Code=count;Code=count</c> (empty when none).</summary>
    public static string ErrorsText(IReadOnlyDictionary<string, long> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var parts = new List<string>();
        foreach (var (code, count) in errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            parts.Add(code + "=" + count.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(";", parts);
    }
}
