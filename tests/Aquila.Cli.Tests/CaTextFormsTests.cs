using System.Security.Cryptography.X509Certificates;
using Aquila.Cli.Commands;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Cli.Tests;

// The small text conversions of the PKI commands, in-process.
public sealed class CaTextFormsTests
{
    private static Arbitrary<string> LineText() =>
        ArbMap.Default.ArbFor<string>().Filter(s => s is not null && !s.Contains('\n') && !s.Contains('\r'));

    [FsCheck.Xunit.Property]
    public Property The_passphrase_is_the_first_line_without_its_line_break() =>
        Prop.ForAll(LineText(), ArbMap.Default.ArbFor<string>(), ArbMap.Default.ArbFor<bool>(), (line, rest, crlf) =>
            CaPassphrase.FirstLine(line + (crlf ? "\r\n" : "\n") + rest) == line && CaPassphrase.FirstLine(line) == line);

    [FsCheck.Xunit.Property]
    public Property Grouping_a_fingerprint_only_inserts_a_space_after_every_four_digits() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>().Filter(b => b is not null), bytes =>
        {
            var hex = Convert.ToHexString(bytes);
            var groups = CaFingerprint.Grouped(hex).Split(' ');
            return string.Concat(groups) == hex && groups.Take(groups.Length - 1).All(g => g.Length == 4) && groups[^1].Length <= 4;
        });

    [FsCheck.Xunit.Property]
    public Property A_serial_typed_in_lower_case_with_colons_and_leading_zeros_normalises_to_the_index_form() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>().Filter(b => b is { Length: > 0 } && b[0] != 0), bytes =>
        {
            var hex = Convert.ToHexString(bytes).TrimStart('0');
            var typed = "00:" + string.Join(':', Convert.ToHexString(bytes).ToLowerInvariant().Chunk(2).Select(p => new string(p)));
            return CaSerialNumber.Normalize(typed) == hex && CaSerialNumber.Normalize("0x" + hex) == hex;
        });

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("12G4")]
    [InlineData("RS-node-1")]
    public void Text_that_is_not_hex_is_not_a_serial(string text) => Assert.Null(CaSerialNumber.Normalize(text));

    [Theory]
    [InlineData("key-compromise", X509RevocationReason.KeyCompromise)]
    [InlineData("superseded", X509RevocationReason.Superseded)]
    [InlineData("cessation-of-operation", X509RevocationReason.CessationOfOperation)]
    public void A_revocation_reason_name_parses_and_prints_back(string name, X509RevocationReason reason)
    {
        Assert.True(CaRevocationReason.TryParse(name, out var parsed));
        Assert.Equal(reason, parsed);
        Assert.Equal(name, CaRevocationReason.ToName(parsed));
    }

    [Theory]
    [InlineData("KeyCompromise")]
    [InlineData("compromised")]
    [InlineData("")]
    public void An_unknown_revocation_reason_is_refused(string name) => Assert.False(CaRevocationReason.TryParse(name, out _));
}
