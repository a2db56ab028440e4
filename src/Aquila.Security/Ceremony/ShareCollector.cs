using System.Security.Cryptography;

namespace Aquila.Security.Ceremony;

/// <summary>Opens the shares addressed to one participant, insists on exactly one from every other party, and derives K_project.</summary>
internal static class ShareCollector
{
    /// <summary>Derives the key for opening a share from <c>sender</c> to us into the span.</summary>
    public delegate void ShareKeyDerivation(RosterEntry sender, Span<byte> key);

    public static byte[] DeriveProjectKey(
        string projectId,
        string ownParty,
        RosterEntry[] roster,
        byte[] transcript,
        ReadOnlySpan<byte> ownShare,
        IReadOnlyList<ShareEnvelope> addressedToMe,
        ShareKeyDerivation deriveKey)
    {
        var shares = new byte[roster.Length * CeremonyWire.ShareLength];
        var received = new bool[roster.Length];
        Span<byte> key = stackalloc byte[32];
        try
        {
            foreach (var envelope in addressedToMe)
            {
                var index = Check(envelope, ownParty, roster, transcript, received);
                deriveKey(roster[index], key);
                var slot = shares.AsSpan(index * CeremonyWire.ShareLength, CeremonyWire.ShareLength);
                if (!ShareCipher.TryOpen(key, projectId, envelope, slot))
                {
                    throw new CeremonyException(CeremonyFailureKind.BadShare, envelope.From,
                        $"The share from {envelope.From} does not decrypt: it was altered in transit, sealed for another party, or not made by {envelope.From}. Do not continue; report it.");
                }

                received[index] = true;
            }

            var missing = new List<string>();
            for (var i = 0; i < roster.Length; i++)
            {
                if (roster[i].Party == ownParty)
                {
                    ownShare.CopyTo(shares.AsSpan(i * CeremonyWire.ShareLength));
                }
                else if (!received[i])
                {
                    missing.Add(roster[i].Party);
                }
            }

            if (missing.Count > 0)
            {
                throw new CeremonyException(CeremonyFailureKind.MissingShare, missing[0],
                    $"No share arrived from {string.Join(", ", missing)}: the relay dropped it or the party has not sent it. Without every share there is no project key.");
            }

            return HKDF.DeriveKey(HashAlgorithmName.SHA256, shares, 32, transcript, CeremonyWire.ProjectKeyInfo.ToArray());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shares);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static int Check(ShareEnvelope envelope, string ownParty, RosterEntry[] roster, byte[] transcript, bool[] received)
    {
        if (envelope is null)
        {
            throw new CeremonyException(CeremonyFailureKind.MalformedMessage, null, "The relay delivered an empty share envelope.");
        }

        if (envelope.To != ownParty)
        {
            throw new CeremonyException(CeremonyFailureKind.MisaddressedShare, envelope.From,
                $"A share from {envelope.From} addressed to {envelope.To} was delivered to {ownParty}: the relay misrouted it.");
        }

        var index = IndexOf(roster, envelope.From);
        if (index < 0 || envelope.From == ownParty)
        {
            throw new CeremonyException(CeremonyFailureKind.UnexpectedParty, envelope.From,
                $"A share claims to come from {envelope.From}, which is not another party of this roster: the relay forged or misrouted it.");
        }

        if (!envelope.Transcript.SequenceEqual(transcript))
        {
            throw new CeremonyException(CeremonyFailureKind.TranscriptMismatch, envelope.From,
                $"The share from {envelope.From} was made for another transcript (fingerprint {CeremonyTranscript.Fingerprint(envelope.Transcript)}, ours {CeremonyTranscript.Fingerprint(transcript)}): it is replayed from another ceremony, or {envelope.From} was shown a different roster. Compare fingerprints; do not continue.");
        }

        if (received[index])
        {
            throw new CeremonyException(CeremonyFailureKind.ReplayedShare, envelope.From,
                $"A second share from {envelope.From} arrived: the relay replayed or duplicated it. Do not continue; report it.");
        }

        return index;
    }

    internal static int IndexOf(RosterEntry[] roster, string party)
    {
        for (var i = 0; i < roster.Length; i++)
        {
            if (roster[i].Party == party)
            {
                return i;
            }
        }

        return -1;
    }
}
