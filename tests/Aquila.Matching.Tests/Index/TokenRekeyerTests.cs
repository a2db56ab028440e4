using System.Security.Cryptography;
using Aquila.Matching.Index;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Matching.Tests.Index;

public sealed class TokenRekeyerTests
{
    private static readonly Arbitrary<byte[]> Block = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 16).ToArbitrary();

    private static readonly Arbitrary<byte[]> Blocks =
        Gen.Choose(0, 37).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n * 16)).ToArbitrary();

    [Fact]
    public void Encrypts_the_FIPS_197_example_block()
    {
        var key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        var plain = Convert.FromHexString("00112233445566778899aabbccddeeff");
        using var hardware = new TokenRekeyer(key);
        using var software = new TokenRekeyer(key, allowHardware: false);
        var fromHardware = new byte[16];
        var fromSoftware = new byte[16];

        hardware.Rekey(plain, fromHardware);
        software.Rekey(plain, fromSoftware);

        Assert.Equal("69c4e0d86a7b0430d8cdb78070b4c55a", Convert.ToHexStringLower(fromHardware));
        Assert.Equal("69c4e0d86a7b0430d8cdb78070b4c55a", Convert.ToHexStringLower(fromSoftware));
    }

    [Fact]
    public void Uses_AES_NI_on_this_machine()
    {
        using var rekeyer = new TokenRekeyer(new byte[16]);

        Assert.Equal(System.Runtime.Intrinsics.X86.Aes.IsSupported, rekeyer.IsHardwareAccelerated);
    }

    [FsCheck.Xunit.Property]
    public Property Intrinsics_agree_with_the_BCL_AES_ECB() =>
        Prop.ForAll(Block, Blocks, (key, tokens) =>
        {
            using var rekeyer = new TokenRekeyer(key);
            using var bcl = Aes.Create();
            bcl.Key = key;
            var expected = bcl.EncryptEcb(tokens, PaddingMode.None);
            var many = new byte[tokens.Length];
            rekeyer.RekeyMany(tokens, many);
            var single = new byte[tokens.Length];
            for (var i = 0; i < tokens.Length; i += 16)
            {
                rekeyer.Rekey(tokens.AsSpan(i, 16), single.AsSpan(i, 16));
            }

            return expected.AsSpan().SequenceEqual(many) && expected.AsSpan().SequenceEqual(single);
        });

    [FsCheck.Xunit.Property]
    public Property Keeps_equality_and_changes_the_value() =>
        Prop.ForAll(Block, Block, Block, (key, a, b) =>
        {
            using var rekeyer = new TokenRekeyer(key);
            var ra = new byte[16];
            var ra2 = new byte[16];
            var rb = new byte[16];
            rekeyer.Rekey(a, ra);
            rekeyer.Rekey(a.ToArray(), ra2);
            rekeyer.Rekey(b, rb);

            return ra.AsSpan().SequenceEqual(ra2)
                && !ra.AsSpan().SequenceEqual(a)
                && a.AsSpan().SequenceEqual(b) == ra.AsSpan().SequenceEqual(rb);
        });

    [Fact]
    public void Different_server_keys_give_different_tokens()
    {
        var token = IndexTestData.Token(42);
        using var first = new TokenRekeyer(Enumerable.Repeat((byte)1, 16).ToArray());
        using var second = new TokenRekeyer(Enumerable.Repeat((byte)2, 16).ToArray());
        var a = new byte[16];
        var b = new byte[16];

        first.Rekey(token, a);
        second.Rekey(token, b);

        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rekeys_in_place(bool allowHardware)
    {
        var key = Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c");
        var tokens = new byte[16 * 9];
        Random.Shared.NextBytes(tokens);
        var expected = new byte[tokens.Length];
        using var rekeyer = new TokenRekeyer(key, allowHardware);
        rekeyer.RekeyMany(tokens, expected);

        rekeyer.RekeyMany(tokens, tokens);

        Assert.Equal(expected, tokens);
    }

    [Fact]
    public void Refuses_a_key_that_is_not_16_bytes()
    {
        var error = Assert.Throws<ArgumentException>(() => new TokenRekeyer(new byte[32]));

        Assert.Contains("16 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_partial_token()
    {
        using var rekeyer = new TokenRekeyer(new byte[16]);

        Assert.Throws<ArgumentException>(() => rekeyer.RekeyMany(new byte[20], new byte[32]));
    }

    [Fact]
    public void Refuses_use_after_dispose()
    {
        var rekeyer = new TokenRekeyer(new byte[16]);
        rekeyer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => rekeyer.Rekey(new byte[16], new byte[16]));
    }
}
