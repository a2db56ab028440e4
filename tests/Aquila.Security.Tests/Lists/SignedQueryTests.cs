using Aquila.Security.Lists;
using Aquila.Security.Tests.Offline;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Security.Tests.Lists;

public sealed class SignedQueryTests : IDisposable
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly OfflinePki _pki = new();

    private SignedQuery Sign(string party, string caseReference, string officer, byte[] tokens)
    {
        var node = _pki.Holder(party);
        var schema = new byte[32];
        schema[0] = 9;
        var nonce = new byte[QuerySignature.NonceSize];
        nonce[3] = 1;
        var signature = QuerySignature.Sign(node, QuerySignature.Message("list-1", caseReference, officer, schema, tokens, Now, nonce));
        return SignedQuery.Of("list-1", caseReference, officer, schema, tokens, Now, nonce, signature, node);
    }

    [Fact]
    public void A_signed_query_verifies_against_the_CA_and_the_signing_party()
    {
        var signed = Sign("ME", "CASE-1", "ME-OFF-12", [1, 2, 3]);

        Assert.Null(signed.Verify(_pki.Authority, "ME"));
        Assert.NotNull(signed.Verify(_pki.Authority, "RS"));
    }

    [Fact]
    public void A_signed_query_from_another_CA_does_not_verify()
    {
        var signed = Sign("ME", "CASE-1", "ME-OFF-12", [1, 2, 3]);

        Assert.Contains("not issued by your CA", signed.Verify(_pki.Holder("XX", foreign: true), "ME"), StringComparison.Ordinal);
    }

    [Fact]
    public void Any_changed_signed_field_breaks_the_signature()
    {
        var signed = Sign("ME", "CASE-1", "ME-OFF-12", [1, 2, 3]);
        var otherDigest = signed.TokenEntriesSha256.ToArray();
        otherDigest[0] ^= 1;

        Assert.NotNull((signed with { OfficerId = "ME-OFF-13" }).Verify(_pki.Authority, "ME"));
        Assert.NotNull((signed with { CaseReference = "CASE-2" }).Verify(_pki.Authority, "ME"));
        Assert.NotNull((signed with { TokenEntriesSha256 = otherDigest }).Verify(_pki.Authority, "ME"));
        Assert.NotNull((signed with { SignedAtUnixMs = signed.SignedAtUnixMs + 1 }).Verify(_pki.Authority, "ME"));
        Assert.NotNull((signed with { SchemaSha256 = new byte[32] }).Verify(_pki.Authority, "ME"));
    }

    [FsCheck.Xunit.Property(MaxTest = 30)]
    public Property A_signed_query_decodes_to_what_was_encoded() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<NonEmptyString>().ToArbitrary(), ArbMap.Default.GeneratorFor<byte[]>().ToArbitrary(),
            (caseReference, tokens) =>
            {
                var text = caseReference.Get.Length > 100 ? caseReference.Get[..100] : caseReference.Get;
                var signed = Sign("RS", text, "officer", tokens ?? []);
                var decoded = SignedQuery.Decode(signed.Encode());
                return decoded.CaseReference == text && decoded.Signature.Span.SequenceEqual(signed.Signature.Span)
                    && decoded.SignerCertificate.Span.SequenceEqual(signed.SignerCertificate.Span) && decoded.Verify(_pki.Authority, "RS") is null;
            });

    [Fact]
    public void A_cut_or_foreign_encoding_is_refused()
    {
        var encoded = Sign("ME", "CASE-1", "ME-OFF-12", [1]).Encode();

        Assert.Throws<InvalidDataException>(() => SignedQuery.Decode(encoded.AsSpan(0, encoded.Length - 1)));
        Assert.Throws<InvalidDataException>(() => SignedQuery.Decode([.. encoded, 0]));
        Assert.Throws<InvalidDataException>(() => SignedQuery.Decode("AQSQ0"u8));
    }

    public void Dispose() => _pki.Dispose();
}
