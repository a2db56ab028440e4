using System.Security.Cryptography;
using Aquila.Tokens.Comparison;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Comparison;

public class SaltCipherTests
{
    [Fact]
    public void The_cipher_gives_the_FIPS_197_AES_128_example_vector()
    {
        // FIPS-197 appendix C.1.
        using var cipher = new SaltCipher();
        var output = new byte[16];

        cipher.EncryptEcb(Convert.FromHexString("000102030405060708090a0b0c0d0e0f"), Convert.FromHexString("00112233445566778899aabbccddeeff"), output);

        Assert.Equal("69c4e0d86a7b0430d8cdb78070b4c55a", Convert.ToHexStringLower(output));
    }

    [Fact]
    public void The_intrinsic_path_enciphers_as_the_platform_AES_under_many_keys()
    {
        using var intrinsic = new SaltCipher();
        using var platform = new SaltCipher(useIntrinsics: false);
        Assert.False(platform.UsesIntrinsics);
        var property = Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), ArbMap.Default.ArbFor<byte[]>(), (keySeed, data) =>
        {
            var key = SHA256.HashData(keySeed)[..16];
            var input = new byte[((data.Length / 16) + 1) * 16];
            data.CopyTo(input, 0);
            var expected = new byte[input.Length];
            var actual = new byte[input.Length];
            platform.EncryptEcb(key, input, expected);
            intrinsic.EncryptEcb(key, input, actual);
            return expected.AsSpan().SequenceEqual(actual);
        });
        Check.QuickThrowOnFailure(property);
    }
}
