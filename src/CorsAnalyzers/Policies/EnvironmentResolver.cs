using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Policies;

/// <summary>
/// Decides, from every call site in the compilation, whether a helper method runs outside development: it does when
/// some call to it is not under a development check and comes from an entry point or from a method that does.
/// A method nobody in the compilation calls stays unknown (a library's extension method), and rules stay silent.
/// </summary>
internal sealed class EnvironmentResolver
{
    private readonly Dictionary<IMethodSymbol, List<CallSite>> _callers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, PolicyEnvironment> _resolved = new(SymbolEqualityComparer.Default);

    public EnvironmentResolver(IEnumerable<CallSite> calls)
    {
        foreach (var call in calls)
        {
            if (!_callers.TryGetValue(call.Callee, out var list))
            {
                _callers[call.Callee] = list = new List<CallSite>();
            }

            list.Add(call);
        }
    }

    public PolicyEnvironment Resolve(IMethodSymbol? method)
    {
        if (method is null)
        {
            return PolicyEnvironment.Unknown;
        }

        if (EnvironmentChecks.IsEntryPoint(method))
        {
            return PolicyEnvironment.Production;
        }

        if (_resolved.TryGetValue(method, out var known))
        {
            return known;
        }

        _resolved[method] = PolicyEnvironment.Unknown; // cycles resolve to unknown
        var result = PolicyEnvironment.Unknown;
        if (_callers.TryGetValue(method, out var sites))
        {
            var allDevelopment = true;
            foreach (var site in sites)
            {
                var caller = site.DevelopmentOnly ? PolicyEnvironment.Development : Resolve(site.Caller);
                if (caller == PolicyEnvironment.Production)
                {
                    result = PolicyEnvironment.Production;
                    allDevelopment = false;
                    break;
                }

                allDevelopment &= caller == PolicyEnvironment.Development;
            }

            if (result == PolicyEnvironment.Unknown && allDevelopment)
            {
                result = PolicyEnvironment.Development;
            }
        }

        _resolved[method] = result;
        return result;
    }
}
