using Aquila.Matching.Storage;
using Aquila.Matching.Tests.Lists;

namespace Aquila.Matching.Tests.Fuzzing;

/// <summary>
/// A joint list's log (its one segment, written by a real list through 40 adds, removes, replaces and logged query
/// hits) mangled byte by byte, then the list opened on it: it must show exactly the state after some prefix of the
/// operations — every entry count and notification stream as it was then, so nothing half applied and no stream
/// reordered — and take a new change that survives another restart; or refuse with <see cref="WalCorruptionException"/>
/// naming the segment. Never another exception, never a hang. 80 cases here; AQUILA_FUZZ_CASES for the long mode.
/// </summary>
/// <remarks>
/// The list's log is its last (only) segment. Damage that a later intact record shows was already flushed (acknowledged
/// changes) must be refused (<see cref="VouchedDamage"/>); only damage no later record vouches for — a cut file, the last
/// record — may be cut off as a torn tail, giving a shorter prefix.
/// </remarks>
public sealed class ListLogFuzzTests
{
    private const int Operations = 40;

    [Fact]
    public async Task A_mangled_list_log_opens_to_the_state_after_a_prefix_of_its_changes_or_is_refused_naming_it()
    {
        var template = await TemplateAsync();

        Fuzz.Check("list logs", Fuzz.Mutations(), Fuzz.Cases(80), mutations => OneCaseAsync(template, mutations).GetAwaiter().GetResult());
    }

    private static async Task<string> OneCaseAsync(Template template, ByteMutation[] mutations)
    {
        var bed = new ListTestBed();
        var mangled = Fuzz.Apply(template.Segment, mutations);
        using (var file = bed.FileSystem.CreateFile(Path.Combine(bed.Directory, template.SegmentName)))
        {
            file.Write(0, mangled);
            file.FlushToDisk();
        }

        bed.FileSystem.FlushDirectory(bed.Directory);
        var mustRefuse = VouchedDamage.MustRefuse(template.Segment, mangled);
        int prefix;
        List<string> afterChange;
        try
        {
            await using var list = await bed.OpenAsync();
            var seen = ListWorkload.Observe(list);
            prefix = template.States.FindLastIndex(s => s.SequenceEqual(seen));
            Assert.True(prefix >= 0, "the list opened to a state that no prefix of its changes gives:\n" + string.Join("\n", seen));
            Assert.False(mustRefuse, $"the list opened to the state after {prefix} of {Operations} changes although later records show the damaged ones were acknowledged");
            await ListTestBed.AddAsync(list, "ME", ListTestBed.Entry(777, (1, 3)));
            afterChange = ListWorkload.Observe(list);
        }
        catch (WalCorruptionException e)
        {
            Assert.Equal(template.SegmentName, e.FileName);
            Assert.Contains(template.SegmentName, e.Message, StringComparison.Ordinal);
            return mustRefuse ? "refused: acknowledged records damaged" : "refused";
        }

        await using (var again = await bed.OpenAsync())
        {
            Assert.Equal(afterChange, ListWorkload.Observe(again));
        }

        return prefix == Operations ? "recovered whole" : prefix == 0 ? "recovered empty" : "recovered a prefix";
    }

    private static async Task<Template> TemplateAsync()
    {
        var operations = ListWorkload.Generate(new Random(20261127), Operations);
        var bed = new ListTestBed();
        var states = new List<List<string>>();
        await using (var list = await bed.OpenAsync())
        {
            states.Add(ListWorkload.Observe(list));
            foreach (var operation in operations)
            {
                await ListWorkload.ApplyAsync(list, operation, TestContext.Current.CancellationToken);
                states.Add(ListWorkload.Observe(list));
            }
        }

        var name = Assert.Single(bed.FileSystem.ListFiles(bed.Directory));
        Assert.Contains(states[^1], s => s.Contains("Duplicate", StringComparison.Ordinal));
        Assert.Contains(states[^1], s => s.Contains(" Query ", StringComparison.Ordinal));
        return new Template(name, bed.FileSystem.ReadAllBytes(Path.Combine(bed.Directory, name)), states);
    }

    private sealed record Template(string SegmentName, byte[] Segment, List<List<string>> States);
}
