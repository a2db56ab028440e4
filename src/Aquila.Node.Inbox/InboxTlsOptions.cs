namespace Aquila.Node.Inbox;

/// <summary>
/// Mutual TLS on the inbox's listener: the inbox's own certificate (from <c>aquila ca server-cert</c>), and the CA and CRL
/// that analysts' client certificates are checked against. With it, access is by analyst-role certificates of the node's
/// own party instead of the loopback token, and the inbox may listen beyond loopback.
/// </summary>
/// <param name="CertificatePath">The inbox's TLS certificate (PEM).</param>
/// <param name="KeyPath">Its private key (PEM).</param>
/// <param name="ClientAuthorityPath">The Aquila CA certificate (<c>ca.crt.pem</c>) analysts' certificates must chain to.</param>
/// <param name="CrlPath">The CA's current CRL: a revoked analyst certificate is refused, and so is every one when the CRL is stale.</param>
public sealed record InboxTlsOptions(string CertificatePath, string KeyPath, string ClientAuthorityPath, string CrlPath);
