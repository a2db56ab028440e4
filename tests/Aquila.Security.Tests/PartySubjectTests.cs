using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Security.Tests;

public sealed class PartySubjectTests
{
    private const string NameCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

    private static Arbitrary<PartySubject> Subjects()
    {
        var letter = Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray());
        var party = Gen.Choose(2, 3).SelectMany(length => Gen.ArrayOf(letter, length)).Select(chars => new string(chars));
        var role = Gen.Elements(Enum.GetValues<PartyRole>());
        var name = Gen.Choose(1, PartySubject.MaxNameLength)
            .SelectMany(length => Gen.ArrayOf(Gen.Elements(NameCharacters.ToCharArray()), length))
            .Select(chars => new string(chars));
        return party.SelectMany(p => role.SelectMany(r => name.Select(n => new PartySubject(p, r, n)))).ToArbitrary();
    }

    [FsCheck.Xunit.Property]
    public Property Party_role_and_name_survive_the_distinguished_name_round_trip() =>
        Prop.ForAll(Subjects(), subject =>
            PartySubject.TryParse(subject.ToDistinguishedName(), out var parsed, out _) && parsed == subject);

    [FsCheck.Xunit.Property]
    public Property A_common_name_that_disagrees_with_the_role_is_refused() =>
        Prop.ForAll(Subjects(), subject =>
        {
            var otherRole = (PartyRole)(((int)subject.Role + 1) % Enum.GetValues<PartyRole>().Length);
            var name = Build(subject.Party, PartyRoleText.ToText(otherRole), subject.CommonName);
            return !PartySubject.TryParse(name, out _, out _);
        });

    [Theory]
    [InlineData("RS")]
    [InlineData("PCC")]
    [InlineData("XK")]
    public void Party_codes_of_two_or_three_capitals_are_valid(string code) => Assert.True(PartyCode.IsValid(code));

    [Theory]
    [InlineData("")]
    [InlineData("R")]
    [InlineData("rs")]
    [InlineData("RSBA")]
    [InlineData("R1")]
    [InlineData("RŠ")]
    public void Other_party_codes_are_invalid(string code) => Assert.False(PartyCode.IsValid(code));

    [Fact]
    public void The_subject_layout_is_organisation_unit_and_common_name()
    {
        var subject = new PartySubject("RS", PartyRole.Node, "1");

        var name = subject.ToDistinguishedName();

        Assert.Equal("CN=RS-node-1, OU=node, O=RS", name.Name);
    }

    [Fact]
    public void The_subject_is_encoded_most_significant_attribute_first()
    {
        var der = new PartySubject("RS", PartyRole.Node, "1").ToDistinguishedName().RawData;

        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var types = new List<string>();
        while (reader.HasData)
        {
            var attribute = reader.ReadSetOf().ReadSequence();
            types.Add(attribute.ReadObjectIdentifier());
        }

        Assert.Equal(["2.5.4.10", "2.5.4.11", "2.5.4.3"], types);
    }

    [Theory]
    [InlineData("CN=RS-node-1, OU=node")]
    [InlineData("CN=RS-node-1, O=RS")]
    [InlineData("OU=node, O=RS")]
    [InlineData("CN=Some Person")]
    public void A_subject_missing_an_attribute_is_refused(string distinguishedName)
    {
        var parsed = PartySubject.TryParse(new X500DistinguishedName(distinguishedName), out _, out var error);

        Assert.False(parsed);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("rs", "node", "rs-node-1")]
    [InlineData("RS", "Node", "RS-Node-1")]
    [InlineData("RS", "admin", "RS-admin-1")]
    [InlineData("RS", "node", "BA-node-1")]
    [InlineData("RS", "node", "RS-node-")]
    [InlineData("RS", "node", "RS-node-a b")]
    [InlineData("RSX1", "node", "RSX1-node-1")]
    public void A_subject_with_an_invalid_or_inconsistent_attribute_is_refused(string party, string role, string commonName)
    {
        Assert.False(PartySubject.TryParse(Build(party, role, commonName), out _, out _));
    }

    [Fact]
    public void A_subject_with_a_repeated_organisation_is_refused()
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationName("RS");
        builder.AddOrganizationName("BA");
        builder.AddOrganizationalUnitName("node");
        builder.AddCommonName("RS-node-1");

        Assert.False(PartySubject.TryParse(builder.Build(), out _, out _));
    }

    [Fact]
    public void A_subject_with_an_extra_attribute_is_refused()
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("RS");
        builder.AddOrganizationName("RS");
        builder.AddOrganizationalUnitName("node");
        builder.AddCommonName("RS-node-1");

        Assert.False(PartySubject.TryParse(builder.Build(), out _, out _));
    }

    [Fact]
    public void The_parse_error_does_not_repeat_the_subject_text()
    {
        PartySubject.TryParse(Build("RS", "node", "RS-node-Canary Zebrović"), out _, out var error);

        Assert.NotNull(error);
        Assert.DoesNotContain("Canary", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Creating_a_subject_with_an_invalid_name_throws()
    {
        Assert.Throws<ArgumentException>(() => new PartySubject("RS", PartyRole.Node, "has space"));
    }

    [Theory]
    [InlineData(PartyRole.Node, "node")]
    [InlineData(PartyRole.Analyst, "analyst")]
    [InlineData(PartyRole.Coordinator, "coordinator")]
    [InlineData(PartyRole.Operator, "operator")]
    [InlineData(PartyRole.Auditor, "auditor")]
    public void Role_text_round_trips(PartyRole role, string text)
    {
        Assert.Equal(text, PartyRoleText.ToText(role));
        Assert.True(PartyRoleText.TryParse(text, out var parsed));
        Assert.Equal(role, parsed);
    }

    private static X500DistinguishedName Build(string party, string role, string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationName(party);
        builder.AddOrganizationalUnitName(role);
        builder.AddCommonName(commonName);
        return builder.Build();
    }
}
