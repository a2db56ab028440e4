using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Security.Ceremony;

/// <summary>
/// Turns the registrations the relay delivered into the verified roster. Each registration is checked
/// cryptographically first (project, signature, certificate trust, certificate party and role), then against the
/// participant's own invitation (unexpected, duplicate and missing parties), then this participant's own entry.
/// </summary>
internal static class RosterVerifier
{
    public static RosterEntry[] Verify(
        CeremonyInvitation invitation,
        IReadOnlyList<Registration> registrations,
        CeremonyCertificateCheck checkCertificate,
        string ownParty,
        ReadOnlySpan<byte> ownPublicKey,
        ReadOnlySpan<byte> ownCertificateHash)
    {
        var byParty = new Registration?[invitation.Parties.Count];
        foreach (var registration in registrations)
        {
            if (registration is null)
            {
                throw new CeremonyException(CeremonyFailureKind.MalformedMessage, null, "The roster contains an empty registration.");
            }

            var keyHash = VerifyOne(invitation.ProjectId, registration, checkCertificate);
            var index = invitation.IndexOf(registration.Party);
            if (index < 0)
            {
                throw new CeremonyException(CeremonyFailureKind.UnexpectedParty, registration.Party,
                    $"The roster contains a registration of {registration.Party}, which is not invited to this project: the relay added a party. Do not continue; report it to the coordinator and the other parties.");
            }

            if (byParty[index] is not null)
            {
                throw new CeremonyException(CeremonyFailureKind.DuplicateParty, registration.Party,
                    $"The roster contains two registrations of {registration.Party}: the relay replayed an old registration or {registration.Party} registered twice. Restart the ceremony.");
            }

            if (invitation.Agreed?.KeyHashOf(registration.Party) is { } pinned && !CryptographicOperations.FixedTimeEquals(pinned.Span, keyHash))
            {
                throw new CeremonyException(CeremonyFailureKind.UnpinnedKey, registration.Party,
                    $"The registration of {registration.Party} is made with a node certificate whose public key (SHA-256 {Convert.ToHexString(keyHash)}) "
                    + $"is not the one agreed out of band for {registration.Party}: the CA issued a second certificate for {registration.Party}, "
                    + "and whoever holds it tries to take part in its place. Do not continue; call party "
                    + $"{registration.Party} and the other parties, and compare the hash with `aquila node fingerprint` on {registration.Party}'s node.");
            }

            byParty[index] = registration;
        }

        var missing = new List<string>();
        for (var i = 0; i < byParty.Length; i++)
        {
            if (byParty[i] is null)
            {
                missing.Add(invitation.Parties[i]);
            }
        }

        if (missing.Count > 0)
        {
            throw new CeremonyException(CeremonyFailureKind.MissingParty, missing[0],
                $"The roster has no registration of {string.Join(", ", missing)}: every invited party must register before the ceremony can continue.");
        }

        var own = byParty[invitation.IndexOf(ownParty)]!;
        if (!own.CeremonyPublicKey.SequenceEqual(ownPublicKey) || !own.CertificateHash.AsSpan().SequenceEqual(ownCertificateHash))
        {
            throw new CeremonyException(CeremonyFailureKind.SwappedKey, ownParty,
                $"The roster does not carry this node's own registration as it was sent ({ownParty}): the relay swapped or replayed it. Do not continue; report it.");
        }

        var roster = new RosterEntry[byParty.Length];
        for (var i = 0; i < roster.Length; i++)
        {
            var registration = byParty[i]!;
            roster[i] = new RosterEntry(registration.Party, registration.CeremonyPublicKey.ToArray(), registration.CertificateHash);
        }

        return roster;
    }

    // Returns the SHA-256 of the certificate's SubjectPublicKeyInfo, for the pin check.
    private static byte[] VerifyOne(string projectId, Registration registration, CeremonyCertificateCheck checkCertificate)
    {
        var party = registration.Party;
        if (!string.Equals(registration.ProjectId, projectId, StringComparison.Ordinal))
        {
            throw new CeremonyException(CeremonyFailureKind.WrongProject, party,
                $"The registration of {party} was made for another project: the relay delivered a registration of another project.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(registration.Certificate);
        }
        catch (CryptographicException e)
        {
            throw new CeremonyException(CeremonyFailureKind.UntrustedCertificate, party,
                $"The certificate in the registration of {party} cannot be read as an X.509 certificate.", e);
        }

        using (certificate)
        {
            if (!certificate.RawData.AsSpan().SequenceEqual(registration.Certificate))
            {
                throw new CeremonyException(CeremonyFailureKind.UntrustedCertificate, party,
                    $"The certificate in the registration of {party} is not a single DER certificate.");
            }

            try
            {
                // The signature covers the certificate's hash, so a certificate altered in transit fails here,
                // before any chain building looks at it.
                VerifySignature(registration, certificate);
                CheckTrustAndIdentity(registration, certificate, checkCertificate);
                return Pki.PublicKeyHash.Of(certificate);
            }
            catch (CryptographicException e)
            {
                throw new CeremonyException(CeremonyFailureKind.UntrustedCertificate, party,
                    $"The certificate in the registration of {party} cannot be checked: it is malformed.", e);
            }
        }
    }

    private static void VerifySignature(Registration registration, X509Certificate2 certificate)
    {
        var party = registration.Party;
        using var key = certificate.GetECDsaPublicKey() ?? throw new CeremonyException(
            CeremonyFailureKind.UntrustedCertificate, party, $"The certificate in the registration of {party} has no ECDSA key.");
        if (!key.VerifyData(registration.SignedData(), registration.Signature, HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new CeremonyException(CeremonyFailureKind.BadSignature, party,
                $"The signature on the registration of {party} does not verify with its node certificate: the ceremony key or another field was altered in transit. Do not continue; report it.");
        }
    }

    private static void CheckTrustAndIdentity(Registration registration, X509Certificate2 certificate, CeremonyCertificateCheck checkCertificate)
    {
        var party = registration.Party;
        var result = checkCertificate(certificate);
        if (!result.IsSuccess)
        {
            throw new CeremonyException(CeremonyFailureKind.UntrustedCertificate, party,
                $"The certificate in the registration of {party} is not trusted: {result.Message}");
        }

        if (!string.Equals(result.Identity.Party, party, StringComparison.Ordinal))
        {
            throw new CeremonyException(CeremonyFailureKind.WrongParty, party,
                $"The registration of {party} is made with a certificate of {result.Identity.Party}: one party cannot register for another.");
        }

        if (result.Identity.Role != PartyRole.Node)
        {
            throw new CeremonyException(CeremonyFailureKind.WrongParty, party,
                $"The registration of {party} is made with a {PartyRoleText.ToText(result.Identity.Role)} certificate; only node certificates take part in the key ceremony.");
        }
    }
}
