using Aquila.Benchmarks;
using BenchmarkDotNet.Running;

if (args.Length >= 3 && args[0] == "sample-csv")
{
    // Writes a CSV of synthetic records for end-to-end runs of `aquila node tokenize`.
    SampleRecords.WriteCsv(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), seed: 1);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SampleRecords).Assembly).Run(args);
