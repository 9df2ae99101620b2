using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Endpoints;

/// <summary>How an endpoint, a group or the middleware picks its CORS policy.</summary>
internal enum CorsUseKind
{
    /// <summary>Nothing at this level: the next level decides (the endpoint's group, then the middleware).</summary>
    None,

    /// <summary>A named policy: <c>RequireCors("P")</c>, <c>[EnableCors("P")]</c>, <c>UseCors("P")</c>.</summary>
    Named,

    /// <summary>The default policy: <c>[EnableCors]</c>, <c>UseCors()</c>.</summary>
    Default,

    /// <summary>A policy built right there: <c>RequireCors(b => ...)</c>, <c>UseCors(b => ...)</c>.</summary>
    Inline,

    /// <summary><c>[DisableCors]</c>: no CORS headers at all.</summary>
    Disabled,

    /// <summary>Something the model cannot follow may set or replace the policy.</summary>
    Unknown,
}

/// <summary>A policy choice: which policy (by name, default, or the inline policy's location), or none / disabled / unknown.</summary>
internal readonly struct CorsUse
{
    private CorsUse(CorsUseKind kind, string? name, Location? inline)
    {
        Kind = kind;
        Name = name;
        InlineLocation = inline;
    }

    public static CorsUse None { get; } = new(CorsUseKind.None, null, null);

    public static CorsUse Unknown { get; } = new(CorsUseKind.Unknown, null, null);

    public static CorsUse Disabled { get; } = new(CorsUseKind.Disabled, null, null);

    public static CorsUse Default { get; } = new(CorsUseKind.Default, null, null);

    public CorsUseKind Kind { get; }

    public string? Name { get; }

    /// <summary>For <see cref="CorsUseKind.Inline"/>: the lambda or method group that builds the policy (the policy fragment's location).</summary>
    public Location? InlineLocation { get; }

    public static CorsUse Named(string? name) => name is null ? Unknown : new(CorsUseKind.Named, name, null);

    public static CorsUse Inline(Location location) => new(CorsUseKind.Inline, null, location);
}

/// <summary>What an endpoint's request body is: a <c>[FromBody]</c> parameter, and parameter types bound from the body unless they are services.</summary>
internal sealed class EndpointBody
{
    public static readonly EndpointBody None = new(false, ImmutableArray<ITypeSymbol>.Empty);

    public EndpointBody(bool explicitBody, ImmutableArray<ITypeSymbol> candidates)
    {
        Explicit = explicitBody;
        Candidates = candidates;
    }

    /// <summary>A <c>[FromBody]</c> parameter: the request body is JSON.</summary>
    public bool Explicit { get; }

    /// <summary>Parameters whose type the framework binds from the body unless the type is a registered service.</summary>
    public ImmutableArray<ITypeSymbol> Candidates { get; }

    public bool IsEmpty => !Explicit && Candidates.IsEmpty;
}

/// <summary>One endpoint the app maps with an HTTP method that matters for CORS preflight, and what picks its policy.</summary>
internal sealed class EndpointFact
{
    private readonly System.Func<EndpointBody>? _readBody;
    private EndpointBody? _body;

    /// <summary>An endpoint whose body is known.</summary>
    public EndpointFact(string route, ImmutableArray<string> methods, CorsUse cors, bool isController, EndpointBody body)
        : this(route, methods, cors, isController)
    {
        _body = body;
    }

    /// <summary>
    /// An endpoint preflighted for its method, whose body is read only if a rule asks: only CORS012 does, for a policy
    /// that allows no request header. Reading a handler's parameters and their types is most of an endpoint's cost.
    /// </summary>
    public EndpointFact(string route, ImmutableArray<string> methods, CorsUse cors, bool isController, System.Func<EndpointBody> readBody)
        : this(route, methods, cors, isController)
    {
        _readBody = readBody;
    }

    private EndpointFact(string route, ImmutableArray<string> methods, CorsUse cors, bool isController)
    {
        Route = route;
        Methods = methods;
        Cors = cors;
        IsController = isController;
    }

    /// <summary>The route as written (group prefixes and controller routes joined), starting with '/'; "?" parts where not constant.</summary>
    public string Route { get; }

    /// <summary>The HTTP methods, upper-case.</summary>
    public ImmutableArray<string> Methods { get; }

    /// <summary>The endpoint's own CORS choice, with its groups' and attributes' already applied; None: the middleware decides.</summary>
    public CorsUse Cors { get; }

    /// <summary>A controller action: it only exists when the app maps controllers.</summary>
    public bool IsController { get; }

    /// <summary>The request body, read the first time it is asked for (at compilation end).</summary>
    public EndpointBody Body
    {
        get
        {
            if (_body is null)
            {
                System.Threading.Interlocked.CompareExchange(ref _body, _readBody!(), null);
            }

            return _body!;
        }
    }
}

/// <summary>A <c>UseCors</c> call: which policy it applies and whether it certainly runs for every request.</summary>
internal sealed class UseCorsFact
{
    public UseCorsFact(CorsUse use, bool unconditional)
    {
        Use = use;
        Unconditional = unconditional;
    }

    public CorsUse Use { get; }

    /// <summary>In an entry point, outside any branch or lambda, and not after a terminal UseEndpoints/UseMvc.</summary>
    public bool Unconditional { get; }
}

/// <summary>Endpoint facts of the whole compilation, collected concurrently from blocks and controller classes.</summary>
internal sealed class EndpointFacts
{
    public ConcurrentQueue<EndpointFact> Endpoints { get; } = new();

    public ConcurrentBag<UseCorsFact> UseCorsCalls { get; } = new();

    /// <summary>Names given to <c>AddPolicy</c> (null when not constant) and "" for each <c>AddDefaultPolicy</c>.</summary>
    public ConcurrentBag<string?> Definitions { get; } = new();

    /// <summary>Types registered as services (<c>AddScoped&lt;T&gt;</c>, <c>AddDbContext&lt;T&gt;</c>, ...): never a request body.</summary>
    public ConcurrentDictionary<ITypeSymbol, bool> Services { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Set when the app maps controllers (MapControllers, MapControllerRoute, UseMvc, ...).</summary>
    public int ControllersMapped;

    /// <summary>Set when a controller mapping carries conventions the model does not follow (e.g. <c>MapControllers().RequireCors(...)</c>).</summary>
    public int ControllerConventionsUnknown;

    public bool IsEmpty => Endpoints.IsEmpty;

    /// <summary>The endpoints that <paramref name="key"/> (a policy name, "" for the default policy, or an inline policy's location) certainly applies to.</summary>
    public Dictionary<object, List<EndpointFact>> ByPolicy()
    {
        var result = new Dictionary<object, List<EndpointFact>>();
        var global = GlobalUse();
        var controllersUsable = ControllersMapped != 0 && ControllerConventionsUnknown == 0;
        foreach (var endpoint in Endpoints)
        {
            if (endpoint.IsController && !controllersUsable)
            {
                continue;
            }

            var use = endpoint.Cors.Kind == CorsUseKind.None ? global : endpoint.Cors;
            if (Key(use) is { } key)
            {
                if (!result.TryGetValue(key, out var list))
                {
                    result[key] = list = new List<EndpointFact>();
                }

                list.Add(endpoint);
            }
        }

        return result;
    }

    /// <summary>The policy every endpoint without CORS metadata gets: only when exactly one UseCors call exists and it runs unconditionally.</summary>
    private CorsUse GlobalUse()
    {
        var calls = UseCorsCalls.ToArray();
        return calls.Length == 1 && calls[0].Unconditional ? calls[0].Use : CorsUse.Unknown;
    }

    private object? Key(CorsUse use)
    {
        switch (use.Kind)
        {
            case CorsUseKind.Named:
                var count = 0;
                foreach (var definition in Definitions)
                {
                    if (definition is null)
                    {
                        return null; // a policy with a name we cannot read may be this one
                    }

                    if (definition == use.Name)
                    {
                        count++;
                    }
                }

                return count == 1 ? use.Name : null;

            case CorsUseKind.Default:
                var defaults = 0;
                foreach (var definition in Definitions)
                {
                    if (definition is { Length: 0 })
                    {
                        defaults++;
                    }
                }

                return defaults == 1 ? string.Empty : null;

            case CorsUseKind.Inline:
                return use.InlineLocation;

            default:
                return null;
        }
    }

    /// <summary>The endpoint's body is JSON: <c>[FromBody]</c>, or an inferred parameter type that is not a registered service.</summary>
    public bool TakesJsonBody(EndpointFact endpoint)
    {
        var body = endpoint.Body;
        if (body.Explicit)
        {
            return true;
        }

        foreach (var candidate in body.Candidates)
        {
            if (!Services.ContainsKey(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
