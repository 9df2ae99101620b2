using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using System.Threading;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Pipeline;

/// <summary>
/// Reads one operation block (a method body, top-level statements) into <see cref="BlockPipelineFacts"/>: the calls made on
/// each app value in order, with the branches they sit in; service registrations; CORS and authorization metadata;
/// policy definitions. What the model cannot follow is recorded as such, never guessed.
/// </summary>
internal sealed class PipelineCollector
{
    private readonly PipelineSymbols _symbols;
    private readonly ISymbol _owningSymbol;
    private readonly CancellationToken _cancellationToken;
    private readonly BlockPipelineFacts _facts = new();
    private readonly Dictionary<ISymbol, PipelineRoot?> _roots = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, IOperation?> _initializers = new(SymbolEqualityComparer.Default);
    private readonly List<(IInvocationOperation Call, Location Location)> _requireCors = new();
    private readonly List<IInvocationOperation> _maps = new();
    private readonly List<IInvocationOperation> _hubs = new();
    private readonly HashSet<string> _appNames = new(System.StringComparer.Ordinal);

    private PipelineCollector(PipelineSymbols symbols, ISymbol owningSymbol, CancellationToken cancellationToken)
    {
        _symbols = symbols;
        _owningSymbol = owningSymbol;
        _cancellationToken = cancellationToken;
    }

    public static BlockPipelineFacts Collect(ImmutableArray<IOperation> blocks, ISymbol owningSymbol, PipelineSymbols symbols, CancellationToken cancellationToken)
    {
        var collector = new PipelineCollector(symbols, owningSymbol, cancellationToken);
        collector.Run(blocks);
        return collector._facts;
    }

    /// <summary>
    /// A type's attributes (<c>[EnableCors]</c>, <c>[DisableCors]</c>) and whether it implements a CORS service; null
    /// when it has none of them (most types). <paramref name="authorizes"/>: it carries <c>[Authorize]</c>, which matters
    /// only as a fact about the whole app (every controller may have one), so it makes no facts object of its own.
    /// </summary>
    public static BlockPipelineFacts? CollectType(INamedTypeSymbol type, PipelineSymbols symbols, out bool authorizes)
    {
        var usesCorsServices = false;
        foreach (var implemented in type.AllInterfaces)
        {
            usesCorsServices |= symbols.IsCorsServiceType(implemented);
        }

        return CollectSymbol(type, symbols, readAttributes: true, usesCorsServices, out authorizes);
    }

    /// <summary>
    /// A written method's attributes and CORS service parameters, as <see cref="CollectType"/> reads a type's. The
    /// caller says whether a parameter is a CORS service (<see cref="BlockGate.ReceivesCorsService"/>, judged with
    /// the rest of the method's parameters) and whether the method can have attributes: one whose declaration has no
    /// attribute list and that has no other part has none, and their look-up is skipped.
    /// </summary>
    public static BlockPipelineFacts? CollectMethod(IMethodSymbol method, bool mayHaveAttributes, bool receivesCorsService, PipelineSymbols symbols, out bool authorizes) =>
        CollectSymbol(method, symbols, mayHaveAttributes, receivesCorsService, out authorizes);

    private static BlockPipelineFacts? CollectSymbol(ISymbol symbol, PipelineSymbols symbols, bool readAttributes, bool usesCorsServices, out bool authorizes)
    {
        // Most symbols (every controller action has [HttpGet] and the like) carry nothing of interest: no facts object.
        BlockPipelineFacts? facts = null;
        authorizes = readAttributes && ReadAttributes(symbol, symbols, ref facts);
        if (usesCorsServices)
        {
            facts ??= new BlockPipelineFacts();
            facts.UsesCorsServices = true;
            facts.UnknownPolicyNames |= symbol is INamedTypeSymbol; // a custom ICorsPolicyProvider or ICorsService answers any name
        }

        return facts; // created only once something of interest was found
    }

    private void Run(ImmutableArray<IOperation> blocks)
    {
        if (_owningSymbol is IMethodSymbol { Name: "Configure", MethodKind: MethodKind.Ordinary, IsExtensionMethod: false } method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, _symbols.ApplicationBuilder))
                {
                    var root = RootFor(parameter)!;
                    _facts.Entries.Add(root);
                    break;
                }
            }
        }

        if (_owningSymbol is IMethodSymbol owner)
        {
            foreach (var parameter in owner.Parameters)
            {
                NoteApp(parameter);
            }
        }

        var references = new List<IOperation>();
        foreach (var operation in CodeBlocks.Walk(blocks, EnterBody))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    if (_symbols.IsApplicationBuilder(declarator.Symbol.Type))
                    {
                        _initializers[declarator.Symbol] = _initializers.ContainsKey(declarator.Symbol) ? null : declarator.GetVariableInitializer()?.Value;
                    }

                    NoteApp(declarator.Symbol);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } when _symbols.IsApplicationBuilder(local.Local.Type):
                    _initializers[local.Local] = null; // reassigned: which app it holds is not known
                    break;
                case ILocalReferenceOperation local when _symbols.IsApplicationBuilder(local.Local.Type):
                    references.Add(operation);
                    break;
                case IParameterReferenceOperation parameter when _symbols.IsApplicationBuilder(parameter.Parameter.Type):
                    references.Add(operation);
                    break;
                case IInvocationOperation invocation:
                    VisitInvocation(invocation);
                    break;
                case IAnonymousFunctionOperation lambda:
                    VisitLambda(lambda);
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property }:
                    VisitPropertyAssignment(property);
                    break;
            }
        }

        foreach (var reference in references)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var symbol = reference switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
            if (symbol is null)
            {
                continue;
            }

            var root = RootFor(symbol);
            if (root is null)
            {
                if (symbol is ILocalSymbol && MakesEvent(reference))
                {
                    _facts.UnknownPipeline = true; // an app built elsewhere, or reassigned
                }

                continue;
            }

            Follow(root, reference);
        }

        foreach (var root in _roots.Values)
        {
            root?.Events.Sort((a, b) => a.Order.CompareTo(b.Order));
        }

        CollectConventions();
    }

    /// <summary>
    /// RequireCors conventions that cover endpoints with <c>[DisableCors]</c>: on <c>MapControllers()</c> (every controller),
    /// on the endpoint itself, or on the group local the endpoint is mapped on. Conventions are applied after the
    /// endpoint's attributes, so the RequireCors policy wins.
    /// </summary>
    private void CollectConventions()
    {
        var groups = new Dictionary<ILocalSymbol, Location>(SymbolEqualityComparer.Default);
        var hubConventions = new Dictionary<IInvocationOperation, (PolicyUse Policy, Location? Inline)>();
        foreach (var (call, location) in _requireCors)
        {
            for (var receiver = Receiver(call); receiver is not null; receiver = receiver is IInvocationOperation inner ? Receiver(inner) : null)
            {
                if (receiver is IInvocationOperation hub && _hubs.Contains(hub))
                {
                    hubConventions[hub] = (PolicyOf(call, location), InlineLambda(call));
                    break;
                }

                if (receiver is IInvocationOperation { TargetMethod.Name: "MapControllers" or "MapControllerRoute" or "MapDefaultControllerRoute" or "MapAreaControllerRoute" } controllers
                    && PipelineSymbols.IsFramework(controllers.TargetMethod.ContainingAssembly))
                {
                    _facts.ControllerConventions.Add(location);
                    break;
                }

                if (receiver is IInvocationOperation map && DisableCorsLambda(map) is { } attribute)
                {
                    _facts.OverriddenDisableCors.Add(new OverriddenDisableCors(attribute, location));
                    break;
                }

                if (receiver is IInvocationOperation { TargetMethod.Name: "MapGroup" } && GroupLocal(call) is { } declared)
                {
                    groups[declared] = location;
                    break;
                }

                if (receiver is ILocalReferenceOperation local && local.Local.Type?.Name == "RouteGroupBuilder")
                {
                    groups[local.Local] = location;
                    break;
                }
            }
        }

        foreach (var hub in _hubs)
        {
            _facts.Hubs.Add(hubConventions.TryGetValue(hub, out var convention)
                ? new HubMapping(NameLocation(hub), convention.Policy) { InlinePolicy = convention.Inline }
                : new HubMapping(NameLocation(hub), null));
        }

        foreach (var map in _maps)
        {
            if (Receiver(map) is ILocalReferenceOperation group && groups.TryGetValue(group.Local, out var convention) && DisableCorsLambda(map) is { } attribute)
            {
                _facts.OverriddenDisableCors.Add(new OverriddenDisableCors(attribute, convention));
            }
        }
    }

    /// <summary>Where the lambda an invocation receives is written (the policy model's location for an inline policy).</summary>
    public static Location? InlineLambda(IInvocationOperation invocation) => InlineLambdaOperation(invocation)?.Syntax.GetLocation();

    public static IAnonymousFunctionOperation? InlineLambdaOperation(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation or IDelegateCreationOperation)
            {
                value = value is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)value).Target;
            }

            if (value is IAnonymousFunctionOperation lambda)
            {
                return lambda;
            }
        }

        return null;
    }

    /// <summary>The local a chain ending in this call initializes: <c>var api = app.MapGroup("/api").RequireCors("x");</c>.</summary>
    private static ILocalSymbol? GroupLocal(IOperation call)
    {
        var current = call;
        while (current.Parent is IConversionOperation or IInvocationOperation or IArgumentOperation)
        {
            if (current.Parent is IArgumentOperation { Parent: IInvocationOperation outer } argument && (argument.Parameter?.Ordinal != 0 || !outer.TargetMethod.IsExtensionMethod))
            {
                return null;
            }

            current = current.Parent is IArgumentOperation { Parent: { } owner } ? owner : current.Parent;
        }

        return current.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;
    }

    private static IOperation? Receiver(IInvocationOperation invocation) =>
        Unwrap(invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null));

    /// <summary>The <c>[DisableCors]</c> on the handler lambda a Map* call receives.</summary>
    private Location? DisableCorsLambda(IInvocationOperation invocation)
    {
        if (_symbols.DisableCorsAttribute is null || !invocation.TargetMethod.Name.StartsWith("Map", System.StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation)
            {
                value = value switch
                {
                    IConversionOperation conversion => conversion.Operand,
                    IDelegateCreationOperation creation => creation.Target,
                    _ => ((IParenthesizedOperation)value).Operand,
                };
            }

            if (value is IAnonymousFunctionOperation lambda)
            {
                foreach (var attribute in lambda.Symbol.GetAttributes())
                {
                    if (attribute.AttributeClass is { } type && InheritsFrom(type, _symbols.DisableCorsAttribute) && attribute.ApplicationSyntaxReference is { } reference)
                    {
                        return reference.GetSyntax().GetLocation();
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The pipeline an app local or parameter stands for; null for a lambda's parameter or an app of unknown origin.</summary>
    private PipelineRoot? RootFor(ISymbol symbol)
    {
        if (_roots.TryGetValue(symbol, out var existing))
        {
            return existing;
        }

        PipelineRoot? root = null;
        switch (symbol)
        {
            case ILocalSymbol local when _symbols.IsWebApplication(local.Type)
                && _initializers.TryGetValue(local, out var initializer) && IsAppCreation(initializer):
                root = new PipelineRoot(local, isWebApplication: true);
                _facts.Entries.Add(root);
                break;
            case IParameterSymbol { ContainingSymbol: IMethodSymbol method } parameter when method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction:
                root = new PipelineRoot(parameter, _symbols.IsWebApplication(parameter.Type));
                _facts.Helpers[new PipelineHelperKey(method, parameter.Ordinal)] = root;
                break;
        }

        _roots[symbol] = root;
        return root;
    }

    private bool IsAppCreation(IOperation? value)
    {
        value = Unwrap(value);
        return value is IInvocationOperation invocation
            && ((invocation.TargetMethod.Name == "Build" && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _symbols.WebApplicationBuilder))
                || (invocation.TargetMethod.Name == "Create" && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _symbols.WebApplication)));
    }

    private static IOperation? Unwrap(IOperation? value)
    {
        while (value is IConversionOperation or IParenthesizedOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
        }

        return value;
    }

    /// <summary>Whether a reference to an app is used in a way that adds to a pipeline (not a property read like <c>app.Environment</c>).</summary>
    private static bool MakesEvent(IOperation reference)
    {
        var current = reference;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IInvocationOperation or IArgumentOperation or IVariableInitializerOperation or ISimpleAssignmentOperation or IReturnOperation;
    }

    /// <summary>Follows one reference to the app up through the calls made on it: <c>app.UseRouting().UseCors()</c>.</summary>
    private void Follow(PipelineRoot root, IOperation reference)
    {
        var current = reference;
        for (var depth = 0; depth < 128; depth++)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                    current = parent;
                    continue;

                case IInvocationOperation invocation when invocation.Instance == current:
                    if (!AddCall(root, invocation, -1))
                    {
                        return;
                    }

                    current = invocation;
                    continue;

                case IArgumentOperation { Parent: IInvocationOperation invocation } argument:
                    var ordinal = argument.Parameter?.Ordinal ?? -1;
                    var chains = AddCall(root, invocation, ordinal);
                    if (!chains || !invocation.TargetMethod.IsExtensionMethod || ordinal != 0)
                    {
                        return;
                    }

                    current = invocation;
                    continue;

                case IArgumentOperation or IVariableInitializerOperation or ISimpleAssignmentOperation or IAnonymousObjectCreationOperation or IArrayInitializerOperation:
                    AddEvent(root, MiddlewareKind.Opaque, parent, parent.Syntax.GetLocation());
                    return;

                case IReturnOperation when root.Symbol is ILocalSymbol:
                    AddEvent(root, MiddlewareKind.Opaque, parent, parent.Syntax.GetLocation());
                    return;

                default:
                    return;
            }
        }
    }

    /// <summary>Records what a call on the app adds; returns whether its result is the same app (a fluent chain).</summary>
    private bool AddCall(PipelineRoot root, IInvocationOperation invocation, int ordinal)
    {
        var method = invocation.TargetMethod;
        var kind = PipelineSymbols.Classify(method);
        if (kind is null)
        {
            if (CorsSymbols.IsInSource(method))
            {
                kind = ordinal >= 0 && ordinal < method.Parameters.Length && _symbols.IsApplicationBuilder(method.Parameters[ordinal].Type)
                    ? MiddlewareKind.Helper
                    : MiddlewareKind.Other;
            }
            else if (PipelineSymbols.IsFramework(method.ContainingAssembly))
            {
                kind = method.IsExtensionMethod && method.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _symbols.EndpointRouteBuilder)
                    ? MiddlewareKind.MapEndpoints
                    : MiddlewareKind.Other;
            }
            else
            {
                kind = MiddlewareKind.ThirdParty;
            }
        }

        var location = NameLocation(invocation);
        var inline = kind == MiddlewareKind.Other && method.Name == "Use" ? InlineMiddleware(invocation) : null;
        var created = AddEvent(root, kind.Value, invocation, location, kind == MiddlewareKind.UseCors ? PolicyOf(invocation, location) : null, kind == MiddlewareKind.Helper ? method : null, ordinal, inline);
        return created && _symbols.IsApplicationBuilder(method.ReturnType);
    }

    /// <summary>
    /// What an inline middleware lambda does to CORS: an <c>if</c> on an OPTIONS request whose branch returns without
    /// calling <c>next</c>, and writes of <c>Access-Control-*</c> headers (indexer, Append/Add/TryAdd, AccessControl* properties).
    /// </summary>
    private static (Location? AnswersOptions, Location? WritesCorsHeader)? InlineMiddleware(IInvocationOperation invocation)
    {
        if (PipelineCollector.InlineLambdaOperation(invocation) is not { } lambda)
        {
            return null;
        }

        var next = lambda.Symbol.Parameters.Length > 1 ? lambda.Symbol.Parameters[1] : null;
        Location? answers = null;
        Location? writes = null;
        foreach (var operation in lambda.Body.Descendants())
        {
            switch (operation)
            {
                case IConditionalOperation { WhenTrue: { } whenTrue } conditional when answers is null && IsOptionsCheck(conditional.Condition)
                    && whenTrue.DescendantsAndSelf().Any(o => o is IReturnOperation)
                    && !whenTrue.DescendantsAndSelf().Any(o => o is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, next)):
                    answers = conditional.Condition.Syntax.GetLocation();
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when writes is null && indexer.Parent is ISimpleAssignmentOperation assignment && assignment.Target == indexer
                    && IsCorsHeaderName(indexer.Arguments[0].Value):
                    writes = assignment.Syntax.GetLocation();
                    break;
                case IPropertyReferenceOperation property when writes is null && property.Property.Name.StartsWith("AccessControl", System.StringComparison.Ordinal)
                    && property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property:
                    writes = assignment.Syntax.GetLocation();
                    break;
                case IInvocationOperation { TargetMethod.Name: "Append" or "Add" or "TryAdd" or "AppendCommaSeparatedValues" } call when writes is null
                    && call.Arguments.Length >= 2 && IsCorsHeaderName(call.Arguments[call.TargetMethod.IsExtensionMethod ? 1 : 0].Value):
                    writes = call.Syntax.GetLocation();
                    break;
            }
        }

        return answers is null && writes is null ? null : (answers, writes);
    }

    private static bool IsCorsHeaderName(IOperation value) =>
        Unwrap(value)?.ConstantValue is { HasValue: true, Value: string name } && name.StartsWith("Access-Control-", System.StringComparison.OrdinalIgnoreCase);

    /// <summary><c>HttpMethods.IsOptions(context.Request.Method)</c>, or a comparison with the constant "OPTIONS".</summary>
    private static bool IsOptionsCheck(IOperation condition)
    {
        foreach (var operation in condition.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { TargetMethod: { Name: "IsOptions", ContainingType.Name: "HttpMethods" } })
            {
                return true;
            }

            if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } or IInvocationOperation { TargetMethod.Name: "Equals" })
            {
                if (operation.ChildOperations.Any(c => Unwrap(c)?.ConstantValue is { HasValue: true, Value: string text } && string.Equals(text, "OPTIONS", System.StringComparison.OrdinalIgnoreCase))
                    || (operation is IInvocationOperation equals && equals.Arguments.Any(a => Unwrap(a.Value)?.ConstantValue is { HasValue: true, Value: string text } && string.Equals(text, "OPTIONS", System.StringComparison.OrdinalIgnoreCase))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool AddEvent(PipelineRoot root, MiddlewareKind kind, IOperation operation, Location location, PolicyUse? policy = null, IMethodSymbol? helper = null, int helperParameter = 0, (Location? AnswersOptions, Location? WritesCorsHeader)? inline = null)
    {
        var branches = BranchesOf(operation, root.Symbol.ContainingSymbol, out var environment, out var deferred);
        if (deferred)
        {
            kind = MiddlewareKind.Opaque; // runs inside a delegate, at a time the model cannot know
        }

        root.Events.Add(new PipelineEvent(kind, operation, location, branches, environment)
        {
            AnswersOptions = inline?.AnswersOptions,
            WritesCorsHeader = inline?.WritesCorsHeader,
            Policy = policy,
            Helper = helper,
            HelperParameter = helperParameter,
        });
        return !deferred;
    }

    /// <summary>The branches between an operation and the function that declares its app; <paramref name="deferred"/> when a nested function lies between.</summary>
    private static ImmutableArray<Branch> BranchesOf(IOperation operation, ISymbol scope, out HostEnvironment environment, out bool deferred)
    {
        environment = HostEnvironment.Any;
        deferred = false;
        var branches = ImmutableArray.CreateBuilder<Branch>();
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation lambda:
                    if (SymbolEqualityComparer.Default.Equals(lambda.Symbol, scope))
                    {
                        return branches.ToImmutable();
                    }

                    deferred = true;
                    return ImmutableArray<Branch>.Empty;
                case ILocalFunctionOperation localFunction:
                    if (SymbolEqualityComparer.Default.Equals(localFunction.Symbol, scope))
                    {
                        return branches.ToImmutable();
                    }

                    deferred = true;
                    return ImmutableArray<Branch>.Empty;
                case IConditionalOperation conditional when child == conditional.WhenTrue || child == conditional.WhenFalse:
                    var inTrue = child == conditional.WhenTrue;
                    branches.Add(new Branch(parent, inTrue ? 0 : 1));
                    if (DevelopmentCondition(conditional.Condition) is { } isDevelopment && environment == HostEnvironment.Any)
                    {
                        environment = isDevelopment == inTrue ? HostEnvironment.DevelopmentOnly : HostEnvironment.ProductionOnly;
                    }

                    break;
                case ILoopOperation loop when child == loop.Body:
                case ICoalesceOperation coalesce when child == coalesce.WhenNull:
                case IConditionalAccessOperation conditionalAccess when child == conditionalAccess.WhenNotNull:
                    branches.Add(new Branch(parent, 0));
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary when child == binary.RightOperand:
                    branches.Add(new Branch(parent, 0));
                    break;
                case ISwitchOperation switchOperation when child is ISwitchCaseOperation switchCase:
                    branches.Add(new Branch(parent, 1 + switchOperation.Cases.IndexOf(switchCase)));
                    break;
                case ISwitchExpressionOperation switchExpression when child is ISwitchExpressionArmOperation arm:
                    branches.Add(new Branch(parent, 1 + switchExpression.Arms.IndexOf(arm)));
                    break;
                case ITryOperation tryOperation when child is ICatchClauseOperation catchClause:
                    branches.Add(new Branch(parent, 1 + tryOperation.Catches.IndexOf(catchClause)));
                    break;
            }
        }

        return branches.ToImmutable();
    }

    /// <summary>True for <c>env.IsDevelopment()</c>, false for <c>!env.IsDevelopment()</c>, null for any other condition.</summary>
    private static bool? DevelopmentCondition(IOperation condition)
    {
        var negated = false;
        for (var depth = 0; depth < 8; depth++)
        {
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    negated = !negated;
                    condition = not.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    condition = parenthesized.Operand;
                    continue;
                case IConversionOperation conversion:
                    condition = conversion.Operand;
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "IsDevelopment", ContainingType.Name: "HostEnvironmentEnvExtensions" or "HostingEnvironmentExtensions" } }:
                    return !negated;
                default:
                    return null;
            }
        }

        return null;
    }

    private void VisitInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        foreach (var typeArgument in method.TypeArguments)
        {
            if (_symbols.IsCorsServiceType(typeArgument))
            {
                _facts.UsesCorsServices = true;
                _facts.UnknownPolicyNames |= SymbolEqualityComparer.Default.Equals(typeArgument, _symbols.CorsPolicyProvider);
            }
        }

        var kind = PipelineSymbols.Classify(method);
        if (kind == MiddlewareKind.UseCors)
        {
            _facts.UseCorsCalls.Add(NameLocation(invocation));
        }

        if (DisableCorsLambda(invocation) is not null)
        {
            _maps.Add(invocation);
        }

        if (method is { Name: "MapHub", ContainingType.Name: "HubEndpointRouteBuilderExtensions" })
        {
            _hubs.Add(invocation);
        }

        if (PolicyCollector.TryReadDefinition(invocation, _symbols.Cors, out var isDefault, out var name))
        {
            if (!isDefault && name is null)
            {
                _facts.UnknownPolicyNames = true;
            }

            _facts.Definitions.Add(new PolicyDefinition(isDefault, name, NameLocation(invocation)));
            return;
        }

        var type = method.ContainingType;
        if (type is null)
        {
            return;
        }

        if (SymbolEqualityComparer.Default.Equals(type, _symbols.Cors.CorsEndpointConventionBuilderExtensions) && method.Name == "RequireCors")
        {
            var location = NameLocation(invocation);
            _facts.Metadata.Add(new CorsMetadata(MetadataKind.RequireCors, location, PolicyOf(invocation, location)));
            _requireCors.Add((invocation, location));
            return;
        }

        if (SymbolEqualityComparer.Default.Equals(type, _symbols.AuthorizationEndpointConventionBuilderExtensions) && method.Name == "RequireAuthorization")
        {
            _facts.Authorizes = true;
            return;
        }

        if (PipelineSymbols.IsFramework(type.ContainingAssembly))
        {
            if (ServiceKindOf(method) is { } service)
            {
                _facts.Services.Add(new ServiceFact(service, NameLocation(invocation)));
            }

            AddServiceAnchor(invocation);
            return;
        }

        if (!CorsSymbols.IsInSource(method))
        {
            // A library outside ASP.NET Core that receives the services may register anything, CORS included.
            if (_symbols.CarriesServices(invocation.Instance?.Type))
            {
                _facts.UnknownServices = true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (_symbols.CarriesServices(Unwrap(argument.Value)?.Type))
                {
                    _facts.UnknownServices = true;
                }
            }
        }
    }

    private static ServiceKind? ServiceKindOf(IMethodSymbol method) => (method.ContainingType.Name, method.Name) switch
    {
        ("CorsServiceCollectionExtensions" or "MvcCorsMvcCoreBuilderExtensions", "AddCors") => ServiceKind.Cors,
        ("MvcServiceCollectionExtensions", "AddControllers" or "AddControllersWithViews" or "AddMvc") => ServiceKind.Mvc,
        ("AuthenticationServiceCollectionExtensions" or "AuthenticationCoreServiceCollectionExtensions", "AddAuthentication" or "AddAuthenticationCore") => ServiceKind.Authentication,
        ("PolicyServiceCollectionExtensions", "AddAuthorization" or "AddAuthorizationBuilder") => ServiceKind.Authorization,
        ("AuthorizationServiceCollectionExtensions", "AddAuthorizationCore") => ServiceKind.Authorization,
        _ => null,
    };

    /// <summary>
    /// Where a fix can add a service registration: after <c>builder.Services.AddX(...);</c> / <c>services.AddX(...);</c>,
    /// or before <c>var app = builder.Build();</c>.
    /// </summary>
    private void AddServiceAnchor(IInvocationOperation invocation)
    {
        if (invocation.Syntax.Parent is ExpressionStatementSyntax statement && statement.Parent is BlockSyntax or GlobalStatementSyntax)
        {
            IOperation? receiver = invocation;
            for (var depth = 0; receiver is IInvocationOperation call && depth < 32; depth++)
            {
                receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                receiver = Unwrap(receiver);
            }

            if (receiver is not null && _symbols.IsServiceCollection(receiver.Type)
                && receiver is IPropertyReferenceOperation { Instance: ILocalReferenceOperation or IParameterReferenceOperation } or IParameterReferenceOperation or ILocalReferenceOperation)
            {
                _facts.ServiceAnchors.Add(new ServiceAnchor(statement.GetLocation(), receiver.Syntax.ToString(), insertAfter: true));
            }

            return;
        }

        if (invocation is { TargetMethod.Name: "Build", Instance: ILocalReferenceOperation builder }
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _symbols.WebApplicationBuilder)
            && invocation.Syntax.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is { Parent: BlockSyntax or GlobalStatementSyntax } declaration)
        {
            _facts.ServiceAnchors.Add(new ServiceAnchor(declaration.GetLocation(), builder.Local.Name + ".Services", insertAfter: false));
        }
    }

    /// <summary>Remembers the name of a local or parameter that holds an app or services, for <see cref="EnterBody"/>.</summary>
    private void NoteApp(ISymbol symbol)
    {
        var type = symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };
        if (type is not null && _symbols.IsAppOrCarriesServices(type))
        {
            _appNames.Add(symbol.Name);
        }
    }

    /// <summary>
    /// Whether a lambda's body may add to the model: it receives an app, services or CORS services, names one of
    /// <see cref="PipelineAnalyzer.PipelineNames"/> (or a <c>Use*</c>/<c>Map*</c> call), or mentions an app or services
    /// local of the enclosing code. Endpoint handlers do none of these, and are not walked.
    /// </summary>
    private bool EnterBody(IAnonymousFunctionOperation lambda)
    {
        foreach (var parameter in lambda.Symbol.Parameters)
        {
            if (_symbols.IsAppOrCarriesServices(parameter.Type) || _symbols.IsCorsServiceType(parameter.Type))
            {
                foreach (var other in lambda.Symbol.Parameters)
                {
                    NoteApp(other);
                }

                return true;
            }
        }

        return CodeBlocks.BodyMayMatter(lambda, SourceIndex.ShapesPipeline, _appNames);
    }

    private void VisitLambda(IAnonymousFunctionOperation lambda)
    {
        BlockPipelineFacts? facts = _facts;
        _facts.Authorizes |= ReadAttributes(lambda.Symbol, _symbols, ref facts);
        foreach (var parameter in lambda.Symbol.Parameters)
        {
            if (_symbols.IsCorsServiceType(parameter.Type))
            {
                _facts.UsesCorsServices = true; // a minimal-API handler that evaluates CORS itself
            }

            if (!_symbols.IsApplicationBuilder(parameter.Type))
            {
                continue;
            }

            // A branch of the app's own pipeline (UseWhen, Map, MapWhen, UseExceptionHandler) is fine; any other
            // pipeline built through a delegate (IWebHostBuilder.Configure, a startup filter) cannot be followed.
            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            var isBranch = parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                && invocation.TargetMethod.IsExtensionMethod
                && invocation.TargetMethod.Parameters.Length > 0
                && _symbols.IsApplicationBuilder(invocation.TargetMethod.Parameters[0].Type)
                && PipelineSymbols.IsFramework(invocation.TargetMethod.ContainingAssembly);
            if (!isBranch)
            {
                _facts.UnknownPipeline = true;
            }
        }
    }

    private void VisitPropertyAssignment(IPropertyReferenceOperation property)
    {
        var type = property.Property.ContainingType;
        if (property.Property.Name == "FallbackPolicy" && SymbolEqualityComparer.Default.Equals(type, _symbols.AuthorizationOptions))
        {
            _facts.Authorizes = true;
        }
        else if (property.Property.Name == "DefaultPolicyName" && SymbolEqualityComparer.Default.Equals(type, _symbols.Cors.CorsOptions))
        {
            _facts.UnknownPolicyNames = true;
        }
    }

    /// <summary>Adds the symbol's CORS metadata to <paramref name="facts"/> (made when needed); whether it carries authorization metadata.</summary>
    private static bool ReadAttributes(ISymbol symbol, PipelineSymbols symbols, ref BlockPipelineFacts? facts)
    {
        var authorizes = false;
        foreach (var attribute in symbol.GetAttributes())
        {
            var type = attribute.AttributeClass;
            var meaning = type is null ? AttributeMeaning.None : symbols.MeaningOf(type);
            if (meaning == AttributeMeaning.None || attribute.ApplicationSyntaxReference is not { } reference)
            {
                continue;
            }

            if (meaning == AttributeMeaning.EnableCors)
            {
                var syntax = reference.GetSyntax();
                var location = syntax.GetLocation();
                PolicyUse policy;
                var argument = (syntax as AttributeSyntax)?.ArgumentList?.Arguments.Count > 0 ? ((AttributeSyntax)syntax).ArgumentList!.Arguments[0].Expression : null;
                if (attribute.ConstructorArguments.Length == 0 || !SymbolEqualityComparer.Default.Equals(type, symbols.EnableCorsAttribute))
                {
                    policy = attribute.ConstructorArguments.Length == 0 && SymbolEqualityComparer.Default.Equals(type, symbols.EnableCorsAttribute)
                        ? new PolicyUse(PolicyUseKind.Default, null, location, false)
                        : new PolicyUse(PolicyUseKind.Unknown, null, location, false);
                }
                else if (attribute.ConstructorArguments[0].Value is string name && argument is not null)
                {
                    policy = new PolicyUse(PolicyUseKind.Named, name, argument.GetLocation(), argument is LiteralExpressionSyntax);
                }
                else
                {
                    policy = new PolicyUse(attribute.ConstructorArguments[0].IsNull ? PolicyUseKind.Default : PolicyUseKind.Unknown, null, location, false);
                }

                (facts ??= new BlockPipelineFacts()).Metadata.Add(new CorsMetadata(MetadataKind.EnableCors, location, policy));
            }
            else if (meaning == AttributeMeaning.DisableCors)
            {
                (facts ??= new BlockPipelineFacts()).Metadata.Add(new CorsMetadata(MetadataKind.DisableCors, reference.GetSyntax().GetLocation(), null) { OnController = IsController(symbol, symbols) });
            }
            else
            {
                authorizes = true;
            }
        }

        return authorizes;
    }

    /// <summary>A controller (deriving from ControllerBase, or named *Controller) or one of its methods.</summary>
    private static bool IsController(ISymbol symbol, PipelineSymbols symbols)
    {
        var type = symbol as INamedTypeSymbol ?? (symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method ? method.ContainingType : null);
        return type is { TypeKind: TypeKind.Class, IsAbstract: false }
            && (InheritsFrom(type, symbols.ControllerBase) || type.Name.EndsWith("Controller", System.StringComparison.Ordinal));
    }

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (INamedTypeSymbol? current = type; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The policy a <c>UseCors</c>/<c>RequireCors</c> call applies: its name argument, an inline policy, or the default.</summary>
    private static PolicyUse PolicyOf(IInvocationOperation invocation, Location callLocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is null || (invocation.TargetMethod.IsExtensionMethod && argument.Parameter.Ordinal == 0))
            {
                continue;
            }

            if (argument.Parameter.Type.SpecialType == SpecialType.System_String)
            {
                var value = Unwrap(argument.Value);
                return value?.ConstantValue is { HasValue: true, Value: string name }
                    ? new PolicyUse(PolicyUseKind.Named, name, argument.Value.Syntax.GetLocation(), argument.Value.Syntax is LiteralExpressionSyntax)
                    : new PolicyUse(PolicyUseKind.Unknown, null, argument.Value.Syntax.GetLocation(), false);
            }

            return new PolicyUse(PolicyUseKind.Inline, null, callLocation, false);
        }

        return new PolicyUse(PolicyUseKind.Default, null, callLocation, false);
    }

    /// <summary>In a chain, the span from the method name to the closing parenthesis: <c>UseCors("x")</c>.</summary>
    public static Location NameLocation(IInvocationOperation invocation)
    {
        if (invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } syntax)
        {
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(memberAccess.Name.SpanStart, syntax.Span.End));
        }

        return invocation.Syntax.GetLocation();
    }
}
