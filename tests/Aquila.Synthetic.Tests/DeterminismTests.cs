using Aquila.Tokens.Input;

namespace Aquila.Synthetic.Tests;

public class DeterminismTests
{
    private static SyntheticDataset Generate(int seed) =>
        SyntheticGenerator.Generate(new SynthOptions { Persons = 1500, Seed = seed });

    [Fact]
    public void The_same_seed_gives_identical_records_truth_and_variations()
    {
        var first = Generate(42);
        var second = Generate(42);

        Assert.True(Fingerprint(first).SequenceEqual(Fingerprint(second)), "records differ between two runs with the same seed");
        Assert.Equal(first.Truth, second.Truth);
        Assert.Equal(first.Variations, second.Variations);
    }

    [Fact]
    public void Another_seed_gives_other_records()
    {
        var first = Generate(42);
        var second = Generate(43);

        Assert.False(Fingerprint(first).SequenceEqual(Fingerprint(second)), "two seeds gave the same records");
    }

    [Fact]
    public void The_same_seed_writes_byte_identical_files()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();

        SyntheticDatasetWriter.Write(Generate(7), a.Path);
        SyntheticDatasetWriter.Write(Generate(7), b.Path);

        var files = Directory.GetFiles(a.Path);
        Assert.Equal(8, files.Length);
        foreach (var file in files)
        {
            Assert.True(
                File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(b.File(Path.GetFileName(file)))),
                Path.GetFileName(file) + " differs between two runs with the same seed");
        }
    }

    /// <summary>Every cell of every record, in order (compared as a whole: failures never print the cells).</summary>
    private static List<string?> Fingerprint(SyntheticDataset data)
    {
        var cells = new List<string?>();
        foreach (var party in data.Parties)
        {
            foreach (var r in data.RecordsByParty[party])
            {
                for (var f = 0; f < PersonFieldNames.Count; f++)
                {
                    cells.Add(r.Get((PersonField)f));
                }
            }
        }

        return cells;
    }
}
