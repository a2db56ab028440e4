using Aquila.Security.Ceremony;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Security.Tests.Ceremony;

public sealed class MessageEncodingTests
{
    [FsCheck.Xunit.Property]
    public Property A_registration_round_trips_through_its_bytes() =>
        Prop.ForAll(CeremonyGenerators.Registration().ToArbitrary(), registration =>
        {
            var bytes = registration.ToBytes();
            var parsed = Registration.Parse(bytes);
            return parsed.ToBytes().AsSpan().SequenceEqual(bytes)
                   && parsed.ProjectId == registration.ProjectId
                   && parsed.Party == registration.Party
                   && parsed.CeremonyPublicKey.SequenceEqual(registration.CeremonyPublicKey)
                   && parsed.Certificate.SequenceEqual(registration.Certificate)
                   && parsed.Signature.SequenceEqual(registration.Signature);
        });

    [FsCheck.Xunit.Property]
    public Property A_share_envelope_round_trips_through_its_bytes() =>
        Prop.ForAll(CeremonyGenerators.ShareEnvelope().ToArbitrary(), envelope =>
        {
            var bytes = envelope.ToBytes();
            var parsed = ShareEnvelope.Parse(bytes);
            return parsed.ToBytes().AsSpan().SequenceEqual(bytes)
                   && parsed.From == envelope.From
                   && parsed.To == envelope.To
                   && parsed.Transcript.SequenceEqual(envelope.Transcript)
                   && parsed.Nonce.SequenceEqual(envelope.Nonce)
                   && parsed.SealedShare.SequenceEqual(envelope.SealedShare);
        });

    [FsCheck.Xunit.Property]
    public Property A_confirmation_round_trips_through_its_bytes() =>
        Prop.ForAll(CeremonyGenerators.Confirmation().ToArbitrary(), confirmation =>
        {
            var bytes = confirmation.ToBytes();
            var parsed = ConfirmationTag.Parse(bytes);
            return parsed.ToBytes().AsSpan().SequenceEqual(bytes)
                   && parsed.Party == confirmation.Party
                   && parsed.Transcript.SequenceEqual(confirmation.Transcript)
                   && parsed.Tag.SequenceEqual(confirmation.Tag);
        });

    [FsCheck.Xunit.Property]
    public Property Every_truncation_of_a_message_is_malformed() =>
        Prop.ForAll(CeremonyGenerators.AnyMessage().ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (message, cut) =>
            IsMalformed(() => message.Parse(message.Bytes[..(cut % message.Bytes.Length)])));

    [FsCheck.Xunit.Property]
    public Property A_message_with_a_trailing_byte_is_malformed() =>
        Prop.ForAll(CeremonyGenerators.AnyMessage().ToArbitrary(), message =>
            IsMalformed(() => message.Parse([.. message.Bytes, 0])));

    [FsCheck.Xunit.Property]
    public Property A_message_of_one_kind_never_parses_as_another() =>
        Prop.ForAll(CeremonyGenerators.Registration().ToArbitrary(), CeremonyGenerators.ShareEnvelope().ToArbitrary(), (registration, envelope) =>
            IsMalformed(() => ShareEnvelope.Parse(registration.ToBytes()))
            && IsMalformed(() => ConfirmationTag.Parse(registration.ToBytes()))
            && IsMalformed(() => Registration.Parse(envelope.ToBytes()))
            && IsMalformed(() => ConfirmationTag.Parse(envelope.ToBytes())));

    [Fact]
    public void A_message_of_an_unknown_version_is_malformed()
    {
        var bytes = new ConfirmationTag("RS", new byte[32], new byte[32]).ToBytes();
        bytes[1] = 2;

        var failure = Assert.Throws<CeremonyException>(() => ConfirmationTag.Parse(bytes));

        Assert.Equal(CeremonyFailureKind.MalformedMessage, failure.Kind);
    }

    [Fact]
    public void A_share_envelope_has_the_documented_layout()
    {
        var envelope = new ShareEnvelope("RS", "BA", Enumerable.Repeat((byte)0xAA, 32).ToArray(), new byte[12], new byte[48]);

        var bytes = envelope.ToBytes();

        Assert.Equal([0x53, 0x01, 0x02, (byte)'R', (byte)'S', 0x02, (byte)'B', (byte)'A', 0xAA], bytes[..9]);
        Assert.Equal(2 + 3 + 3 + 32 + 12 + 48, bytes.Length);
    }

    private static bool IsMalformed(Action parse)
    {
        try
        {
            parse();
            return false;
        }
        catch (CeremonyException e)
        {
            return e.Kind == CeremonyFailureKind.MalformedMessage;
        }
    }
}
