using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Endpoints;

/// <summary>
/// Collects what the app maps and which CORS policy picks each endpoint, as far as it is certain: minimal-API
/// endpoints (<c>MapPut</c>, <c>MapMethods</c>, ...) with their groups' and their own conventions and handler attributes,
/// controller actions (from their attributes), <c>UseCors</c> calls, <c>AddPolicy</c> names and registered services.
/// Anything the model cannot follow makes the endpoint's policy unknown, and rules stay silent about it.
/// </summary>
internal sealed class EndpointCollector
{
    /// <summary>Invocation names of interest; a block without any of them as an identifier is skipped.</summary>
    public static readonly HashSet<string> Names = new(System.StringComparer.Ordinal)
    {
        "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "MapGroup",
        "MapControllers", "MapControllerRoute", "MapDefaultControllerRoute", "MapAreaControllerRoute", "UseMvc", "UseMvcWithDefaultRoute",
        "UseCors", "RequireCors", "AddPolicy", "AddDefaultPolicy",
        "AddSingleton", "AddScoped", "AddTransient", "TryAddSingleton", "TryAddScoped", "TryAddTransient",
        "AddKeyedSingleton", "AddKeyedScoped", "AddKeyedTransient", "AddDbContext", "AddDbContextPool", "AddDbContextFactory",
        "AddPooledDbContextFactory", "AddHttpClient",
    };

    private static readonly HashSet<string> ControllerMappings = new(System.StringComparer.Ordinal)
    {
        "MapControllers", "MapControllerRoute", "MapDefaultControllerRoute", "MapAreaControllerRoute", "UseMvc", "UseMvcWithDefaultRoute",
    };

    private static readonly HashSet<string> Registrations = new(System.StringComparer.Ordinal)
    {
        "AddSingleton", "AddScoped", "AddTransient", "TryAddSingleton", "TryAddScoped", "TryAddTransient",
        "AddKeyedSingleton", "AddKeyedScoped", "AddKeyedTransient", "AddDbContext", "AddDbContextPool", "AddDbContextFactory",
        "AddPooledDbContextFactory", "AddHttpClient",
    };

    /// <summary>Convention calls that may add CORS metadata the model does not read.</summary>
    private static readonly HashSet<string> OpaqueConventions = new(System.StringComparer.Ordinal) { "WithMetadata", "Add", "Finally" };

    private readonly CorsSymbols _symbols;
    private readonly ISymbol _owner;
    private readonly EndpointFacts _facts;
    private readonly ValueReader _values;
    private readonly Dictionary<ILocalSymbol, IOperation?> _localSources = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, List<IOperation>> _localReferences = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, (string? Prefix, CorsUse Cors)> _groups = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ILocalSymbol> _resolving = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _localNames = new(System.StringComparer.Ordinal);

    private EndpointCollector(CorsSymbols symbols, ISymbol owner, EndpointFacts facts)
    {
        _symbols = symbols;
        _owner = owner;
        _facts = facts;
        _values = new ValueReader(symbols, local => _localSources.TryGetValue(local, out var source) ? source : null);
    }

    public static void Collect(ImmutableArray<IOperation> blocks, ISymbol owner, CorsSymbols symbols, EndpointFacts facts, System.Threading.CancellationToken cancellationToken)
    {
        new EndpointCollector(symbols, owner, facts).Run(blocks, cancellationToken);
    }

    private void Run(ImmutableArray<IOperation> blocks, System.Threading.CancellationToken cancellationToken)
    {
        var invocations = new List<IInvocationOperation>();
        foreach (var operation in CodeBlocks.Walk(blocks, EnterBody))
        {
            switch (operation)
            {
                case IInvocationOperation invocation when Names.Contains(invocation.TargetMethod.Name):
                    invocations.Add(invocation);
                    break;
                case IVariableDeclaratorOperation declarator:
                    Record(declarator.Symbol, declarator.GetVariableInitializer()?.Value);
                    _localNames.Add(declarator.Symbol.Name);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                    Record(local.Local, assignment.Value);
                    break;
                case ILocalReferenceOperation reference when !(reference.Parent is ISimpleAssignmentOperation parentAssignment && parentAssignment.Target == reference):
                    if (!_localReferences.TryGetValue(reference.Local, out var list))
                    {
                        _localReferences[reference.Local] = list = new List<IOperation>();
                    }

                    list.Add(reference);
                    break;
            }
        }

        foreach (var invocation in invocations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var method = invocation.TargetMethod;
            var name = method.Name;
            if (!IsFramework(method))
            {
                continue;
            }

            if (name == "UseCors" && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.CorsMiddlewareExtensions))
            {
                _facts.UseCorsCalls.Add(new UseCorsFact(UseOf(invocation), IsUnconditional(invocation)));
            }
            else if (name is "AddPolicy" or "AddDefaultPolicy" && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.CorsOptions))
            {
                _facts.Definitions.Add(name == "AddDefaultPolicy" ? string.Empty : NameOf(invocation));
            }
            else if (Registrations.Contains(name))
            {
                foreach (var type in method.TypeArguments)
                {
                    _facts.Services.TryAdd(type, true);
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value is ITypeOfOperation typeOf)
                    {
                        _facts.Services.TryAdd(typeOf.TypeOperand, true);
                    }
                }
            }
            else if (ControllerMappings.Contains(name))
            {
                System.Threading.Interlocked.Exchange(ref _facts.ControllersMapped, 1);
                if (Conventions(invocation, stopAtMaps: false).Kind != CorsUseKind.None)
                {
                    System.Threading.Interlocked.Exchange(ref _facts.ControllerConventionsUnknown, 1);
                }
            }
            else if (HttpMethodsOf(invocation) is { IsDefault: false } methods)
            {
                AddEndpoint(invocation, methods);
            }
        }
    }

    /// <summary>
    /// Whether a lambda's body may add to the model: it names a mapping, a policy or a service registration
    /// (<see cref="PolicyAnalyzer.Names"/>), or mentions a local of the enclosing code, whose uses are followed.
    /// Endpoint handlers do neither, and are not walked.
    /// </summary>
    private bool EnterBody(IAnonymousFunctionOperation lambda)
    {
        return CodeBlocks.BodyMayMatter(lambda, SourceIndex.HoldsPolicy | SourceIndex.MapsEndpoints, _localNames);
    }

    private void Record(ILocalSymbol local, IOperation? value)
    {
        _localSources[local] = _localSources.ContainsKey(local) ? null : value;
    }

    private static bool IsFramework(IMethodSymbol method)
    {
        return CorsSymbols.RootNamespace(method) == "Microsoft" && method.ContainingNamespace is { ContainingNamespace.IsGlobalNamespace: false } && !CorsSymbols.IsInSource(method);
    }

    // ---- Minimal-API endpoints ------------------------------------------------------------------------------

    private static readonly ImmutableArray<string> Get = ImmutableArray.Create("GET");
    private static readonly ImmutableArray<string> Post = ImmutableArray.Create("POST");
    private static readonly ImmutableArray<string> Put = ImmutableArray.Create("PUT");
    private static readonly ImmutableArray<string> Delete = ImmutableArray.Create("DELETE");
    private static readonly ImmutableArray<string> Patch = ImmutableArray.Create("PATCH");

    /// <summary>The methods a Map call maps (upper-case); default when it is not an endpoint mapping or the methods are not known.</summary>
    private ImmutableArray<string> HttpMethodsOf(IInvocationOperation invocation)
    {
        switch (invocation.TargetMethod.Name)
        {
            case "MapGet": return Get;
            case "MapPost": return Post;
            case "MapPut": return Put;
            case "MapDelete": return Delete;
            case "MapPatch": return Patch;
            case "MapMethods":
                var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "httpMethods");
                if (argument is null)
                {
                    return default;
                }

                var values = _values.ReadValues(ImmutableArray.Create(argument));
                if (values.IsDefault)
                {
                    return default;
                }

                var builder = ImmutableArray.CreateBuilder<string>();
                foreach (var value in values)
                {
                    var text = value.Text ?? HttpMethodsField(value.Operation);
                    if (text is null)
                    {
                        return default;
                    }

                    builder.Add(text.ToUpperInvariant());
                }

                return builder.ToImmutable();
            default:
                return default;
        }
    }

    /// <summary><c>HttpMethods.Put</c> and the like: static readonly fields named after the method.</summary>
    private static string? HttpMethodsField(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation is IFieldReferenceOperation { Field.ContainingType.Name: "HttpMethods", Field.IsStatic: true } field ? field.Field.Name.ToUpperInvariant() : null;
    }

    private void AddEndpoint(IInvocationOperation invocation, ImmutableArray<string> methods)
    {
        if (methods.All(IsGetOrHead))
        {
            return; // never preflighted by its method, and never given a body (an explicit one is ignored, none is inferred)
        }

        // GET/HEAD/POST without a JSON body: no preflight. Whether a POST has one decides whether it is kept; an endpoint
        // preflighted for its method is kept anyway, and its body is read only if a rule asks (EndpointFact.Body).
        var handler = Handler(invocation);
        EndpointBody? body = null;
        if (methods.All(IsSimpleMethod))
        {
            body = handler is null ? EndpointBody.None : Body(handler.Parameters, methods, inferAlways: true, _symbols);
            if (body.IsEmpty)
            {
                return;
            }
        }

        var receiver = invocation.Instance ?? invocation.Arguments.FirstOrDefault()?.Value;
        var (prefix, groupCors) = receiver is null ? (null, CorsUse.Unknown) : Builder(receiver, 0);
        var own = Conventions(invocation, stopAtMaps: true);
        var attributes = handler is null ? CorsUse.Unknown : FromAttributes(handler.GetAttributes());
        var cors = own.Kind != CorsUseKind.None ? own : attributes.Kind != CorsUseKind.None ? attributes : groupCors;

        var pattern = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value;
        var route = Join(prefix, pattern is null ? null : _values.ReadValue(pattern).Text);
        _facts.Endpoints.Enqueue(body is not null
            ? new EndpointFact(route, methods, cors, isController: false, body)
            : new EndpointFact(route, methods, cors, isController: false, BodyReader(handler?.Parameters, methods, inferAlways: true, _symbols)));
    }

    private static IMethodSymbol? Handler(IInvocationOperation invocation)
    {
        var value = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name is "handler" or "requestDelegate")?.Value;
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value switch
        {
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda.Symbol,
            IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => reference.Method,
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            _ => null,
        };
    }

    /// <summary>
    /// The route prefix and the CORS choice of the builder an endpoint is mapped on: the app itself (no group), a
    /// <c>MapGroup</c> (its conventions, then its parent's), or unknown (a parameter that may be a group).
    /// </summary>
    private (string? Prefix, CorsUse Cors) Builder(IOperation operation, int depth)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        if (depth > 16)
        {
            return (null, CorsUse.Unknown);
        }

        if (_symbols.WebApplication is not null && SymbolEqualityComparer.Default.Equals(operation.Type, _symbols.WebApplication))
        {
            return (string.Empty, CorsUse.None);
        }

        switch (operation)
        {
            case IParameterReferenceOperation parameter when IsUseEndpointsParameter(parameter):
                return (string.Empty, CorsUse.None);

            case ILocalReferenceOperation local:
                return Group(local.Local, depth);

            case IInvocationOperation invocation:
                // A chain that ends in a group: app.MapGroup("/api").RequireCors("P").MapPut(...).
                var conventions = new List<IInvocationOperation>();
                var current = invocation;
                while (current.TargetMethod.Name != "MapGroup")
                {
                    conventions.Add(current);
                    var next = Receiver(current);
                    while (next is IConversionOperation c)
                    {
                        next = c.Operand;
                    }

                    if (next is not IInvocationOperation inner || conventions.Count > 32)
                    {
                        return (null, CorsUse.Unknown);
                    }

                    current = inner;
                }

                if (!IsFramework(current.TargetMethod))
                {
                    return (null, CorsUse.Unknown);
                }

                var (parentPrefix, parentCors) = Receiver(current) is { } parentReceiver ? Builder(parentReceiver, depth + 1) : (null, CorsUse.Unknown);
                var pattern = current.Arguments.FirstOrDefault(a => a.Parameter?.Name == "prefix")?.Value;
                var prefix = Join(parentPrefix, pattern is null ? null : _values.ReadValue(pattern).Text);
                var own = CorsUse.None;
                conventions.Reverse();
                foreach (var call in conventions)
                {
                    own = Apply(own, call);
                }

                return (prefix, own.Kind != CorsUseKind.None ? own : parentCors);

            default:
                return (null, CorsUse.Unknown);
        }
    }

    /// <summary>A local holding a group: its initializer chain, then every convention call made on it in this block.</summary>
    private (string? Prefix, CorsUse Cors) Group(ILocalSymbol local, int depth)
    {
        if (_groups.TryGetValue(local, out var known))
        {
            return known;
        }

        if (!_localSources.TryGetValue(local, out var source) || source is null || !_resolving.Add(local))
        {
            return (null, CorsUse.Unknown);
        }

        var (prefix, cors) = Builder(source, depth + 1);
        var own = CorsUse.None;
        if (_localReferences.TryGetValue(local, out var references))
        {
            foreach (var reference in references.OrderBy(r => r.Syntax.SpanStart))
            {
                var parent = reference.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                var call = parent switch
                {
                    IArgumentOperation { Parent: IInvocationOperation extension } argument when extension.Arguments.FirstOrDefault() == argument && extension.TargetMethod.IsExtensionMethod => extension,
                    IInvocationOperation instance when instance.Instance is not null => instance,
                    _ => null,
                };

                if (call is null)
                {
                    own = CorsUse.Unknown; // handed on or stored elsewhere: more conventions may follow
                    continue;
                }

                if (IsMapping(call))
                {
                    continue;
                }

                var fromCall = Conventions(reference, stopAtMaps: true);
                if (fromCall.Kind != CorsUseKind.None)
                {
                    own = fromCall.Kind == CorsUseKind.Unknown || !IsUnconditional(call) ? CorsUse.Unknown : fromCall;
                }
            }
        }

        var result = (prefix, own.Kind != CorsUseKind.None ? own : cors);
        _groups[local] = result;
        return result;
    }

    private static IOperation? Receiver(IInvocationOperation invocation) =>
        invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod ? invocation.Arguments.FirstOrDefault()?.Value : null);

    private static bool IsMapping(IInvocationOperation call) =>
        call.TargetMethod.Name is "MapGet" or "MapPost" or "MapPut" or "MapDelete" or "MapPatch" or "MapMethods" or "MapGroup" or "Map" or "MapFallback"
            or "MapHub" or "MapControllers" or "MapControllerRoute" or "MapRazorPages" or "MapHealthChecks";

    /// <summary>
    /// The CORS choice made by the convention calls chained on a builder (the last one wins), up to the statement
    /// that ends the chain; unknown when the builder is stored, returned or handed to code that may add more.
    /// </summary>
    private CorsUse Conventions(IOperation start, bool stopAtMaps)
    {
        var result = CorsUse.None;
        var current = start;
        for (var depth = 0; depth < 64; depth++)
        {
            var parent = current.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            IInvocationOperation? call = parent switch
            {
                IArgumentOperation { Parent: IInvocationOperation extension } argument when extension.Arguments.FirstOrDefault() == argument && extension.TargetMethod.IsExtensionMethod => extension,
                IInvocationOperation instance when instance.Instance == current => instance,
                _ => null,
            };

            if (call is null)
            {
                return parent is IExpressionStatementOperation ? result : CorsUse.Unknown;
            }

            if (stopAtMaps && IsMapping(call))
            {
                return result; // the builder is used to map something else, which is not a convention on it
            }

            result = Apply(result, call);
            if (result.Kind == CorsUseKind.Unknown)
            {
                return result;
            }

            current = call;
        }

        return CorsUse.Unknown;
    }

    /// <summary>One convention call's effect on the CORS choice so far.</summary>
    private CorsUse Apply(CorsUse current, IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (method.Name == "RequireCors" && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.CorsEndpointConventionBuilderExtensions))
        {
            return UseOf(call);
        }

        if (!IsFramework(method) || OpaqueConventions.Contains(method.Name))
        {
            return CorsUse.Unknown;
        }

        return current;
    }

    /// <summary>The policy a UseCors/RequireCors call names: none given (default), a constant name, or an inline policy.</summary>
    private CorsUse UseOf(IInvocationOperation invocation)
    {
        var arguments = invocation.Arguments.Where(a => a.ArgumentKind != ArgumentKind.DefaultValue).Skip(invocation.TargetMethod.IsExtensionMethod ? 1 : 0).ToList();
        if (arguments.Count == 0)
        {
            return CorsUse.Default;
        }

        var value = arguments[0].Value;
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value switch
        {
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => CorsUse.Inline(lambda.Syntax.GetLocation()),
            IDelegateCreationOperation creation => CorsUse.Inline(creation.Syntax.GetLocation()),
            _ when value.Type?.SpecialType == SpecialType.System_String => CorsUse.Named(_values.ReadValue(value).Text),
            _ => CorsUse.Unknown,
        };
    }

    private string? NameOf(IInvocationOperation invocation)
    {
        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String);
        return argument is null ? null : _values.ReadValue(argument.Value).Text;
    }

    /// <summary>The lambda parameter of <c>app.UseEndpoints(endpoints => ...)</c>: the app's root route builder, never a group.</summary>
    private static bool IsUseEndpointsParameter(IParameterReferenceOperation parameter)
    {
        if (parameter.Parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambdaSymbol)
        {
            return false;
        }

        for (var parent = parameter.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, lambdaSymbol))
            {
                var outer = lambda.Parent;
                while (outer is IDelegateCreationOperation or IConversionOperation)
                {
                    outer = outer.Parent;
                }

                return outer is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "UseEndpoints" } use } && IsFramework(use.TargetMethod);
            }
        }

        return false;
    }

    /// <summary>
    /// True when the call runs whenever its method runs, for the middleware once per app: a statement of an entry
    /// point's own body (not in a branch, loop or lambda), and for UseCors not after a terminal UseEndpoints/UseMvc.
    /// </summary>
    private bool IsUnconditional(IInvocationOperation invocation)
    {
        if (invocation.Parent is not IExpressionStatementOperation statement
            || statement.Parent is not IBlockOperation { Parent: null or IMethodBodyOperation } body)
        {
            return false;
        }

        if (invocation.TargetMethod.Name != "UseCors")
        {
            return true; // a convention on a group: applies whenever the group's method runs
        }

        if (_owner is not IMethodSymbol method || !EnvironmentChecks.IsEntryPoint(method))
        {
            return false;
        }

        foreach (var earlier in body.Operations)
        {
            if (earlier == statement)
            {
                break;
            }

            if (earlier is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.Name: "UseEndpoints" or "UseMvc" or "UseMvcWithDefaultRoute" or "Run" } })
            {
                return false;
            }
        }

        return true;
    }

    // ---- Controllers -----------------------------------------------------------------------------------------

    /// <summary>Every action of a controller class with an HTTP method attribute, with its route, body and CORS attributes.</summary>
    public static void CollectController(INamedTypeSymbol type, CorsSymbols symbols, EndpointFacts facts)
    {
        if (symbols.ControllerBase is null || type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || type.IsGenericType
            || type.DeclaredAccessibility != Accessibility.Public || !DerivesFrom(type, symbols.ControllerBase))
        {
            return;
        }

        if (type.GetAttributes().Any(a => IsMvcAttribute(a, "NonControllerAttribute")))
        {
            return;
        }

        var apiController = false;
        var classCors = CorsUse.None;
        for (var current = type; current is not null && !SymbolEqualityComparer.Default.Equals(current, symbols.ControllerBase); current = current.BaseType)
        {
            var attributes = current.GetAttributes();
            apiController |= attributes.Any(a => IsMvcAttribute(a, "ApiControllerAttribute"));
            if (classCors.Kind == CorsUseKind.None)
            {
                classCors = FromAttributes(attributes);
            }
        }

        apiController |= type.ContainingAssembly.GetAttributes().Any(a => IsMvcAttribute(a, "ApiControllerAttribute"));
        var controllerName = type.Name.EndsWith("Controller", System.StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Controller".Length) : type.Name;
        var classRoute = type.GetAttributes().Where(a => IsMvcAttribute(a, "RouteAttribute")).Select(Template).FirstOrDefault();

        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public } action)
            {
                continue;
            }

            var attributes = action.GetAttributes();
            if (attributes.Any(a => IsMvcAttribute(a, "NonActionAttribute")))
            {
                continue;
            }

            List<string>? methods = null;
            void AddMethod(string method) => (methods ??= new List<string>(1)).Add(method);
            string? template = null;
            var routeKnown = true;
            foreach (var attribute in attributes)
            {
                if (!IsMvcAttribute(attribute, attribute.AttributeClass?.Name ?? string.Empty))
                {
                    continue;
                }

                switch (attribute.AttributeClass!.Name)
                {
                    case "HttpGetAttribute": AddMethod("GET"); break;
                    case "HttpPostAttribute": AddMethod("POST"); break;
                    case "HttpPutAttribute": AddMethod("PUT"); break;
                    case "HttpDeleteAttribute": AddMethod("DELETE"); break;
                    case "HttpPatchAttribute": AddMethod("PATCH"); break;
                    case "HttpHeadAttribute": AddMethod("HEAD"); break;
                    case "HttpOptionsAttribute": AddMethod("OPTIONS"); break;
                    case "AcceptVerbsAttribute":
                        foreach (var argument in attribute.ConstructorArguments)
                        {
                            var values = argument.Kind == TypedConstantKind.Array ? argument.Values : ImmutableArray.Create(argument);
                            foreach (var value in values)
                            {
                                if (value.Value is string verb)
                                {
                                    AddMethod(verb.ToUpperInvariant());
                                }
                            }
                        }

                        continue;
                    case "RouteAttribute":
                        break;
                    default:
                        continue;
                }

                var own = Template(attribute);
                if (own is not null)
                {
                    routeKnown &= template is null;
                    template = own;
                }
            }

            // No verb: not an action the rules judge. GET or HEAD alone: neither the method nor a body makes its requests
            // preflighted (the judgement below, made before the parameters are read).
            if (methods is null || methods.TrueForAll(IsGetOrHead))
            {
                continue;
            }

            var httpMethods = methods.Distinct().ToImmutableArray();
            EndpointBody? body = null;
            if (httpMethods.All(IsSimpleMethod))
            {
                body = Body(action.Parameters, httpMethods, inferAlways: apiController, symbols);
                if (body.IsEmpty)
                {
                    continue;
                }
            }

            var actionCors = FromAttributes(attributes);
            var cors = actionCors.Kind != CorsUseKind.None ? actionCors : classCors;
            var route = template is not null && (template.StartsWith("/", System.StringComparison.Ordinal) || template.StartsWith("~/", System.StringComparison.Ordinal))
                ? Join(string.Empty, template.TrimStart('~'))
                : Join(classRoute is null ? string.Empty : classRoute, template ?? string.Empty);
            route = route.Replace("[controller]", controllerName).Replace("[action]", action.Name);
            route = routeKnown ? route : "?";
            facts.Endpoints.Enqueue(body is not null
                ? new EndpointFact(route, httpMethods, cors, isController: true, body)
                : new EndpointFact(route, httpMethods, cors, isController: true, BodyReader(action.Parameters, httpMethods, inferAlways: apiController, symbols)));
        }
    }

    /// <summary>A method whose requests are never preflighted for their method, and never carry a body the framework reads.</summary>
    private static bool IsGetOrHead(string method) => method is "GET" or "HEAD";

    private static string? Template(AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string template ? template : null;

    private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMvcAttribute(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } type && type.Name == name
        && (CorsSymbols.IsNamespace(type.ContainingNamespace, "Microsoft.AspNetCore.Mvc") || CorsSymbols.IsNamespace(type.ContainingNamespace, "Microsoft.AspNetCore.Mvc.Routing"));

    /// <summary><c>[EnableCors]</c>, <c>[EnableCors("P")]</c>, <c>[DisableCors]</c> among a symbol's attributes (the last one wins).</summary>
    private static CorsUse FromAttributes(ImmutableArray<AttributeData> attributes)
    {
        var result = CorsUse.None;
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is not { } type || !CorsSymbols.IsNamespace(type.ContainingNamespace, "Microsoft.AspNetCore.Cors"))
            {
                continue;
            }

            if (type.Name == "DisableCorsAttribute")
            {
                result = CorsUse.Disabled;
            }
            else if (type.Name == "EnableCorsAttribute")
            {
                result = attribute.ConstructorArguments.Length == 0 ? CorsUse.Default
                    : attribute.ConstructorArguments[0].Value is string name ? CorsUse.Named(name)
                    : attribute.ConstructorArguments[0].IsNull ? CorsUse.Default : CorsUse.Unknown;
            }
        }

        return result;
    }

    // ---- Request bodies ---------------------------------------------------------------------------------------

    /// <summary><see cref="Body"/>, read when first asked for (a method of its own: a lambda in the caller would make its closure on every call).</summary>
    private static System.Func<EndpointBody> BodyReader(ImmutableArray<IParameterSymbol>? parameters, ImmutableArray<string> methods, bool inferAlways, CorsSymbols symbols) =>
        () => parameters is { } known ? Body(known, methods, inferAlways, symbols) : EndpointBody.None;

    /// <summary>
    /// Whether a handler or action reads a JSON body: an explicit <c>[FromBody]</c>, or (on POST/PUT/PATCH, where
    /// the framework infers it) parameters whose type is a plain data class declared in the app.
    /// </summary>
    private static EndpointBody Body(ImmutableArray<IParameterSymbol> parameters, ImmutableArray<string> methods, bool inferAlways, CorsSymbols symbols)
    {
        var explicitBody = false;
        ImmutableArray<ITypeSymbol>.Builder? candidates = null; // most endpoints have none: no builder for them
        var bodyMethod = methods.Any(m => m is "POST" or "PUT" or "PATCH");
        foreach (var parameter in parameters)
        {
            var attributes = parameter.GetAttributes();
            if (attributes.Any(a => a.AttributeClass?.Name == "FromBodyAttribute" && CorsSymbols.IsNamespace(a.AttributeClass.ContainingNamespace, "Microsoft.AspNetCore.Mvc")))
            {
                explicitBody |= methods.Any(m => m is not ("GET" or "HEAD"));
                continue;
            }

            if (inferAlways && bodyMethod && attributes.IsEmpty && IsDataClass(parameter.Type, symbols))
            {
                (candidates ??= ImmutableArray.CreateBuilder<ITypeSymbol>()).Add(parameter.Type);
            }
        }

        return explicitBody || candidates is not null ? new EndpointBody(explicitBody, candidates?.ToImmutable() ?? ImmutableArray<ITypeSymbol>.Empty) : EndpointBody.None;
    }

    /// <summary>
    /// A type the framework binds from a JSON body when it is not a service: a class, record or struct declared in
    /// the app, with public properties and no methods of its own, no TryParse/BindAsync, not a DbContext. Services
    /// look different (they have methods), so this errs on the side of silence.
    /// </summary>
    /// <remarks>
    /// The same request and service types recur across endpoints, and reading a type's members costs far more than
    /// the rest of an endpoint: the answer for each source type is kept for the compilation.
    /// </remarks>
    private static bool IsDataClass(ITypeSymbol type, CorsSymbols symbols) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false, IsStatic: false, SpecialType: SpecialType.None } named
        && CorsSymbols.IsInSource(named)
        && symbols.DataClasses.GetOrAdd(named, IsDataClassUncached);

    private static readonly System.Func<INamedTypeSymbol, bool> IsDataClassUncached = named =>
    {
        for (var current = named.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name is "DbContext" or "ControllerBase" or "Stream" or "HttpContext")
            {
                return false;
            }
        }

        var hasProperty = false;
        foreach (var member in named.GetMembers())
        {
            switch (member)
            {
                case IMethodSymbol { Name: "TryParse" or "BindAsync", IsStatic: true }:
                    return false;
                case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsImplicitlyDeclared: false, IsStatic: false, DeclaredAccessibility: Accessibility.Public }:
                    return false;
                case IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public }:
                    hasProperty = true;
                    break;
            }
        }

        return hasProperty;
    };

    public static bool IsSimpleMethod(string method) => method is "GET" or "HEAD" or "POST";

    private static string Join(string? prefix, string? pattern)
    {
        var left = (prefix ?? "…").TrimEnd('/');
        var right = (pattern ?? "?").Trim('/');
        var joined = right.Length == 0 ? left : left + "/" + right;
        return joined.StartsWith("/", System.StringComparison.Ordinal) || joined.StartsWith("…", System.StringComparison.Ordinal) ? joined : "/" + joined;
    }
}
