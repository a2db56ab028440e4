using Aquila.Security.Pki;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Security.Tests;

public sealed class SerialNumberTests
{
    [FsCheck.Xunit.Property]
    public Property A_serial_typed_with_colons_in_lower_case_normalises_to_its_hex_form() =>
        Prop.ForAll(Gen.Fresh(SerialNumbers.NewSerial).ToArbitrary(), serial =>
        {
            var hex = Convert.ToHexString(serial);
            var typed = string.Join(':', hex.ToLowerInvariant().Chunk(2).Select(pair => new string(pair)));
            return SerialNumbers.Normalize(typed) == hex && SerialNumbers.FromBytes(serial) == hex;
        });

    [Fact]
    public void New_serials_are_16_byte_positive_integers_without_a_leading_zero_byte()
    {
        for (var i = 0; i < 100; i++)
        {
            var serial = SerialNumbers.NewSerial();

            Assert.Equal(16, serial.Length);
            Assert.InRange(serial[0], 0x40, 0x7F);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not hex")]
    [InlineData("12G4")]
    public void Text_that_is_not_hex_is_not_a_serial(string text) => Assert.Null(SerialNumbers.Normalize(text));
}
