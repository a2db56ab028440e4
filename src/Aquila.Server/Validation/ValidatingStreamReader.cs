using Grpc.Core;

namespace Aquila.Server.Validation;

/// <summary>A request stream whose every message is checked before the service reads it.</summary>
internal sealed class ValidatingStreamReader<T>(IAsyncStreamReader<T> inner, Func<T, ValueTask> check) : IAsyncStreamReader<T>
{
    public T Current => inner.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (!await inner.MoveNext(cancellationToken))
        {
            return false;
        }

        await check(inner.Current);
        return true;
    }
}
