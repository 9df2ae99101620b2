using Microsoft.CodeAnalysis;

namespace CorsAnalyzers;

/// <summary>
/// Every ASP.NET Core symbol the analyzers match, resolved once per compilation.
/// <see cref="Create"/> returns null when the compilation does not reference ASP.NET Core's CORS types,
/// so non-web projects pay for one type look-up and nothing else.
/// </summary>
internal sealed class CorsSymbols
{
    private CorsSymbols(Compilation compilation, INamedTypeSymbol corsPolicyBuilder, INamedTypeSymbol corsPolicy)
    {
        CorsPolicyBuilder = corsPolicyBuilder;
        CorsPolicy = corsPolicy;
        CorsOptions = Find(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions");
        CorsMiddlewareExtensions = Find(compilation, "Microsoft.AspNetCore.Builder.CorsMiddlewareExtensions");
        CorsEndpointConventionBuilderExtensions = Find(compilation, "Microsoft.AspNetCore.Builder.CorsEndpointConventionBuilderExtensions");
        Configuration = Find(compilation, "Microsoft.Extensions.Configuration.IConfiguration");
        ControllerBase = Find(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
        WebApplication = Find(compilation, "Microsoft.AspNetCore.Builder.WebApplication");
    }

    public INamedTypeSymbol CorsPolicyBuilder { get; }

    public INamedTypeSymbol CorsPolicy { get; }

    public INamedTypeSymbol? CorsOptions { get; }

    public INamedTypeSymbol? CorsMiddlewareExtensions { get; }

    public INamedTypeSymbol? CorsEndpointConventionBuilderExtensions { get; }

    public INamedTypeSymbol? Configuration { get; }

    /// <summary>The base of every controller (null without MVC): its derived classes' actions are endpoints.</summary>
    public INamedTypeSymbol? ControllerBase { get; }

    /// <summary>The minimal-hosting app (null before .NET 6): endpoints mapped on it belong to no group.</summary>
    public INamedTypeSymbol? WebApplication { get; }

    /// <summary>The endpoint collector's answer, per source type, to whether the framework binds it from a JSON body.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, bool> DataClasses { get; } = new(SymbolEqualityComparer.Default);

    public static CorsSymbols? Create(Compilation compilation)
    {
        if (!References(compilation, CorsAssembly))
        {
            return null;
        }

        var builder = Find(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder");
        var policy = Find(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicy");
        return builder is null || policy is null ? null : new CorsSymbols(compilation, builder, policy);
    }

    private const string CorsAssembly = "Microsoft.AspNetCore.Cors";

    /// <summary>Declared in this compilation's source (the app's own code), not in a referenced assembly.</summary>
    public static bool IsInSource(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for the types whose instances the policy model follows: a builder or a hand-built policy.</summary>
    /// <summary>
    /// Whether the compilation references an assembly of that name: the cheapest possible bail-out for projects
    /// without ASP.NET Core, a scan of the reference identities before any type is looked up.
    /// </summary>
    internal static bool References(Compilation compilation, string assemblyName)
    {
        foreach (var identity in compilation.ReferencedAssemblyNames)
        {
            if (identity.Name == assemblyName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="symbol"/> is the namespace named <paramref name="name"/> (dotted), without building its display string.</summary>
    internal static bool IsNamespace(INamespaceSymbol? symbol, string name)
    {
        var end = name.Length;
        while (symbol is { IsGlobalNamespace: false })
        {
            var part = symbol.Name;
            var start = end - part.Length;
            if (start < 0 || string.CompareOrdinal(name, start, part, 0, part.Length) != 0)
            {
                return false;
            }

            symbol = symbol.ContainingNamespace;
            if (symbol is not { IsGlobalNamespace: false })
            {
                return start == 0;
            }

            if (start == 0 || name[start - 1] != '.')
            {
                return false;
            }

            end = start - 1;
        }

        return false;
    }

    /// <summary>The first part of a symbol's namespace (<c>Microsoft</c> for <c>Microsoft.AspNetCore.Builder</c>); null in the global namespace.</summary>
    internal static string? RootNamespace(ISymbol symbol)
    {
        string? root = null;
        for (var current = symbol.ContainingNamespace; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            root = current.Name;
        }

        return root;
    }

    /// <summary>A <c>CorsPolicyBuilder</c> or a <c>CorsPolicy</c>. Asked of every parameter of every method: anything but a plain class is told apart at once.</summary>
    public bool IsPolicyType(ITypeSymbol? type) =>
        type is { TypeKind: TypeKind.Class, SpecialType: SpecialType.None }
        && (SymbolEqualityComparer.Default.Equals(type, CorsPolicyBuilder) || SymbolEqualityComparer.Default.Equals(type, CorsPolicy));

    /// <summary>
    /// Like <c>GetTypeByMetadataName</c>, but still answers when two referenced assemblies define the same name
    /// (that method then returns null): the first definition that the compilation can see wins.
    /// </summary>
    internal static INamedTypeSymbol? Find(Compilation compilation, string metadataName)
    {
        var single = compilation.GetTypeByMetadataName(metadataName);
        if (single is not null)
        {
            return single;
        }

        foreach (var candidate in compilation.GetTypesByMetadataName(metadataName))
        {
            if (candidate.DeclaredAccessibility == Accessibility.Public)
            {
                return candidate;
            }
        }

        return null;
    }
}
