using Grpc.Core;

namespace Aquila.Server.Validation;

/// <summary>A refusal whose audit entry is already written (or counted): handlers further out must not audit it again.</summary>
internal sealed class AuditedRpcException(Status status) : RpcException(status);
