using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Headers;

/// <summary>
/// The ASP.NET Core symbols the header rules match, resolved once per compilation. <see cref="Create"/> returns null
/// when the compilation cannot see <c>IHeaderDictionary</c> or <c>HttpResponse</c> (no ASP.NET Core reference).
/// Unlike <see cref="CorsSymbols"/> it does not need the CORS assembly: hand-written headers need no CORS package.
/// </summary>
internal sealed class HeaderSymbols
{
    private HeaderSymbols(Compilation compilation, INamedTypeSymbol headerDictionary, INamedTypeSymbol response, INamedTypeSymbol request)
    {
        HeaderDictionary = headerDictionary;
        Response = response;
        Request = request;
        HeaderNames = CorsSymbols.Find(compilation, "Microsoft.Net.Http.Headers.HeaderNames");
        HeaderDictionaryExtensions = CorsSymbols.Find(compilation, "Microsoft.AspNetCore.Http.HeaderDictionaryExtensions");
    }

    /// <summary><c>Microsoft.AspNetCore.Http.IHeaderDictionary</c>: typed properties such as AccessControlAllowOrigin from 7.0 on.</summary>
    public INamedTypeSymbol HeaderDictionary { get; }

    public INamedTypeSymbol Response { get; }

    public INamedTypeSymbol Request { get; }

    /// <summary><c>Microsoft.Net.Http.Headers.HeaderNames</c>, whose fields are <c>static readonly</c> (no constant value).</summary>
    public INamedTypeSymbol? HeaderNames { get; }

    /// <summary><c>Append</c>, <c>AppendCommaSeparatedValues</c>, <c>SetCommaSeparatedValues</c> on IHeaderDictionary.</summary>
    public INamedTypeSymbol? HeaderDictionaryExtensions { get; }

    public static HeaderSymbols? Create(Compilation compilation)
    {
        if (!CorsSymbols.References(compilation, "Microsoft.AspNetCore.Http.Abstractions"))
        {
            return null; // HttpResponse lives there: no ASP.NET Core server code
        }

        var headerDictionary = CorsSymbols.Find(compilation, "Microsoft.AspNetCore.Http.IHeaderDictionary");
        if (headerDictionary is null)
        {
            return null;
        }

        var response = CorsSymbols.Find(compilation, "Microsoft.AspNetCore.Http.HttpResponse");
        var request = CorsSymbols.Find(compilation, "Microsoft.AspNetCore.Http.HttpRequest");
        return response is null || request is null ? null : new HeaderSymbols(compilation, headerDictionary, response, request);
    }

    /// <summary>The <c>IHeaderDictionary</c> interface. Asked of every parameter of every method: anything but an interface is told apart at once.</summary>
    public bool IsHeaderDictionary(ITypeSymbol? type) => type is { TypeKind: TypeKind.Interface } && SymbolEqualityComparer.Default.Equals(type, HeaderDictionary);

    public bool IsResponse(ITypeSymbol? type) => DerivesFrom(type, Response);

    public bool IsRequest(ITypeSymbol? type) => DerivesFrom(type, Request);

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
