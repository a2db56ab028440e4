using System.CommandLine;
using System.Net;
using Aquila.Security;
using Aquila.Security.Pki;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila ca server-cert --ca ca/ --out DIR [--dns localhost]... [--ip 127.0.0.1]... [--name server]</c></summary>
internal static class CaServerCertCommand
{
    public static Command Create()
    {
        var ca = CaOptions.CaDirectory();
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Directory for the server's key (mode 0600) and certificate; copy both to the server.",
            HelpName = "dir",
            Required = true,
        };
        var dns = new Option<string[]>("--dns")
        {
            Description = "A DNS name clients use to reach the server (repeat for several), e.g. --dns aquila.example.org --dns localhost.",
            HelpName = "name",
        };
        var ip = new Option<string[]>("--ip")
        {
            Description = "An IP address clients use to reach the server (repeat for several), e.g. --ip 127.0.0.1.",
            HelpName = "address",
        };
        var name = new Option<string>("--name", "-n")
        {
            Description = "Name part of the subject CN=PCC-operator-<name>; change it to keep several server certificates apart.",
            HelpName = "name",
            DefaultValueFactory = _ => "server",
        };
        var validity = CaOptions.ValidityDays("Days the certificate is valid.", 365);
        var passphrase = CaOptions.CaPassphraseFile();
        var json = CaOptions.Json();

        var command = new Command(
            "server-cert",
            "Create the central server's TLS key and certificate (subject PCC / operator, serverAuth and clientAuth, "
            + "with the given DNS names and IP addresses). Give at least one --dns or --ip.")
        {
            ca, output, dns, ip, name, validity, passphrase, json,
        };
        command.SetAction(parse => CaCommandRunner.Run(() =>
        {
            var dnsNames = ParseDnsNames(parse.GetValue(dns) ?? []);
            var addresses = ParseAddresses(parse.GetValue(ip) ?? []);
            if (dnsNames.Count == 0 && addresses.Count == 0)
            {
                throw new CaCommandError(ExitCodes.Usage, "give at least one --dns or --ip: the names clients use to reach the server.");
            }

            var serverName = parse.GetValue(name)!;
            if (!PartySubject.IsValidName(serverName))
            {
                throw new CaCommandError(ExitCodes.Usage,
                    $"--name must be 1-{PartySubject.MaxNameLength} characters of A-Z, a-z, 0-9, '.', '_' or '-'.");
            }

            var validityDays = CaOptions.ToValidity(parse.GetValue(validity));
            var directory = parse.GetValue(output)!.FullName;
            var subject = new PartySubject(PartyCode.Secretariat, PartyRole.Operator, serverName);
            var files = new[]
            {
                NodeCredentials.KeyPath(directory, subject),
                NodeCredentials.CertificatePath(directory, subject),
                Path.Combine(directory, subject.CommonName + ".csr.pem"),
            };
            foreach (var file in files)
            {
                if (File.Exists(file))
                {
                    throw new CaCommandError(ExitCodes.BadInput,
                        $"'{file}' already exists; choose another --out directory or --name (a key is never overwritten).");
                }
            }

            using var authority = CaAuthority.Load(parse.GetValue(ca)!, parse.GetValue(passphrase));
            var credentials = IssueOrCleanUp(authority, directory, files, dnsNames, addresses, serverName, validityDays);
            Report(credentials, dnsNames, addresses, parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    // The library writes the key and request before it signs: if signing is refused, remove what was written.
    private static ServerCredentials IssueOrCleanUp(CertificateAuthority authority, string directory, string[] files,
        List<string> dnsNames, List<IPAddress> addresses, string name, TimeSpan validity)
    {
        var directoryExisted = Directory.Exists(directory);
        try
        {
            return authority.IssueServerCertificate(directory, dnsNames, addresses, name, validity);
        }
        catch
        {
            foreach (var file in files)
            {
                File.Delete(file);
            }

            if (!directoryExisted && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }

            throw;
        }
    }

    private static List<string> ParseDnsNames(string[] values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            if (Uri.CheckHostName(value) != UriHostNameType.Dns)
            {
                throw new CaCommandError(ExitCodes.Usage, $"--dns '{value}' is not a DNS name; use --ip for addresses.");
            }

            names.Add(value);
        }

        return names;
    }

    private static List<IPAddress> ParseAddresses(string[] values)
    {
        var addresses = new List<IPAddress>();
        foreach (var value in values)
        {
            if (!IPAddress.TryParse(value, out var address))
            {
                throw new CaCommandError(ExitCodes.Usage, $"--ip '{value}' is not an IPv4 or IPv6 address.");
            }

            addresses.Add(address);
        }

        return addresses;
    }

    private static void Report(ServerCredentials credentials, List<string> dnsNames, List<IPAddress> addresses, bool json)
    {
        var issued = credentials.Certificate;
        var names = new List<string>(dnsNames);
        foreach (var address in addresses)
        {
            names.Add(address.ToString());
        }

        if (json)
        {
            CliConsole.WriteJson(new
            {
                Subject = issued.Subject.ToDistinguishedName().Name,
                issued.SerialNumber,
                issued.NotBefore,
                issued.NotAfter,
                issued.Fingerprint,
                DnsNames = dnsNames,
                IpAddresses = addresses.ConvertAll(a => a.ToString()),
                Certificate = credentials.CertificatePath,
                Key = credentials.KeyPath,
            });
            return;
        }

        var output = Console.Out;
        output.WriteLine($"Issued the server certificate {issued.Subject.CommonName}");
        output.WriteLine($"  serial       {issued.SerialNumber}");
        output.WriteLine($"  not after    {issued.NotAfter.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
        output.WriteLine($"  names        {string.Join(", ", names)}");
        output.WriteLine($"  certificate  {credentials.CertificatePath}");
        output.WriteLine($"  key          {credentials.KeyPath}  (mode 0600; copy to the server only)");
    }
}
