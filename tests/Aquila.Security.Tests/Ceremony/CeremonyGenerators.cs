using Aquila.Security.Ceremony;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Security.Tests.Ceremony;

/// <summary>FsCheck generators of well-formed ceremony messages with arbitrary field contents.</summary>
internal static class CeremonyGenerators
{
    public static Gen<string> PartyCode() =>
        Gen.Choose(2, 3).SelectMany(length => Gen.Choose('A', 'Z').ArrayOf(length)).Select(chars => new string([.. chars.Select(c => (char)c)]));

    public static Gen<string> ProjectId() =>
        Gen.Choose(1, 60).SelectMany(length => Gen.Frequency(
                (8, Gen.Choose(0x20, 0x7E)),
                (1, Gen.Elements((int)'č', 'Ђ', 'ë', 'ж')))
            .ArrayOf(length))
        .Select(chars => new string([.. chars.Select(c => (char)c)]));

    public static Gen<byte[]> Bytes(int length) => ArbMap.Default.GeneratorFor<byte>().ArrayOf(length);

    public static Gen<Registration> Registration() =>
        from projectId in ProjectId()
        from party in PartyCode()
        from key in Bytes(32)
        from certificateLength in Gen.Choose(1, 900)
        from certificate in Bytes(certificateLength)
        from signature in Bytes(64)
        select new Registration(projectId, party, key, certificate, signature);

    public static Gen<ShareEnvelope> ShareEnvelope() =>
        from sender in PartyCode()
        from recipient in PartyCode()
        from transcript in Bytes(32)
        from nonce in Bytes(12)
        from sealedShare in Bytes(48)
        select new ShareEnvelope(sender, recipient, transcript, nonce, sealedShare);

    public static Gen<ConfirmationTag> Confirmation() =>
        from party in PartyCode()
        from transcript in Bytes(32)
        from tag in Bytes(32)
        select new ConfirmationTag(party, transcript, tag);

    /// <summary>Serialised messages of any of the three kinds, with the parser of their kind.</summary>
    public static Gen<(byte[] Bytes, Func<byte[], object> Parse)> AnyMessage() => Gen.OneOf(
        Registration().Select(r => (r.ToBytes(), (Func<byte[], object>)(b => Security.Ceremony.Registration.Parse(b)))),
        ShareEnvelope().Select(e => (e.ToBytes(), (Func<byte[], object>)(b => Security.Ceremony.ShareEnvelope.Parse(b)))),
        Confirmation().Select(c => (c.ToBytes(), (Func<byte[], object>)(b => ConfirmationTag.Parse(b)))));

    /// <summary>A byte position (reduced modulo the message length) and a non-zero XOR mask.</summary>
    public static Arbitrary<(int Position, byte Mask)> Flip() =>
        (from position in Gen.Choose(0, int.MaxValue)
         from mask in Gen.Choose(1, 255)
         select (position, (byte)mask)).ToArbitrary();

    public static byte[] Flipped(byte[] bytes, (int Position, byte Mask) flip)
    {
        var copy = (byte[])bytes.Clone();
        copy[flip.Position % copy.Length] ^= flip.Mask;
        return copy;
    }
}
