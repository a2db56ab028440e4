using Aquila.Tokens.Normalization;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Normalization;

public sealed class JmbgTests
{
    private static readonly int[] Weights = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>Twelve digits and the raw m = 11 − (weighted sum mod 11), before 10 and 11 are mapped to 0.</summary>
    private static readonly Gen<(int[] Body, int M)> Body =
        Gen.Choose(0, 9).ArrayOf(12).Select(body =>
        {
            var sum = 0;
            for (var i = 0; i < 12; i++)
            {
                sum += body[i] * Weights[i];
            }

            return (body, 11 - (sum % 11));
        });

    private static string WithCheckDigit(int[] body, int m) =>
        string.Concat(body) + (m >= 10 ? 0 : m).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [FsCheck.Xunit.Property]
    public Property A_generated_JMBG_with_its_check_digit_is_valid() =>
        Prop.ForAll(Body.ToArbitrary(), b => IdentifierNormalizer.IsValidJmbg(WithCheckDigit(b.Body, b.M)));

    // With m of 10 and 11 both mapped to 0, two sums share a check digit, so single-digit errors are only
    // guaranteed to be caught when m is 1..9 (JMBGs with m = 10 are not issued in practice).
    [FsCheck.Xunit.Property]
    public Property Changing_any_one_digit_makes_a_JMBG_invalid() =>
        Prop.ForAll(
            Body.Where(b => b.M <= 9)
                .SelectMany(_ => Gen.Choose(0, 12), (b, position) => (b, position))
                .SelectMany(_ => Gen.Choose(1, 9), (t, delta) => (t.b, t.position, delta))
                .ToArbitrary(),
            t =>
            {
                var digits = WithCheckDigit(t.b.Body, t.b.M).ToCharArray();
                digits[t.position] = (char)('0' + ((digits[t.position] - '0' + t.delta) % 10));
                return !IdentifierNormalizer.IsValidJmbg(digits);
            });

    [Theory]
    [InlineData("0101990710008")]
    [InlineData("1503985450019")]
    [InlineData("3112988500120")]
    [InlineData("0707029150016")]
    [InlineData("1205867110130")] // m = 10 → check digit 0, as the brief specifies
    public void Known_JMBGs_with_correct_check_digits_are_valid(string jmbg) =>
        Assert.True(IdentifierNormalizer.IsValidJmbg(jmbg));

    [Theory]
    [InlineData("0101990710007")]
    [InlineData("010199071000")]
    [InlineData("01019907100080")]
    [InlineData("01019907100O8")]
    [InlineData("０１０１９９０７１０００８")]
    [InlineData("")]
    public void Wrong_check_digit_length_or_non_ASCII_digits_are_invalid(string jmbg) =>
        Assert.False(IdentifierNormalizer.IsValidJmbg(jmbg));
}
