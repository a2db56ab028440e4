namespace Aquila.Bench;

/// <summary>Aquila's figures of a run that the baselines are compared with.</summary>
/// <param name="IngestTokensPerSecond">Durable ingest, tokens/s.</param>
/// <param name="IngestTokensPerCpuSecond">Ingest tokens per CPU second (client + server).</param>
/// <param name="LastAckToLastHitSeconds">Last ack to the last hit delivered to every party.</param>
internal readonly record struct AquilaFigures(double IngestTokensPerSecond, double IngestTokensPerCpuSecond, double LastAckToLastHitSeconds);
