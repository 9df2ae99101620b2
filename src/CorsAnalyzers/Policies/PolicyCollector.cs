using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Policies;

/// <summary>What one operation block says about CORS policies.</summary>
internal sealed class BlockPolicies
{
    /// <summary>Policies that start in this block (lambdas given to AddPolicy/UseCors/..., object creations).</summary>
    public List<PolicyFragment> Policies { get; } = new();

    /// <summary>Summaries of methods in this block (the owning method, its local functions) that take a builder or policy.</summary>
    public Dictionary<HelperKey, HelperSummary> Summaries { get; } = new();
}

/// <summary>A helper method and the parameter that receives the builder or policy.</summary>
internal readonly struct HelperKey : System.IEquatable<HelperKey>
{
    public HelperKey(IMethodSymbol method, int parameter)
    {
        Method = (IMethodSymbol)method.OriginalDefinition;
        Parameter = parameter;
    }

    public IMethodSymbol Method { get; }

    public int Parameter { get; }

    public bool Equals(HelperKey other) =>
        Parameter == other.Parameter && SymbolEqualityComparer.Default.Equals(Method, other.Method);

    public override bool Equals(object? obj) => obj is HelperKey other && Equals(other);

    public override int GetHashCode() => (SymbolEqualityComparer.Default.GetHashCode(Method) * 31) + Parameter;
}

/// <summary>
/// Reads one operation block (a method body, top-level statements, a lambda-holding initializer) and collects
/// every builder or hand-built policy in it as a <see cref="PolicyFragment"/>: the ordered steps applied to it,
/// each with the branches it sits in. Values that are not compile-time constants stay unknown.
/// </summary>
internal sealed class PolicyCollector
{
    private readonly CorsSymbols _symbols;
    private readonly ISymbol _owningSymbol;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ILocalSymbol, IOperation?> _localSources = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _policyNames = new(System.StringComparer.Ordinal);
    private readonly Dictionary<object, (PolicyFragment Fragment, IOperation? Scope)> _fragments = new();

    private readonly ValueReader _values;

    private PolicyCollector(CorsSymbols symbols, ISymbol owningSymbol, CancellationToken cancellationToken)
    {
        _symbols = symbols;
        _owningSymbol = owningSymbol;
        _cancellationToken = cancellationToken;
        _values = new ValueReader(symbols, local => _localSources.TryGetValue(local, out var source) ? source : null);
    }

    public static BlockPolicies Collect(ImmutableArray<IOperation> blocks, ISymbol owningSymbol, CorsSymbols symbols, CancellationToken cancellationToken)
    {
        var collector = new PolicyCollector(symbols, owningSymbol, cancellationToken);
        return collector.Run(blocks);
    }

    private BlockPolicies Run(ImmutableArray<IOperation> blocks)
    {
        var result = new BlockPolicies();
        var bases = new List<IOperation>();
        var returns = new List<IReturnOperation>();

        if (_owningSymbol is IMethodSymbol owner)
        {
            foreach (var parameter in owner.Parameters)
            {
                NotePolicy(parameter, parameter.Type);
            }
        }

        foreach (var operation in CodeBlocks.Walk(blocks, EnterBody))
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    RecordLocalSource(declarator.Symbol, declarator.GetVariableInitializer()?.Value);
                    NotePolicy(declarator.Symbol, declarator.Symbol.Type);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                    RecordLocalSource(local.Local, assignment.Value);
                    break;
                case IParameterReferenceOperation parameter when _symbols.IsPolicyType(parameter.Parameter.Type):
                case ILocalReferenceOperation local when _symbols.IsPolicyType(local.Local.Type):
                    bases.Add(operation);
                    break;
                case IObjectCreationOperation creation when _symbols.IsPolicyType(creation.Type):
                    bases.Add(operation);
                    break;
                case IDelegateCreationOperation { Target: IMethodReferenceOperation methodReference } delegateCreation:
                    AddMethodGroupEntry(delegateCreation, methodReference);
                    break;
                case IReturnOperation { ReturnedValue: not null } ret:
                    returns.Add(ret);
                    break;
            }
        }

        foreach (var baseReference in bases)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var root = RootOf(baseReference);
            if (root is null || GetOrCreateFragment(root, baseReference) is not { } entry)
            {
                continue;
            }

            if (baseReference is IObjectCreationOperation creation)
            {
                AddCreationSteps(entry.Fragment, entry.Scope, creation);
            }

            WalkChain(entry.Fragment, entry.Scope, baseReference);
        }

        foreach (var pair in _fragments)
        {
            var fragment = pair.Value.Fragment;
            fragment.Steps.Sort((a, b) => a.Order.CompareTo(b.Order));
            if (fragment.Entry == PolicyEntry.Parameter)
            {
                var parameter = (IParameterSymbol)pair.Key;
                var method = (IMethodSymbol)parameter.ContainingSymbol;
                var returnsParameter = ReturnsOnly(returns, method, parameter);
                result.Summaries[new HelperKey(method, parameter.Ordinal)] = new HelperSummary(fragment, returnsParameter);
            }
            else
            {
                result.Policies.Add(fragment);
            }
        }

        return result;
    }

    /// <summary>Remembers the name of a local or parameter that holds a policy or its builder, for <see cref="EnterBody"/>.</summary>
    private void NotePolicy(ISymbol symbol, ITypeSymbol type)
    {
        if (_symbols.IsPolicyType(type))
        {
            _policyNames.Add(symbol.Name);
        }
    }

    /// <summary>
    /// Whether a lambda's body may build or change a policy: it receives one, names a CORS member
    /// (<see cref="PolicyAnalyzer.PolicyNames"/>), or mentions a policy local or parameter of the enclosing code.
    /// Endpoint handlers do none of these, and are not walked.
    /// </summary>
    private bool EnterBody(IAnonymousFunctionOperation lambda)
    {
        var receivesPolicy = false;
        foreach (var parameter in lambda.Symbol.Parameters)
        {
            if (_symbols.IsPolicyType(parameter.Type))
            {
                _policyNames.Add(parameter.Name);
                receivesPolicy = true;
            }
        }

        if (receivesPolicy)
        {
            return true;
        }

        return CodeBlocks.BodyMayMatter(lambda, SourceIndex.HoldsPolicy, _policyNames);
    }

    private void RecordLocalSource(ILocalSymbol local, IOperation? value)
    {
        // A local assigned more than once could hold either value: it is left unknown.
        _localSources[local] = _localSources.ContainsKey(local) ? null : value;
    }

    /// <summary>The builder or policy instance an expression stands for: a parameter, or an object creation.</summary>
    private object? RootOf(IOperation? operation)
    {
        for (var depth = 0; operation is not null && depth < 32; depth++)
        {
            switch (operation)
            {
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IObjectCreationOperation creation:
                    return creation;
                case ILocalReferenceOperation local:
                    if (!_localSources.TryGetValue(local.Local, out var source) || source is null)
                    {
                        return null;
                    }

                    operation = source;
                    break;
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                case IInvocationOperation invocation when IsBuilderMethod(invocation.TargetMethod) && invocation.Instance is not null:
                    operation = invocation.Instance;
                    break;
                case IInvocationOperation invocation when CorsSymbols.IsInSource(invocation.TargetMethod) && _symbols.IsPolicyType(invocation.TargetMethod.ReturnType):
                    operation = invocation.Arguments.FirstOrDefault(a => a.Parameter is not null && _symbols.IsPolicyType(a.Parameter.Type))?.Value;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private (PolicyFragment Fragment, IOperation? Scope)? GetOrCreateFragment(object root, IOperation reference)
    {
        if (_fragments.TryGetValue(root, out var existing))
        {
            return existing;
        }

        (PolicyFragment Fragment, IOperation? Scope)? created = null;
        switch (root)
        {
            case IObjectCreationOperation creation:
                var isPolicy = SymbolEqualityComparer.Default.Equals(creation.Type, _symbols.CorsPolicy);
                var fragment = new PolicyFragment(isPolicy ? PolicyEntry.PolicyObject : PolicyEntry.Builder, isPolicy, creation.Syntax.GetLocation());
                created = (fragment, EnclosingFunction(creation));
                break;

            case IParameterSymbol parameter when parameter.ContainingSymbol is IMethodSymbol method:
                var isPolicyObject = SymbolEqualityComparer.Default.Equals(parameter.Type, _symbols.CorsPolicy);
                if (method.MethodKind == MethodKind.AnonymousFunction)
                {
                    var lambda = FindFunction(reference, method);
                    if (lambda is null)
                    {
                        return null;
                    }

                    var (entry, name, nameLocation) = ClassifyLambda(lambda);
                    created = (new PolicyFragment(entry, isPolicyObject, lambda.Syntax.GetLocation()) { Name = name, NameLocation = nameLocation }, lambda);
                }
                else if (method.MethodKind == MethodKind.LocalFunction)
                {
                    var localFunction = FindFunction(reference, method);
                    if (localFunction is null)
                    {
                        return null;
                    }

                    created = (new PolicyFragment(PolicyEntry.Parameter, isPolicyObject, parameter.Locations.FirstOrDefault() ?? Location.None), localFunction);
                }
                else if (SymbolEqualityComparer.Default.Equals(method, _owningSymbol))
                {
                    created = (new PolicyFragment(PolicyEntry.Parameter, isPolicyObject, parameter.Locations.FirstOrDefault() ?? Location.None), null);
                }

                break;
        }

        if (created is { } value)
        {
            SetEnvironment(value.Fragment, value.Scope ?? reference);
            _fragments[root] = value;
        }

        return created;
    }

    /// <summary>A lambda given to a CORS entry point starts a policy; any other lambda is treated like a helper's parameter.</summary>
    private (PolicyEntry Entry, string? Name, Location? NameLocation) ClassifyLambda(IOperation lambda)
    {
        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        if (parent is IArgumentOperation { Parent: IInvocationOperation invocation })
        {
            var entry = ClassifyEntry(invocation.TargetMethod);
            if (entry is { } known)
            {
                var nameArgument = known == PolicyEntry.AddPolicy ? NameArgument(invocation) : null;
                return (known, nameArgument is null ? null : _values.ReadValue(nameArgument).Text, nameArgument?.Syntax.GetLocation());
            }
        }

        return (PolicyEntry.Parameter, null, null);
    }

    private PolicyEntry? ClassifyEntry(IMethodSymbol method)
    {
        var type = method.ContainingType?.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(type, _symbols.CorsOptions))
        {
            return method.Name switch
            {
                "AddPolicy" => PolicyEntry.AddPolicy,
                "AddDefaultPolicy" => PolicyEntry.AddDefaultPolicy,
                _ => null,
            };
        }

        if (method.Name == "UseCors" && SymbolEqualityComparer.Default.Equals(type, _symbols.CorsMiddlewareExtensions))
        {
            return PolicyEntry.UseCors;
        }

        if (method.Name == "RequireCors" && SymbolEqualityComparer.Default.Equals(type, _symbols.CorsEndpointConventionBuilderExtensions))
        {
            return PolicyEntry.RequireCors;
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="invocation"/> defines a policy (<c>CorsOptions.AddPolicy</c>/<c>AddDefaultPolicy</c>, whatever
    /// its second argument), and the policy's constant name; used by the pipeline rules to know which names exist.
    /// </summary>
    public static bool TryReadDefinition(IInvocationOperation invocation, CorsSymbols symbols, out bool isDefault, out string? name)
    {
        isDefault = false;
        name = null;
        if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, symbols.CorsOptions))
        {
            return false;
        }

        switch (invocation.TargetMethod.Name)
        {
            case "AddPolicy":
                name = NameArgument(invocation)?.ConstantValue is { HasValue: true, Value: string text } ? text : null;
                return true;
            case "AddDefaultPolicy":
                isDefault = true;
                return true;
            default:
                return false;
        }
    }

    private static IOperation? NameArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// Development when the policy sits under a development check in this block; production when that block is an
    /// entry point (top-level statements, Main, a Startup's Configure/ConfigureServices); otherwise its callers decide.
    /// </summary>
    private void SetEnvironment(PolicyFragment fragment, IOperation where)
    {
        var owner = EnclosingMethod(where);
        fragment.OwningMethod = owner is null ? null : (IMethodSymbol)owner.OriginalDefinition;
        if (EnvironmentChecks.IsDevelopmentOnly(where))
        {
            fragment.Environment = PolicyEnvironment.Development;
        }
        else if (owner is not null && EnvironmentChecks.IsEntryPoint(owner))
        {
            fragment.Environment = PolicyEnvironment.Production;
        }
        else
        {
            fragment.Environment = PolicyEnvironment.Unknown;
        }
    }

    /// <summary><c>options.AddPolicy("x", ConfigureX)</c>: a policy whose only step is the method group.</summary>
    private void AddMethodGroupEntry(IDelegateCreationOperation delegateCreation, IMethodReferenceOperation methodReference)
    {
        var method = methodReference.Method;
        if (method.Parameters.Length != 1 || !_symbols.IsPolicyType(method.Parameters[0].Type) || !CorsSymbols.IsInSource(method))
        {
            return;
        }

        var (entry, name, nameLocation) = ClassifyLambda(delegateCreation);
        if (entry == PolicyEntry.Parameter)
        {
            return;
        }

        var fragment = new PolicyFragment(entry, SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _symbols.CorsPolicy), delegateCreation.Syntax.GetLocation()) { Name = name, NameLocation = nameLocation };
        SetEnvironment(fragment, delegateCreation);
        fragment.Steps.Add(new PolicyStep(StepKind.Helper, delegateCreation, delegateCreation.Syntax.GetLocation(), ImmutableArray<Guard>.Empty)
        {
            Helper = method,
            HelperParameter = 0,
        });
        _fragments[delegateCreation] = (fragment, null);
    }

    /// <summary>Follows a reference up through the calls made on it: <c>b.AllowAnyOrigin().AllowCredentials()</c>.</summary>
    private void WalkChain(PolicyFragment fragment, IOperation? scope, IOperation reference)
    {
        var current = reference;
        for (var depth = 0; depth < 256; depth++)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IParenthesizedOperation:
                    current = parent;
                    continue;

                case IConversionOperation conversion when _symbols.IsPolicyType(conversion.Type):
                    current = parent;
                    continue;

                case IConversionOperation:
                    AddStep(fragment, scope, StepKind.Unknown, parent, parent.Syntax.GetLocation());
                    return;

                case IInvocationOperation invocation when invocation.Instance == current:
                    if (!IsBuilderMethod(invocation.TargetMethod))
                    {
                        return;
                    }

                    var kind = BuilderStepKind(invocation.TargetMethod.Name);
                    if (kind is null)
                    {
                        return;
                    }

                    var firstArgument = invocation.Arguments.FirstOrDefault()?.Value;
                    AddStep(fragment, scope, kind.Value, invocation, NameLocation(invocation), ReadValues(invocation.Arguments), argument: firstArgument, configurationKey: ListConfigurationKey(firstArgument));
                    if (!SymbolEqualityComparer.Default.Equals(invocation.Type, _symbols.CorsPolicyBuilder))
                    {
                        return;
                    }

                    current = invocation;
                    continue;

                case IPropertyReferenceOperation property when property.Instance == current:
                    if (fragment.IsPolicyObject)
                    {
                        AddPropertyStep(fragment, scope, property);
                    }

                    return;

                case IArgumentOperation { Parent: IInvocationOperation call } argument:
                    if (ClassifyEntry(call.TargetMethod) is not null || IsBuilderMethod(call.TargetMethod))
                    {
                        return; // handed to AddPolicy(name, policy) or the like: used, not changed
                    }

                    if (CorsSymbols.IsInSource(call.TargetMethod) && argument.Parameter is { } parameter && _symbols.IsPolicyType(parameter.Type))
                    {
                        var resultIsBuilder = _symbols.IsPolicyType(call.TargetMethod.ReturnType) && call.Parent is not IExpressionStatementOperation;
                        AddStep(fragment, scope, StepKind.Helper, call, call.Syntax.GetLocation(), helper: call.TargetMethod, helperParameter: parameter.Ordinal, helperResultIsBuilder: resultIsBuilder);
                        if (!resultIsBuilder)
                        {
                            return;
                        }

                        current = call;
                        continue;
                    }

                    AddStep(fragment, scope, StepKind.Unknown, call, call.Syntax.GetLocation());
                    return;

                case IArgumentOperation { Parent: IObjectCreationOperation }:
                    return; // new CorsPolicyBuilder(policy) reads the policy

                case IArgumentOperation:
                    AddStep(fragment, scope, StepKind.Unknown, parent, parent.Syntax.GetLocation());
                    return;

                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    if (assignment.Target is not ILocalReferenceOperation)
                    {
                        AddStep(fragment, scope, StepKind.Unknown, assignment, assignment.Syntax.GetLocation());
                    }

                    return;

                default:
                    return;
            }
        }
    }

    private void AddCreationSteps(PolicyFragment fragment, IOperation? scope, IObjectCreationOperation creation)
    {
        if (!fragment.IsPolicyObject)
        {
            var constructorParameter = creation.Constructor?.Parameters.FirstOrDefault();
            if (constructorParameter is not null && SymbolEqualityComparer.Default.Equals(constructorParameter.Type, _symbols.CorsPolicy))
            {
                AddStep(fragment, scope, StepKind.Unknown, creation, creation.Syntax.GetLocation()); // copies a policy we do not follow
            }
            else
            {
                var firstArgument = creation.Arguments.FirstOrDefault()?.Value;
                AddStep(fragment, scope, StepKind.WithOrigins, creation, creation.Syntax.GetLocation(), ReadValues(creation.Arguments), argument: firstArgument, configurationKey: ListConfigurationKey(firstArgument));
            }
        }

        if (creation.Initializer is null)
        {
            return;
        }

        foreach (var initializer in creation.Initializer.Initializers)
        {
            switch (initializer)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property }:
                    AddPropertyStep(fragment, scope, property);
                    break;
                case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation memberProperty } member
                    when fragment.IsPolicyObject && CollectionSteps(memberProperty.Property.Name) is { } kinds:
                    foreach (var element in member.Initializer.Initializers)
                    {
                        if (element is IInvocationOperation { Arguments.Length: 1 } add)
                        {
                            AddStep(fragment, scope, kinds.Add, add, add.Syntax.GetLocation(), ImmutableArray.Create(ReadValue(add.Arguments[0].Value)), argument: add.Arguments[0].Value);
                        }
                        else
                        {
                            AddStep(fragment, scope, StepKind.Unknown, element, element.Syntax.GetLocation());
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// A hand-built policy's properties: <c>SupportsCredentials = true</c>, <c>IsOriginAllowed = ...</c>,
    /// <c>PreflightMaxAge = ...</c>, and <c>Origins</c>/<c>Methods</c>/<c>Headers</c>/<c>ExposedHeaders</c> with Add/Clear.
    /// </summary>
    private void AddPropertyStep(PolicyFragment fragment, IOperation? scope, IPropertyReferenceOperation property)
    {
        if (!SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _symbols.CorsPolicy))
        {
            return;
        }

        if (property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
        {
            switch (property.Property.Name)
            {
                case "SupportsCredentials":
                    bool? value = assignment.Value.ConstantValue is { HasValue: true, Value: bool b } ? b : null;
                    AddStep(fragment, scope, StepKind.SetSupportsCredentials, assignment, assignment.Syntax.GetLocation(), boolValue: value, argument: assignment.Value);
                    break;
                case "IsOriginAllowed":
                    AddStep(fragment, scope, StepKind.SetIsOriginAllowed, assignment, assignment.Syntax.GetLocation(), argument: assignment.Value);
                    break;
                case "PreflightMaxAge":
                    AddStep(fragment, scope, StepKind.SetPreflightMaxAge, assignment, assignment.Syntax.GetLocation(), argument: assignment.Value);
                    break;
            }

            return;
        }

        if (CollectionSteps(property.Property.Name) is not { } kinds)
        {
            return;
        }

        switch (property.Parent)
        {
            case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add when add.Instance == property:
                AddStep(fragment, scope, kinds.Add, add, add.Syntax.GetLocation(), ImmutableArray.Create(ReadValue(add.Arguments[0].Value)), argument: add.Arguments[0].Value);
                break;
            case IInvocationOperation { TargetMethod.Name: "Clear" } clear when clear.Instance == property && kinds.Clear is { } clearKind:
                AddStep(fragment, scope, clearKind, clear, clear.Syntax.GetLocation());
                break;
            case IInvocationOperation { TargetMethod.Name: "Contains" or "IndexOf" or "CopyTo" or "GetEnumerator" }:
            case IPropertyReferenceOperation:
                break;
            case IInvocationOperation or IArgumentOperation or IAssignmentOperation:
                AddStep(fragment, scope, StepKind.Unknown, property.Parent, property.Parent.Syntax.GetLocation());
                break;
        }
    }

    /// <summary>The steps for adding to and clearing one of a policy's lists; null for other properties.</summary>
    private static (StepKind Add, StepKind? Clear)? CollectionSteps(string property) => property switch
    {
        "Origins" => (StepKind.AddOrigin, StepKind.ClearOrigins),
        "Methods" => (StepKind.AddMethod, StepKind.ClearMethods),
        "Headers" => (StepKind.AddHeader, StepKind.ClearHeaders),
        "ExposedHeaders" => (StepKind.AddExposedHeader, null),
        _ => null,
    };

    private void AddStep(
        PolicyFragment fragment,
        IOperation? scope,
        StepKind kind,
        IOperation operation,
        Location location,
        ImmutableArray<ValueFact> values = default,
        bool? boolValue = null,
        IOperation? argument = null,
        string? configurationKey = null,
        IMethodSymbol? helper = null,
        int helperParameter = 0,
        bool helperResultIsBuilder = false)
    {
        var guards = GuardsOf(operation, scope, out var deferred);
        if (deferred)
        {
            // The step runs inside another lambda or local function, at a time the model cannot know.
            kind = StepKind.Unknown;
        }

        fragment.Steps.Add(new PolicyStep(kind, operation, location, guards)
        {
            Values = values,
            Argument = argument,
            ConfigurationKey = configurationKey,
            BoolValue = boolValue,
            Helper = helper,
            HelperParameter = helperParameter,
            HelperResultIsBuilder = helperResultIsBuilder,
        });
    }

    /// <summary>The branches between a step and its policy's scope; <paramref name="deferred"/> when a nested function lies between.</summary>
    private static ImmutableArray<Guard> GuardsOf(IOperation operation, IOperation? scope, out bool deferred)
    {
        deferred = false;
        ImmutableArray<Guard>.Builder? guards = null; // most steps have no guard: no builder
        var child = operation;
        for (var parent = operation.Parent; parent is not null && parent != scope; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    deferred = true;
                    return ImmutableArray<Guard>.Empty;
                case IConditionalOperation conditional when child == conditional.WhenTrue:
                    Add(parent, 0);
                    break;
                case IConditionalOperation conditional when child == conditional.WhenFalse:
                    Add(parent, 1);
                    break;
                case ILoopOperation loop when child == loop.Body:
                    Add(parent, 0);
                    break;
                case ISwitchOperation switchOperation when child is ISwitchCaseOperation switchCase:
                    Add(parent, switchOperation.Cases.IndexOf(switchCase));
                    break;
                case ISwitchExpressionOperation switchExpression when child is ISwitchExpressionArmOperation arm:
                    Add(parent, switchExpression.Arms.IndexOf(arm));
                    break;
                case ICoalesceOperation coalesce when child == coalesce.WhenNull:
                    Add(parent, 0);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary when child == binary.RightOperand:
                    Add(parent, 0);
                    break;
                case IConditionalAccessOperation conditionalAccess when child == conditionalAccess.WhenNotNull:
                    Add(parent, 0);
                    break;
                case ITryOperation tryOperation when child is ICatchClauseOperation catchClause:
                    Add(parent, 1 + tryOperation.Catches.IndexOf(catchClause));
                    break;
            }
        }

        return guards?.ToImmutable() ?? ImmutableArray<Guard>.Empty;

        void Add(IOperation owner, int arm) => (guards ??= ImmutableArray.CreateBuilder<Guard>(2)).Add(new Guard(owner, arm));
    }

    /// <summary>How many ways execution can go through a guard's owner (one of them may run none of its arms).</summary>
    public static int ArmCount(IOperation owner) => owner switch
    {
        ISwitchOperation switchOperation => switchOperation.Cases.Length + (switchOperation.Cases.Any(c => c.Clauses.Any(clause => clause.CaseKind == CaseKind.Default)) ? 0 : 1),
        ISwitchExpressionOperation switchExpression => switchExpression.Arms.Length,
        ITryOperation tryOperation => 1 + tryOperation.Catches.Length,
        _ => 2,
    };

    private static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return parent;
            }
        }

        return null;
    }

    private static IOperation? FindFunction(IOperation reference, IMethodSymbol method)
    {
        for (var parent = reference.Parent; parent is not null; parent = parent.Parent)
        {
            if ((parent is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, method))
                || (parent is ILocalFunctionOperation local && SymbolEqualityComparer.Default.Equals(local.Symbol, method)))
            {
                return parent;
            }
        }

        return null;
    }

    private bool ReturnsOnly(List<IReturnOperation> returns, IMethodSymbol method, IParameterSymbol parameter)
    {
        var any = false;
        foreach (var ret in returns)
        {
            if (!SymbolEqualityComparer.Default.Equals(OwningFunction(ret), method))
            {
                continue;
            }

            any = true;
            if (!SymbolEqualityComparer.Default.Equals(RootOf(ret.ReturnedValue) as IParameterSymbol, parameter))
            {
                return false;
            }
        }

        return any;
    }

    /// <summary>The method or local function around an operation, looking through lambdas (they run on its behalf).</summary>
    private IMethodSymbol? EnclosingMethod(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ILocalFunctionOperation local)
            {
                return local.Symbol;
            }
        }

        return _owningSymbol as IMethodSymbol;
    }

    private ISymbol OwningFunction(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol;
                case ILocalFunctionOperation local:
                    return local.Symbol;
            }
        }

        return _owningSymbol;
    }

    private bool IsBuilderMethod(IMethodSymbol method) =>
        !method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.CorsPolicyBuilder);


    private static StepKind? BuilderStepKind(string name) => name switch
    {
        "WithOrigins" => StepKind.WithOrigins,
        "AllowAnyOrigin" => StepKind.AllowAnyOrigin,
        "SetIsOriginAllowed" => StepKind.SetIsOriginAllowed,
        "SetIsOriginAllowedToAllowWildcardSubdomains" => StepKind.SetIsOriginAllowedToAllowWildcardSubdomains,
        "AllowCredentials" => StepKind.AllowCredentials,
        "DisallowCredentials" => StepKind.DisallowCredentials,
        "WithMethods" => StepKind.WithMethods,
        "AllowAnyMethod" => StepKind.AllowAnyMethod,
        "WithHeaders" => StepKind.WithHeaders,
        "AllowAnyHeader" => StepKind.AllowAnyHeader,
        "WithExposedHeaders" => StepKind.WithExposedHeaders,
        "SetPreflightMaxAge" => StepKind.SetPreflightMaxAge,
        "Build" => StepKind.Build,
        _ => null,
    };

    /// <summary>In a chain, the span from the method name to the closing parenthesis: <c>AllowAnyOrigin()</c>.</summary>
    private static Location NameLocation(IInvocationOperation invocation)
    {
        if (invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } syntax)
        {
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(memberAccess.Name.SpanStart, syntax.Span.End));
        }

        return invocation.Syntax.GetLocation();
    }

    private ImmutableArray<ValueFact> ReadValues(ImmutableArray<IArgumentOperation> arguments) => _values.ReadValues(arguments);

    private ValueFact ReadValue(IOperation value) => _values.ReadValue(value);

    private string? ListConfigurationKey(IOperation? value) => value is null ? null : _values.ListConfigurationKey(value);
}
