namespace Aquila.Server.ScaleOut;

/// <summary>What a relayed event asks of the coordinator.</summary>
internal enum RelayedEventType
{
    /// <summary>Append it to the chain.</summary>
    Event,

    /// <summary>A batch acceptance (resend, status query): make sure the chain has one entry for it and publish that entry's head.</summary>
    Acceptance,

    /// <summary>The store's first acceptance of a batch: as <see cref="Acceptance"/>, and count it in a coordinated project's lifecycle.</summary>
    FirstAcceptance,
}
