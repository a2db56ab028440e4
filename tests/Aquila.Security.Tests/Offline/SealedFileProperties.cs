using Aquila.Security.Offline;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Security.Tests.Offline;

/// <summary>Round trip of any content, and any flipped byte or truncation refused with a <see cref="SealedFileException"/>.</summary>
public sealed class SealedFileProperties(OfflinePki pki) : IClassFixture<OfflinePki>
{
    private static readonly Lazy<byte[]> Content = new(() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(300));

    private byte[] Sealed() => SealedFileWriter.Seal(
        new SealedFileHeader(SealedFileKind.Hits, "proj-ž", "XK", new byte[16], DateTimeOffset.UnixEpoch, Content.Value.Length),
        Content.Value, pki.Holder("XK"), pki.Server, [pki.Authority]);

    [FsCheck.Xunit.Property(MaxTest = 40)]
    public Property Any_content_round_trips() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<byte[]>().ToArbitrary(), content =>
        {
            var header = new SealedFileHeader(SealedFileKind.TokenBatch, "p", "RS", new byte[16], DateTimeOffset.UnixEpoch, content.Length);
            var bytes = SealedFileWriter.Seal(header, content, pki.Server, pki.Holder("RS"));
            return SealedFile.Read(bytes, SealedFileKind.TokenBatch, 1 << 20).Open(pki.Server).AsSpan().SequenceEqual(content);
        });

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public Property Any_flipped_byte_is_refused() =>
        Prop.ForAll(Flip(), flip =>
        {
            var bytes = Sealed();
            bytes[flip.Position % bytes.Length] ^= flip.Mask;
            return IsRefused(bytes);
        });

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public Property Any_truncation_is_refused() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), cut =>
        {
            var bytes = Sealed();
            return IsRefused(bytes.AsSpan(0, cut % bytes.Length).ToArray());
        });

    private bool IsRefused(byte[] bytes)
    {
        try
        {
            SealedFile.Read(bytes, SealedFileKind.Hits, 1 << 20).Open(pki.Holder("XK"));
            return false;
        }
        catch (SealedFileException)
        {
            return true;
        }
    }

    private static Arbitrary<(int Position, byte Mask)> Flip() =>
        (from position in Gen.Choose(0, int.MaxValue)
         from mask in Gen.Choose(1, 255)
         select (position, (byte)mask)).ToArbitrary();
}
