using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Pipeline;

/// <summary>
/// The ASP.NET Core symbols the pipeline model matches, resolved once per compilation on top of <see cref="CorsSymbols"/>.
/// <see cref="Create"/> returns null when the compilation has no CORS types or no <c>IApplicationBuilder</c>.
/// </summary>
internal sealed class PipelineSymbols
{
    private PipelineSymbols(Compilation compilation, CorsSymbols cors, INamedTypeSymbol applicationBuilder)
    {
        Cors = cors;
        ApplicationBuilder = applicationBuilder;
        WebApplication = Find(compilation, "Microsoft.AspNetCore.Builder.WebApplication");
        WebApplicationBuilder = Find(compilation, "Microsoft.AspNetCore.Builder.WebApplicationBuilder");
        EndpointRouteBuilder = Find(compilation, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
        ServiceCollection = Find(compilation, "Microsoft.Extensions.DependencyInjection.IServiceCollection");
        EnableCorsAttribute = Find(compilation, "Microsoft.AspNetCore.Cors.EnableCorsAttribute");
        DisableCorsAttribute = Find(compilation, "Microsoft.AspNetCore.Cors.DisableCorsAttribute");
        AuthorizeData = Find(compilation, "Microsoft.AspNetCore.Authorization.IAuthorizeData");
        AuthorizationOptions = Find(compilation, "Microsoft.AspNetCore.Authorization.AuthorizationOptions");
        CorsService = Find(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.ICorsService");
        CorsPolicyProvider = Find(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider");
        AuthorizationEndpointConventionBuilderExtensions = Find(compilation, "Microsoft.AspNetCore.Builder.AuthorizationEndpointConventionBuilderExtensions");
        ControllerBase = Find(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
        _meaningOfUncached = MeaningOfUncached;
        _rolesUncached = RolesUncached;

        // WebApplication adds UseAuthentication/UseAuthorization by itself since ASP.NET Core 7.
        ImplicitAuthMiddleware = WebApplication is not null && WebApplication.ContainingAssembly.Identity.Version.Major >= 7;
    }

    public CorsSymbols Cors { get; }

    public INamedTypeSymbol ApplicationBuilder { get; }

    public INamedTypeSymbol? WebApplication { get; }

    public INamedTypeSymbol? WebApplicationBuilder { get; }

    public INamedTypeSymbol? EndpointRouteBuilder { get; }

    public INamedTypeSymbol? ServiceCollection { get; }

    public INamedTypeSymbol? EnableCorsAttribute { get; }

    public INamedTypeSymbol? DisableCorsAttribute { get; }

    public INamedTypeSymbol? AuthorizeData { get; }

    public INamedTypeSymbol? AuthorizationOptions { get; }

    public INamedTypeSymbol? CorsService { get; }

    public INamedTypeSymbol? CorsPolicyProvider { get; }

    public INamedTypeSymbol? AuthorizationEndpointConventionBuilderExtensions { get; }

    public INamedTypeSymbol? ControllerBase { get; }

    /// <summary>The referenced ASP.NET Core adds the authentication and authorization middleware itself when the app did not.</summary>
    public bool ImplicitAuthMiddleware { get; }

    /// <summary>The pipeline family's symbols, over the compilation's CORS symbols; null without them or without <c>IApplicationBuilder</c>.</summary>
    public static PipelineSymbols? Create(Compilation compilation, CorsSymbols? cors)
    {
        if (cors is null)
        {
            return null;
        }

        var applicationBuilder = Find(compilation, "Microsoft.AspNetCore.Builder.IApplicationBuilder");
        return applicationBuilder is null ? null : new PipelineSymbols(compilation, cors, applicationBuilder);
    }

    /// <summary>An <c>IApplicationBuilder</c>: the interface itself, <c>WebApplication</c>, or any other implementation.</summary>
    /// <remarks>Asked of every local and parameter the collector meets, so answers are kept per type.</remarks>
    public bool IsApplicationBuilder(ITypeSymbol? type) => (RolesOf(type) & AppRole) != 0;

    /// <summary>An app (<see cref="IsApplicationBuilder"/>) or a value that carries services (<see cref="CarriesServices"/>), in one look-up.</summary>
    public bool IsAppOrCarriesServices(ITypeSymbol? type) => RolesOf(type) != 0;

    private const int AppRole = 1;
    private const int ServicesRole = 2;

    /// <summary>
    /// Whether a type is an app, carries services, both or neither: asked of every local and parameter the collector
    /// meets, and of every parameter of every method, so kept per type definition. The answer is the definition's:
    /// the interfaces and names it looks for are not generic, so no type argument can add or remove one.
    /// </summary>
    private int RolesOf(ITypeSymbol? type) => type is null || CannotBeBuilder(type) ? 0 : _roles.GetOrAdd(type.OriginalDefinition, _rolesUncached);

    private int RolesUncached(ITypeSymbol type) =>
        (SymbolEqualityComparer.Default.Equals(type, ApplicationBuilder) || type.AllInterfaces.Contains(ApplicationBuilder, SymbolEqualityComparer.Default) ? AppRole : 0)
        | (CarriesServicesUncached(type) ? ServicesRole : 0);

    /// <summary>Types that are neither an app nor a service builder, told apart without a look at their interfaces.</summary>
    private static bool CannotBeBuilder(ITypeSymbol type) =>
        type.SpecialType != SpecialType.None
        || type.TypeKind is TypeKind.Enum or TypeKind.Delegate or TypeKind.Array or TypeKind.Pointer or TypeKind.Dynamic;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, int> _roles = new(ByReference<ITypeSymbol>.Instance);

    /// <summary>What an attribute class means to the pipeline model: CORS metadata, authorization, or nothing.</summary>
    /// <remarks>
    /// Asked of every attribute on every type and method (most are routing and serialization attributes), so answers
    /// are kept per class definition: a generic attribute's type arguments change none of its base classes or interfaces
    /// that matter here.
    /// </remarks>
    public AttributeMeaning MeaningOf(INamedTypeSymbol attributeClass) => _attributeMeanings.GetOrAdd(attributeClass.OriginalDefinition, _meaningOfUncached);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, AttributeMeaning> _attributeMeanings = new(ByReference<INamedTypeSymbol>.Instance);

    // The look-ups' factories, made once: a method group passed to GetOrAdd would be a new delegate on every call.
    private readonly Func<INamedTypeSymbol, AttributeMeaning> _meaningOfUncached;
    private readonly Func<ITypeSymbol, int> _rolesUncached;

    private AttributeMeaning MeaningOfUncached(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, EnableCorsAttribute))
            {
                return AttributeMeaning.EnableCors;
            }

            if (SymbolEqualityComparer.Default.Equals(current, DisableCorsAttribute))
            {
                return AttributeMeaning.DisableCors;
            }
        }

        return AuthorizeData is not null && type.AllInterfaces.Contains(AuthorizeData, SymbolEqualityComparer.Default) ? AttributeMeaning.Authorize : AttributeMeaning.None;
    }

    public bool IsWebApplication(ITypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type, WebApplication);

    /// <summary>A value through which code can register services: the collection itself or a builder that holds it.</summary>
    public bool CarriesServices(ITypeSymbol? type) => (RolesOf(type) & ServicesRole) != 0;

    private bool CarriesServicesUncached(ITypeSymbol type)
    {
        if (IsServiceCollection(type))
        {
            return true;
        }

        if (SymbolEqualityComparer.Default.Equals(type, WebApplicationBuilder))
        {
            return true;
        }

        return type.Name is "IMvcBuilder" or "IMvcCoreBuilder" or "IHostBuilder" or "IWebHostBuilder" or "IHostApplicationBuilder"
            && (CorsSymbols.IsNamespace(type.ContainingNamespace, "Microsoft.Extensions.DependencyInjection")
                || CorsSymbols.IsNamespace(type.ContainingNamespace, "Microsoft.Extensions.Hosting")
                || CorsSymbols.IsNamespace(type.ContainingNamespace, "Microsoft.AspNetCore.Hosting"));
    }

    /// <summary><c>ICorsService</c> or <c>ICorsPolicyProvider</c>: code that evaluates CORS itself. Anything but an interface is told apart at once.</summary>
    public bool IsCorsServiceType(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Interface
        && (SymbolEqualityComparer.Default.Equals(type, CorsService) || SymbolEqualityComparer.Default.Equals(type, CorsPolicyProvider));

    public bool IsServiceCollection(ITypeSymbol? type) =>
        type is not null && ServiceCollection is not null
        && (SymbolEqualityComparer.Default.Equals(type, ServiceCollection) || type.AllInterfaces.Contains(ServiceCollection, SymbolEqualityComparer.Default));

    /// <summary>Shipped with ASP.NET Core, .NET or Microsoft.Extensions: code whose effect on the pipeline and services the model knows.</summary>
    public static bool IsFramework(IAssemblySymbol? assembly)
    {
        var name = assembly?.Name;
        return name is not null
            && (name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal)
                || name.StartsWith("System", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.Net.Http", StringComparison.Ordinal)
                || name == "Microsoft.JSInterop"
                || name == "mscorlib"
                || name == "netstandard");
    }


    /// <summary>The middleware an ASP.NET Core method adds, by its declaring type and name; null for a method the model does not know.</summary>
    public static MiddlewareKind? Classify(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        // The names first: most calls are none of these, and the namespace check costs a string.
        MiddlewareKind? kind = (type.Name, method.Name) switch
        {
            ("CorsMiddlewareExtensions", "UseCors") => MiddlewareKind.UseCors,
            ("EndpointRoutingApplicationBuilderExtensions", "UseRouting") => MiddlewareKind.Routing,
            ("EndpointRoutingApplicationBuilderExtensions", "UseEndpoints") => MiddlewareKind.Endpoints,
            ("AuthAppBuilderExtensions", "UseAuthentication") => MiddlewareKind.Authentication,
            ("AuthorizationAppBuilderExtensions", "UseAuthorization") => MiddlewareKind.Authorization,
            ("ResponseCachingExtensions", "UseResponseCaching") => MiddlewareKind.Caching,
            ("OutputCacheApplicationBuilderExtensions", "UseOutputCache") => MiddlewareKind.Caching,
            ("StaticFileExtensions", "UseStaticFiles") => MiddlewareKind.StaticFiles,
            ("HttpsPolicyBuilderExtensions", "UseHttpsRedirection") => MiddlewareKind.HttpsRedirection,
            ("RateLimiterApplicationBuilderExtensions", "UseRateLimiter") => MiddlewareKind.RateLimiter,
            ("ExceptionHandlerExtensions", "UseExceptionHandler") => MiddlewareKind.ExceptionHandler,
            ("DeveloperExceptionPageExtensions", "UseDeveloperExceptionPage") => MiddlewareKind.DeveloperExceptionPage,
            ("RunExtensions", "Run") => MiddlewareKind.Terminal,
            ("MvcApplicationBuilderExtensions", "UseMvc" or "UseMvcWithDefaultRoute") => MiddlewareKind.Mvc,
            ("WebApplication", "Run" or "RunAsync" or "Start" or "StartAsync") => MiddlewareKind.HostRun,
            _ => null,
        };
        return kind is not null && CorsSymbols.IsNamespace(type.ContainingNamespace, "Microsoft.AspNetCore.Builder") && IsFramework(type.ContainingAssembly) ? kind : null;
    }

    private static INamedTypeSymbol? Find(Compilation compilation, string metadataName) => CorsSymbols.Find(compilation, metadataName);
}

/// <summary>What an attribute applied to a type or method means to the pipeline model.</summary>
internal enum AttributeMeaning
{
    None,

    /// <summary><c>[EnableCors]</c> or an attribute deriving from it.</summary>
    EnableCors,

    /// <summary><c>[DisableCors]</c> or an attribute deriving from it.</summary>
    DisableCors,

    /// <summary>An <c>IAuthorizeData</c> attribute: <c>[Authorize]</c> and its kind.</summary>
    Authorize,
}
