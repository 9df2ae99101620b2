using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Pipeline;

/// <summary>What one call on the app adds to the request pipeline.</summary>
internal enum MiddlewareKind
{
    UseCors,
    Routing,
    Authentication,
    Authorization,

    /// <summary><c>UseResponseCaching</c>, <c>UseOutputCache</c>.</summary>
    Caching,

    /// <summary><c>UseEndpoints</c>: matched requests end there.</summary>
    Endpoints,

    /// <summary><c>app.Run(handler)</c>: every request ends there.</summary>
    Terminal,
    StaticFiles,
    HttpsRedirection,
    RateLimiter,
    ExceptionHandler,
    DeveloperExceptionPage,

    /// <summary><c>UseMvc</c>: conventional MVC routing, where MVC filters apply <c>[EnableCors]</c> without the middleware.</summary>
    Mvc,

    /// <summary>An endpoint mapping on WebApplication (<c>MapGet</c>, <c>MapControllers</c>, ...): not middleware.</summary>
    MapEndpoints,

    /// <summary><c>WebApplication.Run()</c>/<c>RunAsync()</c>: the host starts; the pipeline is complete.</summary>
    HostRun,

    /// <summary>Other ASP.NET Core middleware or calls the model knows to be irrelevant to CORS.</summary>
    Other,

    /// <summary>A library method outside ASP.NET Core receives the app: it may add any middleware.</summary>
    ThirdParty,

    /// <summary>The app's own helper method receives the app: its events are spliced in place.</summary>
    Helper,

    /// <summary>The app escapes where the model cannot follow it (a delegate, a field, another variable).</summary>
    Opaque,
}

/// <summary>Which environments run an event: only the true branch of <c>IsDevelopment()</c> is development-only.</summary>
internal enum HostEnvironment
{
    Any,
    DevelopmentOnly,
    ProductionOnly,
}

/// <summary>A branch an event sits in: the owning operation and the arm.</summary>
internal readonly struct Branch
{
    public Branch(IOperation owner, int arm)
    {
        Owner = owner;
        Arm = arm;
    }

    public IOperation Owner { get; }

    public int Arm { get; }
}

/// <summary>A CORS policy reference: by name, the default policy (no name), or an inline policy.</summary>
internal sealed class PolicyUse
{
    public PolicyUse(PolicyUseKind kind, string? name, Location location, bool nameIsLiteral)
    {
        Kind = kind;
        Name = name;
        Location = location;
        NameIsLiteral = nameIsLiteral;
    }

    public PolicyUseKind Kind { get; }

    public string? Name { get; }

    /// <summary>The name argument when there is one, otherwise the call or attribute.</summary>
    public Location Location { get; }

    /// <summary>The name is written as a string literal, which a fix can rewrite.</summary>
    public bool NameIsLiteral { get; }
}

internal enum PolicyUseKind
{
    Named,
    Default,
    Inline,

    /// <summary>A name that is not a compile-time constant.</summary>
    Unknown,
}

/// <summary>One call in a pipeline, in execution order.</summary>
internal sealed class PipelineEvent
{
    public PipelineEvent(MiddlewareKind kind, IOperation operation, Location location, ImmutableArray<Branch> branches, HostEnvironment environment)
    {
        Kind = kind;
        Operation = operation;
        Location = location;
        Branches = branches;
        Environment = environment;
    }

    public MiddlewareKind Kind { get; }

    public IOperation Operation { get; }

    /// <summary>The precise span: <c>UseCors("x")</c> from the method name to the closing parenthesis.</summary>
    public Location Location { get; }

    public ImmutableArray<Branch> Branches { get; }

    public HostEnvironment Environment { get; }

    public int Order => Operation.Syntax.Span.End;

    /// <summary>For <see cref="MiddlewareKind.UseCors"/>: the policy it applies.</summary>
    public PolicyUse? Policy { get; init; }

    /// <summary>For <see cref="MiddlewareKind.Helper"/>: the method and which parameter receives the app.</summary>
    public IMethodSymbol? Helper { get; init; }

    /// <summary>For inline middleware (<c>app.Use(...)</c>): where it ends OPTIONS requests without calling the next middleware.</summary>
    public Location? AnswersOptions { get; init; }

    /// <summary>For inline middleware: where it writes an <c>Access-Control-*</c> header.</summary>
    public Location? WritesCorsHeader { get; init; }

    public int HelperParameter { get; init; }

    /// <summary>Whether the event runs in a pipeline of the given environment.</summary>
    public bool RunsIn(HostEnvironment environment) => environment switch
    {
        HostEnvironment.DevelopmentOnly => Environment != HostEnvironment.ProductionOnly,
        HostEnvironment.ProductionOnly => Environment != HostEnvironment.DevelopmentOnly,
        _ => true,
    };

    /// <summary>Both cannot run in one request pipeline: they sit in different arms of one branch.</summary>
    public bool ExcludedBy(PipelineEvent other)
    {
        foreach (var mine in Branches)
        {
            foreach (var theirs in other.Branches)
            {
                if (mine.Owner == theirs.Owner && mine.Arm != theirs.Arm)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public PipelineEvent Within(ImmutableArray<Branch> outer, HostEnvironment environment)
    {
        var combined = environment == HostEnvironment.Any ? Environment
            : Environment == HostEnvironment.Any ? environment
            : Environment == environment ? environment
            : HostEnvironment.DevelopmentOnly; // contradictory branches: never in production
        return new PipelineEvent(Kind, Operation, Location, outer.IsEmpty ? Branches : outer.AddRange(Branches), combined)
        {
            AnswersOptions = AnswersOptions,
            WritesCorsHeader = WritesCorsHeader,
            Policy = Policy,
            Helper = Helper,
            HelperParameter = HelperParameter,
        };
    }
}

/// <summary>The calls made on one app value (a WebApplication local, or an <c>IApplicationBuilder</c> parameter), in order.</summary>
internal sealed class PipelineRoot
{
    public PipelineRoot(ISymbol symbol, bool isWebApplication)
    {
        Symbol = symbol;
        IsWebApplication = isWebApplication;
    }

    /// <summary>The local or parameter that holds the app.</summary>
    public ISymbol Symbol { get; }

    /// <summary>WebApplication adds routing, authentication/authorization and endpoints around the app's own middleware.</summary>
    public bool IsWebApplication { get; }

    public List<PipelineEvent> Events { get; } = new();

    public bool HasHelpers
    {
        get
        {
            foreach (var e in Events)
            {
                if (e.Kind == MiddlewareKind.Helper)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>A helper method and the parameter that receives the app.</summary>
internal readonly struct PipelineHelperKey : System.IEquatable<PipelineHelperKey>
{
    public PipelineHelperKey(IMethodSymbol method, int parameter)
    {
        Method = (IMethodSymbol)method.OriginalDefinition;
        Parameter = parameter;
    }

    public IMethodSymbol Method { get; }

    public int Parameter { get; }

    public bool Equals(PipelineHelperKey other) => Parameter == other.Parameter && SymbolEqualityComparer.Default.Equals(Method, other.Method);

    public override bool Equals(object? obj) => obj is PipelineHelperKey other && Equals(other);

    public override int GetHashCode() => (SymbolEqualityComparer.Default.GetHashCode(Method) * 31) + Parameter;
}

internal enum ServiceKind
{
    /// <summary><c>AddCors()</c> on <c>IServiceCollection</c> or <c>IMvcCoreBuilder</c>.</summary>
    Cors,

    /// <summary><c>AddControllers</c>/<c>AddControllersWithViews</c>/<c>AddMvc</c>: CORS and authorization services.</summary>
    Mvc,
    Authentication,
    Authorization,
}

internal sealed class ServiceFact
{
    public ServiceFact(ServiceKind kind, Location location)
    {
        Kind = kind;
        Location = location;
    }

    public ServiceKind Kind { get; }

    public Location Location { get; }
}

/// <summary>A statement after or before which a fix can add a service registration, and the receiver it uses.</summary>
internal sealed class ServiceAnchor
{
    public ServiceAnchor(Location statement, string receiver, bool insertAfter)
    {
        Statement = statement;
        Receiver = receiver;
        InsertAfter = insertAfter;
    }

    public Location Statement { get; }

    /// <summary><c>builder.Services</c>, <c>services</c>.</summary>
    public string Receiver { get; }

    public bool InsertAfter { get; }
}

internal enum MetadataKind
{
    RequireCors,
    EnableCors,
    DisableCors,
}

/// <summary>CORS metadata on an endpoint, a group, controllers or a controller/action/lambda attribute.</summary>
internal sealed class CorsMetadata
{
    public CorsMetadata(MetadataKind kind, Location location, PolicyUse? policy)
    {
        Kind = kind;
        Location = location;
        Policy = policy;
    }

    public MetadataKind Kind { get; }

    public Location Location { get; }

    public PolicyUse? Policy { get; }

    /// <summary>On a controller class or one of its actions (which a <c>MapControllers().RequireCors(...)</c> convention covers).</summary>
    public bool OnController { get; init; }
}

/// <summary>A <c>[DisableCors]</c> that a <c>RequireCors</c> convention added later overrides, and that convention.</summary>
internal sealed class OverriddenDisableCors
{
    public OverriddenDisableCors(Location attribute, Location convention)
    {
        Attribute = attribute;
        Convention = convention;
    }

    public Location Attribute { get; }

    public Location Convention { get; }
}

/// <summary>A SignalR hub mapping (<c>MapHub&lt;T&gt;</c>) and the RequireCors convention on it, if any.</summary>
internal sealed class HubMapping
{
    public HubMapping(Location location, PolicyUse? convention)
    {
        Location = location;
        Convention = convention;
    }

    public Location Location { get; }

    /// <summary>The policy of a <c>.RequireCors(...)</c> on the hub; null when the hub relies on the global UseCors policy.</summary>
    public PolicyUse? Convention { get; }

    /// <summary>For an inline <c>RequireCors(p => ...)</c>: where the lambda is, to find its policy.</summary>
    public Location? InlinePolicy { get; init; }
}

/// <summary>A policy defined by <c>AddPolicy</c>/<c>AddDefaultPolicy</c>.</summary>
internal sealed class PolicyDefinition
{
    public PolicyDefinition(bool isDefault, string? name, Location location)
    {
        IsDefault = isDefault;
        Name = name;
        Location = location;
    }

    public bool IsDefault { get; }

    /// <summary>The constant name; null for the default policy or a name that is not constant.</summary>
    public string? Name { get; }

    public Location Location { get; }
}

/// <summary>Everything one operation block (or one declared symbol) says about the pipeline, services and endpoints.</summary>
internal sealed class BlockPipelineFacts
{
    /// <summary>Apps whose pipeline starts here: a WebApplication built here, a Startup <c>Configure(IApplicationBuilder)</c>.</summary>
    public List<PipelineRoot> Entries { get; } = new();

    /// <summary>App parameters of methods that may be called as helpers.</summary>
    public Dictionary<PipelineHelperKey, PipelineRoot> Helpers { get; } = new();

    /// <summary>Every <c>UseCors</c> call, whatever builder it is made on.</summary>
    public List<Location> UseCorsCalls { get; } = new();

    /// <summary>A pipeline is assembled where the model cannot follow (a delegate, an app of unknown origin).</summary>
    public bool UnknownPipeline { get; set; }

    public List<ServiceFact> Services { get; } = new();

    /// <summary>Services are handed to a library that may register anything.</summary>
    public bool UnknownServices { get; set; }

    public List<ServiceAnchor> ServiceAnchors { get; } = new();

    public List<CorsMetadata> Metadata { get; } = new();

    /// <summary><c>[Authorize]</c>, <c>RequireAuthorization</c> or a <c>FallbackPolicy</c>: some request is authorized.</summary>
    public bool Authorizes { get; set; }

    public List<PolicyDefinition> Definitions { get; } = new();

    /// <summary>An AddPolicy name that is not a constant, a custom policy provider, or <c>DefaultPolicyName</c> set: names cannot be checked.</summary>
    public bool UnknownPolicyNames { get; set; }

    /// <summary><c>MapControllers()</c> (or another controller route) with <c>.RequireCors(...)</c>: the RequireCors call.</summary>
    public List<Location> ControllerConventions { get; } = new();

    /// <summary>Minimal endpoints whose <c>[DisableCors]</c> a RequireCors on the endpoint or its group overrides (known within the block).</summary>
    public List<OverriddenDisableCors> OverriddenDisableCors { get; } = new();

    public List<HubMapping> Hubs { get; } = new();

    /// <summary>The app evaluates CORS itself (<c>ICorsService</c>, <c>ICorsPolicyProvider</c>).</summary>
    public bool UsesCorsServices { get; set; }
}
