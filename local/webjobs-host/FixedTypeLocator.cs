using Microsoft.Azure.WebJobs;

namespace WebJobsHost;

/// <summary>Indexes only the functions emitted for the app (and the client probe), not this assembly.</summary>
public sealed class FixedTypeLocator(params Type[] types) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => types;
}
