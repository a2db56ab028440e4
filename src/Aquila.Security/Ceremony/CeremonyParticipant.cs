using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Aquila.Security.Ceremony;

/// <summary>
/// One node's side of the project key ceremony (docs/ceremony.md). Call, in order: <see cref="CreateRegistration"/>,
/// <see cref="AcceptRoster"/>, <see cref="CreateShares"/>, <see cref="AcceptShares"/>, <see cref="CreateConfirmation"/>,
/// <see cref="Finish"/>. Everything the relay delivers is verified here; any failure throws a
/// <see cref="CeremonyException"/> naming the party concerned and leaves the participant failed for good (start a new
/// ceremony). Not thread-safe. Dispose it to zero the ceremony secrets.
/// </summary>
public sealed class CeremonyParticipant : IDisposable
{
    private readonly CeremonyInvitation _invitation;
    private readonly X509Certificate2 _certificate;
    private readonly CeremonyCertificateCheck _checkCertificate;
    private readonly X25519PrivateKeyParameters _privateKey;
    private readonly byte[] _publicKey;
    private readonly byte[] _certificateHash;
    private readonly byte[] _share = new byte[CeremonyWire.ShareLength];
    private Registration? _registration;
    private RosterEntry[]? _roster;
    private byte[]? _transcript;
    private IReadOnlyList<ShareEnvelope>? _envelopes;
    private byte[]? _projectKey;
    private bool _finished;
    private bool _failed;
    private bool _disposed;

    /// <summary>Prepares a participant and its fresh X25519 ceremony key pair.</summary>
    /// <param name="invitation">The project and invited parties, as this party accepted them (not as the relay says).</param>
    /// <param name="nodeCertificate">This party's node certificate with its ECDSA P-256 private key; the party is read from it.</param>
    /// <param name="checkCertificate">Decides whether other parties' certificates are trusted (see <see cref="CeremonyTrust"/>).</param>
    /// <exception cref="ArgumentException">The certificate has no private key, is not a node certificate, or its party is not invited.</exception>
    public CeremonyParticipant(CeremonyInvitation invitation, X509Certificate2 nodeCertificate, CeremonyCertificateCheck checkCertificate)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(nodeCertificate);
        ArgumentNullException.ThrowIfNull(checkCertificate);
        if (!PartyIdentity.TryFromCertificate(nodeCertificate, out var identity, out var error))
        {
            throw new ArgumentException($"The node certificate is not an Aquila certificate: {error}", nameof(nodeCertificate));
        }

        if (identity.Role != PartyRole.Node)
        {
            throw new ArgumentException($"The key ceremony needs a node certificate, not a {PartyRoleText.ToText(identity.Role)} certificate.", nameof(nodeCertificate));
        }

        if (invitation.IndexOf(identity.Party) < 0)
        {
            throw new ArgumentException($"Party {identity.Party} is not invited to this project.", nameof(nodeCertificate));
        }

        if (invitation.Agreed is { } agreed && !agreed.Pins(identity.Party, nodeCertificate))
        {
            throw new ArgumentException(
                $"This node's certificate key is not the one agreed for {identity.Party} (--expect-parties): check this node's hash with "
                + "`aquila node fingerprint --cert DIR` against the one the parties agreed.", nameof(nodeCertificate));
        }

        if (!nodeCertificate.HasPrivateKey)
        {
            throw new ArgumentException("The node certificate must be loaded with its private key.", nameof(nodeCertificate));
        }

        _invitation = invitation;
        _certificate = nodeCertificate;
        _checkCertificate = checkCertificate;
        _certificateHash = SHA256.HashData(nodeCertificate.RawData);
        Party = identity.Party;

        var generator = new X25519KeyPairGenerator();
        generator.Init(new X25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        _privateKey = (X25519PrivateKeyParameters)pair.Private;
        _publicKey = ((X25519PublicKeyParameters)pair.Public).GetEncoded();
    }

    /// <summary>This participant's party code (from its certificate).</summary>
    public string Party { get; }

    /// <summary>The project id.</summary>
    public string ProjectId => _invitation.ProjectId;

    /// <summary>The verified roster in roster order; available after <see cref="AcceptRoster"/>.</summary>
    public IReadOnlyList<RosterEntry> Roster => Array.AsReadOnly(_roster ?? throw NotYet("The roster"));

    /// <summary>The transcript hash; available after <see cref="AcceptRoster"/>.</summary>
    public ReadOnlySpan<byte> TranscriptHash => _transcript ?? throw NotYet("The transcript");

    /// <summary>The transcript fingerprint to compare out of band; available after <see cref="AcceptRoster"/>.</summary>
    public string Fingerprint => CeremonyTranscript.Fingerprint(_transcript ?? throw NotYet("The fingerprint"));

    /// <summary>Step 1: this party's signed registration, to publish through the relay. Returns the same registration when called again.</summary>
    public Registration CreateRegistration()
    {
        EnsureUsable();
        if (_registration is null)
        {
            using var key = _certificate.GetECDsaPrivateKey()
                ?? throw new InvalidOperationException("The node certificate's private key is not an ECDSA key.");
            var signedData = Registration.SignedData(ProjectId, Party, _publicKey, _certificateHash);
            var signature = key.SignData(signedData, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            _registration = new Registration(ProjectId, Party, _publicKey, _certificate.RawData, signature);
        }

        return _registration;
    }

    /// <summary>
    /// Step 2: verifies every registration the relay delivered (in any order) against the invitation, builds the
    /// roster and the transcript, and draws this party's share.
    /// </summary>
    /// <exception cref="CeremonyException">A registration is forged, untrusted, unexpected, duplicated or missing, or ours was swapped.</exception>
    public void AcceptRoster(IReadOnlyList<Registration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        EnsureUsable();
        if (_roster is not null)
        {
            throw new InvalidOperationException("The roster has already been accepted.");
        }

        Guard(() =>
        {
            var roster = RosterVerifier.Verify(_invitation, registrations, _checkCertificate, Party, _publicKey, _certificateHash);
            var transcript = CeremonyTranscript.Hash(ProjectId, roster);
            Span<byte> secret = stackalloc byte[CeremonyWire.PublicKeyLength];
            foreach (var entry in roster)
            {
                // A low-order key would give an all-zero secret that the relay could compute too.
                if (entry.Party != Party && !ShareCipher.TryAgree(_privateKey, entry.CeremonyPublicKey.Span, secret))
                {
                    throw new CeremonyException(CeremonyFailureKind.InvalidKey, entry.Party,
                        $"The ceremony public key registered by {entry.Party} is not a usable X25519 key. Ask {entry.Party} to register again.");
                }
            }

            CryptographicOperations.ZeroMemory(secret);
            RandomNumberGenerator.Fill(_share);
            _roster = roster;
            _transcript = transcript;
        });
    }

    /// <summary>Step 3: this party's share sealed for every other party, to relay (each envelope names its recipient). Returns the same envelopes when called again.</summary>
    public IReadOnlyList<ShareEnvelope> CreateShares()
    {
        EnsureUsable();
        var roster = _roster ?? throw NotYet("Shares");
        if (_envelopes is null)
        {
            var envelopes = new List<ShareEnvelope>(roster.Length - 1);
            foreach (var entry in roster)
            {
                if (entry.Party != Party)
                {
                    envelopes.Add(SealShareFor(entry, _share));
                }
            }

            _envelopes = envelopes.AsReadOnly();
        }

        return _envelopes;
    }

    /// <summary>
    /// Step 4: opens the share of every other party (the envelopes addressed to this party, in any order) and derives
    /// K_project = HKDF-SHA256(IKM = all shares in roster order, salt = transcript, info = "aquila-project-key").
    /// </summary>
    /// <exception cref="CeremonyException">A share is missing, altered, misaddressed, duplicated, or made for another transcript.</exception>
    public void AcceptShares(IReadOnlyList<ShareEnvelope> addressedToMe)
    {
        ArgumentNullException.ThrowIfNull(addressedToMe);
        EnsureUsable();
        var roster = _roster ?? throw NotYet("Shares");
        if (_projectKey is not null)
        {
            throw new InvalidOperationException("The shares have already been accepted.");
        }

        Guard(() => _projectKey = ShareCollector.DeriveProjectKey(
            ProjectId, Party, roster, _transcript!, _share, addressedToMe, (sender, key) => DeriveShareKey(sender, sender.Party, Party, key)));
    }

    /// <summary>Step 5: this party's confirmation tag, to publish through the relay.</summary>
    public ConfirmationTag CreateConfirmation()
    {
        EnsureUsable();
        var key = _projectKey ?? throw NotYet("The confirmation");
        return new ConfirmationTag(Party, _transcript!, ConfirmationTag.Compute(key, _transcript, Party));
    }

    /// <summary>
    /// Step 6: checks the confirmation of every other party (this party's own may be included) and returns the
    /// project key. A missing or wrong tag means some party holds another key or transcript: the ceremony fails.
    /// </summary>
    /// <exception cref="CeremonyException">A confirmation is missing, duplicated, unexpected, or does not match.</exception>
    public ProjectKeyResult Finish(IReadOnlyList<ConfirmationTag> confirmations)
    {
        ArgumentNullException.ThrowIfNull(confirmations);
        EnsureUsable();
        var key = _projectKey ?? throw NotYet("Finishing");
        var roster = _roster!;
        var transcript = _transcript!;
        Guard(() => ConfirmationChecker.Verify(roster, Party, transcript, key, confirmations));
        _finished = true;
        var parties = new string[roster.Length];
        for (var i = 0; i < parties.Length; i++)
        {
            parties[i] = roster[i].Party;
        }

        // The result owns the only copy from here on.
        var result = new ProjectKeyResult(key.ToArray(), transcript.ToArray(), Array.AsReadOnly(parties));
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(_share);
        return result;
    }

    /// <summary>Zeroes the share, the project key and the ceremony private key material this object holds.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CryptographicOperations.ZeroMemory(_share);
        if (_projectKey is not null)
        {
            CryptographicOperations.ZeroMemory(_projectKey);
        }
    }

    /// <summary>Seals <paramref name="share"/> for one roster entry. Internal so tests can play a party that equivocates.</summary>
    internal ShareEnvelope SealShareFor(RosterEntry recipient, ReadOnlySpan<byte> share)
    {
        Span<byte> key = stackalloc byte[32];
        DeriveShareKey(recipient, Party, recipient.Party, key);
        try
        {
            return ShareCipher.Seal(key, ProjectId, _transcript, Party, recipient.Party, share);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private void DeriveShareKey(RosterEntry peer, string from, string to, Span<byte> key)
    {
        Span<byte> secret = stackalloc byte[CeremonyWire.PublicKeyLength];
        if (!ShareCipher.TryAgree(_privateKey, peer.CeremonyPublicKey.Span, secret))
        {
            throw new CeremonyException(CeremonyFailureKind.InvalidKey, peer.Party, $"The ceremony public key of {peer.Party} is not usable.");
        }

        // Keys are directional: the key for a share from A to B differs from the one for B to A.
        ShareCipher.DeriveKey(secret, _transcript, from, to, key);
        CryptographicOperations.ZeroMemory(secret);
    }

    private void Guard(Action step)
    {
        try
        {
            step();
        }
        catch (CeremonyException)
        {
            _failed = true;
            throw;
        }
    }

    private void EnsureUsable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failed)
        {
            throw new InvalidOperationException("This ceremony has failed; start a new ceremony with fresh keys.");
        }

        if (_finished)
        {
            throw new InvalidOperationException("This ceremony has finished.");
        }
    }

    private static InvalidOperationException NotYet(string what) =>
        new($"{what} is not available yet: accept the roster (and then the shares) first.");
}
