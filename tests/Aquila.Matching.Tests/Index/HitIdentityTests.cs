using System.Security.Cryptography;
using System.Text;
using Aquila.Matching.Index;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Matching.Tests.Index;

public sealed class HitIdentityTests
{
    private static readonly Arbitrary<byte[]> HandleBytes = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 16).ToArbitrary();

    [Fact]
    public void Follows_the_documented_encoding()
    {
        var rs = IndexTestData.Handle(0, 1);
        var ba = IndexTestData.Handle(1, 2);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("aquila-hit-v1"u8);
        hash.AppendData([0, (byte)IndexTestData.ProjectId.Length]);
        hash.AppendData(Encoding.UTF8.GetBytes(IndexTestData.ProjectId));
        hash.AppendData([2, (byte)'B', (byte)'A']);
        hash.AppendData(ba);
        hash.AppendData([2, (byte)'R', (byte)'S']);
        hash.AppendData(rs);
        var expected = Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));

        var id = HitIdentity.Compute(IndexTestData.ProjectId, "RS", rs, "BA", ba);

        Assert.Equal(expected, id.ToString());
    }

    [FsCheck.Xunit.Property]
    public Property Is_the_same_whichever_side_comes_first(NonEmptyString projectId) =>
        Prop.ForAll(HandleBytes, HandleBytes, (a, b) =>
            HitIdentity.Compute(Clip(projectId.Get), "AL", a, "XK", b) == HitIdentity.Compute(Clip(projectId.Get), "XK", b, "AL", a));

    [FsCheck.Xunit.Property]
    public Property Differs_between_projects() =>
        Prop.ForAll(HandleBytes, HandleBytes, (a, b) =>
            HitIdentity.Compute("project-1", "AL", a, "XK", b) != HitIdentity.Compute("project-2", "AL", a, "XK", b));

    [Fact]
    public void Is_the_same_across_independent_runs()
    {
        HitId RunOnce()
        {
            var detector = IndexTestData.Detector();
            detector.AddBatch(2, IndexTestData.Batch(2, IndexTestData.Record(3, 0, 30)));
            detector.AddBatch(0, IndexTestData.Batch(0, IndexTestData.Record(8, 1, 5)));
            return detector.AddBatch(0, IndexTestData.Batch(0, IndexTestData.Record(4, 0, 30)))[0].Hit.Id;
        }

        Assert.Equal(RunOnce(), RunOnce());
    }

    [Fact]
    public void Swapping_handles_between_the_parties_changes_the_id()
    {
        var a = IndexTestData.Handle(0, 1);
        var b = IndexTestData.Handle(1, 1);

        Assert.NotEqual(HitIdentity.Compute("p", "RS", a, "BA", b), HitIdentity.Compute("p", "RS", b, "BA", a));
    }

    private static string Clip(string value) => value.Length > 64 ? value[..64] : value;
}
