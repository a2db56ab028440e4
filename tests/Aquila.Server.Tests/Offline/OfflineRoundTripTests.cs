using System.Security.Cryptography.X509Certificates;
using Aquila.Node.Offline;
using Aquila.Protocol.V1;
using Aquila.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Tests.Offline;

/// <summary>
/// The same three batch files run through two servers with the same project id: on one every party submits online,
/// on the other ME has no live link — its batch is exported, carried and imported by the coordinator, and its hits
/// come back as a file. Every party must see exactly the same hits (same hit ids, handles, bands, keys) either way.
/// </summary>
[Collection(nameof(ServerCollection))]
public class OfflineRoundTripTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string[]> Records = new()
    {
        ["RS"] = ["RS-C1,Стојановић,Милош,Драган,М,04.05.1982.,Ниш,RS,,,suspect", "RS-C2,Hoxha,Arben,Besnik,M,1975-03-12,Tiranë,AL,,,suspect"],
        ["BA"] = ["BA-C1,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect"],
        ["ME"] = ["ME-C1,Stojanovic,Milos,Dragan,M,04/05/1982,Nis,SRB,,,suspect", "ME-C2,Hoxha,Arben,Besnik,M,12.03.1975.,Tirana,ALB,,,suspect",
            "ME-C3,Kovač,Petra,,Ž,1990-10-10,,ME,,,suspect"],
    };

    [Fact]
    public async Task A_batch_imported_by_the_coordinator_gives_every_party_the_same_hits_as_the_same_batch_submitted_online()
    {
        var id = "trip-" + Guid.NewGuid().ToString("N")[..8];
        var batches = Records.ToDictionary(r => r.Key, r => TestRecords.Tokenize(fixture.WorkDirectory, r.Key, id, fixture.Key, r.Value));
        await using var second = await StartSecondServerAsync();

        var online = await RunAsync(fixture.Server.Address, id, batches, offlineParty: null);
        var offline = await RunAsync(second.Address, id, batches, offlineParty: "ME");

        Assert.Contains(online["ME"], line => line.Contains(" RS ", StringComparison.Ordinal));
        Assert.Contains(online["ME"], line => line.Contains(" BA ", StringComparison.Ordinal));
        Assert.Contains(online["BA"], line => line.Contains(" ME ", StringComparison.Ordinal));
        foreach (var party in OfflineProject.Parties)
        {
            Assert.Equal(online[party], offline[party]);
        }
    }

    // Runs the project on one server and returns each party's hits as comparable lines.
    private async Task<Dictionary<string, List<string>>> RunAsync(Uri server, string id, Dictionary<string, string> batches, string? offlineParty)
    {
        using var project = await OfflineProject.OpenAsync(fixture, server, id, Cancel);
        using var serverCertificate = X509CertificateLoader.LoadCertificateFromFile(fixture.Pki.Server.CertificatePath);
        foreach (var party in OfflineProject.Parties)
        {
            if (party == offlineParty)
            {
                var file = BatchExport.Seal(batches[party], project.Nodes[party], serverCertificate);
                var imported = await OfflineTransfer.ImportAsync(project.Coordinator, file, Cancel);
                Assert.False(imported.Receipt.AlreadyAccepted);
                Assert.Equal(party, imported.Receipt.Party);
            }
            else
            {
                await new Node.BatchSubmitter(project.Matching(party)).SubmitAsync(batches[party], null, Cancel);
            }
        }

        Assert.Equal(OfflineProject.Parties.Order(), (await project.ShowAsync(Cancel)).Submitted.Order());
        await project.AdvanceAsync("start_matching", Cancel);
        var hits = new Dictionary<string, List<string>>();
        foreach (var party in OfflineProject.Parties)
        {
            var events = party == offlineParty
                ? HitsImport.Open(await OfflineTransfer.ExportHitsAsync(project.Coordinator, new ExportHitsRequest { ProjectId = id, Party = party }, Cancel),
                    project.Nodes[party], id).Events.ToList()
                : await SubmitAndHitsTests.ReadAsync(project.Matching(party), 0, id);
            hits[party] = [.. events.Select(Line).Order(StringComparer.Ordinal)];
        }

        return hits;
    }

    private static string Line(HitEvent hit) =>
        $"{hit.Kind} {Convert.ToHexStringLower(hit.HitId.Span)} {Convert.ToHexStringLower(hit.OwnHandle.Span)} {hit.OtherParty} {hit.Band} "
        + string.Join('+', hit.AgreeingKeys);

    private async Task<AquilaServer> StartSecondServerAsync()
    {
        var root = Path.Combine(fixture.WorkDirectory, "second-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new Options.ServerOptions
        {
            Port = 0,
            CertificatePath = fixture.Options.CertificatePath,
            KeyPath = fixture.Options.KeyPath,
            TrustedRootPaths = fixture.Options.TrustedRootPaths,
            CrlPath = fixture.Options.CrlPath,
            DataDirectory = Path.Combine(root, "data"),
            KeyDirectory = Path.Combine(root, "keys"),
            MaxBatchBytes = fixture.Options.MaxBatchBytes,
        };
        return await AquilaServer.StartAsync(options, logging => logging.AddProvider(fixture.Logs).SetMinimumLevel(LogLevel.Debug), Cancel);
    }
}
