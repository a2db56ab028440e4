using Aquila.Server.Lists;
using Aquila.Server.Projects;
using Aquila.Server.ScaleOut;

namespace Aquila.Server.Hosting;

/// <summary>What <see cref="AquilaServer.StartAsync"/> opens before the host is built, handed to its services.</summary>
internal sealed record ServerParts(
    MatcherRedis Redis,
    SchemaCatalogue Schemas,
    TokenStoreFactory Stores,
    ProjectRegistry Projects,
    ListRegistry Lists,
    RoleParts Roles);
