using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Headers;

/// <summary>
/// Where values come from inside one operation block: which locals hold the response's or the request's headers, and
/// whether a value carries the request's <c>Origin</c> header without an allow-list check on the way.
/// <para>
/// A value carries the Origin when it is <c>Request.Headers.Origin</c>, <c>Request.Headers["Origin"]</c> (any case,
/// <c>HeaderNames.Origin</c>), the out value of <c>Request.Headers.TryGetValue("Origin", out ...)</c>, a local assigned
/// one of those, or built from one (<c>ToString()</c>, <c>First()</c>, <c>[0]</c>, interpolation, concatenation,
/// <c>??</c>, <c>?:</c>). It is checked when the use sits under a condition that compares or looks up the origin and
/// holds only for allowed origins: the true branch of <c>if (allowed.Contains(origin))</c>, <c>TryGetValue</c>,
/// <c>origin == other</c>, <c>origin is "https://a" or "https://b"</c>, a <c>case</c> of a switch on it, the code after
/// <c>if (!allowed.Contains(origin)) return;</c> (or after the local is replaced in that branch). Null or empty checks
/// are not allow-list checks. Anything the analysis cannot follow (a helper's return value, a field) does not carry it.
/// </para>
/// </summary>
internal sealed class OriginFlow
{
    private readonly HeaderSymbols _symbols;
    private readonly ImmutableArray<IOperation> _blocks;
    private Dictionary<ILocalSymbol, List<IOperation>>? _writes;
    private readonly Dictionary<(ILocalSymbol, bool), bool> _tainted = new(LocalKeyComparer.Instance);
    private readonly HashSet<ILocalSymbol> _flags = new(SymbolEqualityComparer.Default);

    public OriginFlow(ImmutableArray<IOperation> blocks, HeaderSymbols symbols)
    {
        _blocks = blocks;
        _symbols = symbols;
    }

    /// <summary>Conversions (string → StringValues, to interfaces) and parentheses removed.</summary>
    public static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary><c>HttpResponse.Headers</c>, a local that only ever holds it, or an <c>IHeaderDictionary</c> parameter.</summary>
    public bool IsResponseHeaders(IOperation? operation) => IsHeaders(operation, response: true, depth: 0);

    /// <summary><c>HttpRequest.Headers</c>, or a local that only ever holds it.</summary>
    public bool IsRequestHeaders(IOperation? operation) => IsHeaders(operation, response: false, depth: 0);

    private bool IsHeaders(IOperation? operation, bool response, int depth)
    {
        switch (Unwrap(operation))
        {
            case IPropertyReferenceOperation { Property.Name: "Headers" } property:
                return response ? _symbols.IsResponse(property.Property.ContainingType) : _symbols.IsRequest(property.Property.ContainingType);
            case IParameterReferenceOperation parameter:
                return response && _symbols.IsHeaderDictionary(parameter.Parameter.Type);
            case ILocalReferenceOperation local when depth < 4 && Writes(local.Local) is { Count: > 0 } writes:
                foreach (var write in writes)
                {
                    if (write is IArgumentOperation or IForEachLoopOperation or IIsPatternOperation || !IsHeaders(write, response, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>The value carries the request's Origin header with no allow-list check on its way here.</summary>
    public bool ReflectsOrigin(IOperation? value) => IsTainted(value, guards: true);

    /// <summary>The value carries the request's Origin header, checked or not (for reading conditions).</summary>
    private bool Mentions(IOperation? value) => IsTainted(value, guards: false);

    private bool IsTainted(IOperation? operation, bool guards)
    {
        var value = Unwrap(operation);
        switch (value)
        {
            case null:
                return false;

            case ILocalReferenceOperation local:
                return LocalTainted(local.Local, guards) && (!guards || !IsChecked(local, local.Local));

            case IPropertyReferenceOperation property when IsOriginSource(property):
                return !guards || !IsChecked(property, null);

            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance is { } instance
                && instance.Type?.SpecialType == SpecialType.System_String || indexer.Instance?.Type?.Name == "StringValues":
                return IsTainted(indexer.Instance, guards);

            case IInvocationOperation invocation:
                return InvocationTainted(invocation, guards);

            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation interpolation && IsTainted(interpolation.Expression, guards))
                    {
                        return true;
                    }
                }

                return false;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                return IsTainted(concatenation.LeftOperand, guards) || IsTainted(concatenation.RightOperand, guards);

            case ICoalesceOperation coalesce:
                return IsTainted(coalesce.Value, guards) || IsTainted(coalesce.WhenNull, guards);

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return IsTainted(conditional.WhenTrue, guards) || IsTainted(whenFalse, guards);

            case ISwitchExpressionOperation switchExpression:
                foreach (var arm in switchExpression.Arms)
                {
                    if (IsTainted(arm.Value, guards))
                    {
                        return true;
                    }
                }

                return false;

            case IObjectCreationOperation creation when creation.Type?.Name == "StringValues":
                foreach (var argument in creation.Arguments)
                {
                    if (IsTainted(argument.Value, guards))
                    {
                        return true;
                    }
                }

                return false;

            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.ElementValues)
                {
                    if (IsTainted(element, guards))
                    {
                        return true;
                    }
                }

                return false;

            default:
                return false;
        }
    }

    /// <summary>Methods that hand on the origin they are called on (or given): ToString(), First(), string.Concat(...).</summary>
    private bool InvocationTainted(IInvocationOperation invocation, bool guards)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "ToString" or "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant" or "Trim" or "TrimEnd" or "TrimStart"
                or "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault" or "ElementAt" or "ElementAtOrDefault"
                or "ToArray" or "AsSpan":
                return invocation.Instance is { } instance
                    ? IsTainted(instance, guards)
                    : method.IsExtensionMethod && HeaderCollector.Argument(invocation, 0) is { } receiver && IsTainted(receiver, guards);

            case "Concat" or "Format" or "Join" when method.ContainingType.SpecialType == SpecialType.System_String:
                foreach (var argument in invocation.Arguments)
                {
                    if (IsTainted(argument.Value, guards))
                    {
                        return true;
                    }
                }

                return false;

            default:
                return false;
        }
    }

    /// <summary><c>Request.Headers.Origin</c> or <c>Request.Headers["Origin"]</c>.</summary>
    private bool IsOriginSource(IPropertyReferenceOperation property)
    {
        if (!_symbols.IsHeaderDictionary(property.Property.ContainingType))
        {
            return false;
        }

        if (property.Property.IsIndexer)
        {
            return property.Arguments.Length == 1 && IsOriginName(property.Arguments[0].Value) && IsRequestHeaders(property.Instance);
        }

        return property.Property.Name == HeaderModel.Origin && IsRequestHeaders(property.Instance);
    }

    private bool IsOriginName(IOperation operation) =>
        string.Equals(HeaderCollector.Name(operation, _symbols), HeaderModel.Origin, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>Request.Headers.TryGetValue("Origin", out origin)</c>: its out value is the origin.</summary>
    private bool IsOriginTryGetValue(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name == "TryGetValue" && invocation.Instance is { } instance && IsRequestHeaders(instance)
        && HeaderCollector.Argument(invocation, 0) is { } name && IsOriginName(name);

    private bool LocalTainted(ILocalSymbol local, bool guards)
    {
        var key = (local, guards);
        if (_tainted.TryGetValue(key, out var known))
        {
            return known;
        }

        _tainted[key] = false; // a cycle (origin = origin.Trim()) adds nothing
        var tainted = false;
        foreach (var write in Writes(local) ?? (IReadOnlyList<IOperation>)Array.Empty<IOperation>())
        {
            tainted = write switch
            {
                IArgumentOperation { Parent: IInvocationOperation invocation } => IsOriginTryGetValue(invocation) && (!guards || !IsChecked(invocation, null)),
                IForEachLoopOperation loop => IsTainted(loop.Collection, guards),
                IIsPatternOperation pattern => IsTainted(pattern.Value, guards),
                _ => IsTainted(write, guards),
            };

            if (tainted)
            {
                break;
            }
        }

        _tainted[key] = tainted;
        return tainted;
    }

    // ---- Allow-list checks -------------------------------------------------------------------------------------

    /// <summary>
    /// The use of the origin at <paramref name="use"/> only runs for allowed origins: some enclosing branch, switch case,
    /// <c>&amp;&amp;</c> operand or earlier early exit is guarded by an allow-list check. <paramref name="local"/> is the local
    /// read there, if any: replacing it in the not-allowed branch counts as a check too.
    /// </summary>
    private bool IsChecked(IOperation use, ILocalSymbol? local)
    {
        var child = use;
        for (var parent = use.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when child == conditional.WhenTrue && Allows(conditional.Condition, outcome: true):
                case IConditionalOperation conditional2 when child == conditional2.WhenFalse && Allows(conditional2.Condition, outcome: false):
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } conjunction when child == conjunction.RightOperand && Allows(conjunction.LeftOperand, outcome: true):
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } disjunction when child == disjunction.RightOperand && Allows(disjunction.LeftOperand, outcome: false):
                case ISwitchCaseOperation switchCase when CaseAllows(switchCase):
                case ISwitchExpressionArmOperation arm when child == arm.Value && ArmAllows(arm):
                case IBlockOperation block when EarlierExitAllows(block, child, local):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// When <paramref name="condition"/> evaluated to <paramref name="outcome"/>, some part of it established that the
    /// origin is allowed: a look-up or comparison of the origin that held, not a null or empty check.
    /// </summary>
    private bool Allows(IOperation condition, bool outcome) => Allows(condition, outcome, depth: 0);

    private bool Allows(IOperation? condition, bool outcome, int depth)
    {
        if (depth > 8)
        {
            return false;
        }

        switch (Unwrap(condition))
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Allows(not.Operand, !outcome, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.And or BinaryOperatorKind.Or } logical:
                // Lenient on purpose: an allow-list check anywhere in the condition counts (no false alarm).
                return Allows(logical.LeftOperand, outcome, depth + 1) || Allows(logical.RightOperand, outcome, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } flagComparison
                when BooleanConstant(flagComparison.RightOperand) is { } constant:
                // allowed?.Contains(origin) == true
                return Allows(flagComparison.LeftOperand, outcome == (constant == (flagComparison.OperatorKind == BinaryOperatorKind.Equals)), depth + 1);

            case IConditionalAccessOperation access:
                return outcome && Allows(access.WhenNotNull, outcome, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                return outcome == (comparison.OperatorKind == BinaryOperatorKind.Equals) && ComparesOrigin(comparison.LeftOperand, comparison.RightOperand);

            case IIsPatternOperation pattern when Mentions(pattern.Value):
                return PatternAllows(pattern.Pattern, outcome);

            case IInvocationOperation invocation:
                return outcome && IsLookup(invocation);

            case ILocalReferenceOperation { Local.Type.SpecialType: SpecialType.System_Boolean } flag when Writes(flag.Local) is { } writes
                && _flags.Add(flag.Local):
                try
                {
                    foreach (var write in writes)
                    {
                        if (write is IArgumentOperation or IForEachLoopOperation or IIsPatternOperation)
                        {
                            continue;
                        }

                        // var ok = allowed.Contains(origin); ... or: if (candidate == origin) { found = true; break; }
                        if (Allows(write, outcome, depth + 1)
                            || (outcome && write.ConstantValue is { HasValue: true, Value: true } && IsChecked(write, null)))
                        {
                            return true;
                        }
                    }

                    return false;
                }
                finally
                {
                    _flags.Remove(flag.Local);
                }

            default:
                return false;
        }
    }

    private static bool? BooleanConstant(IOperation operation) =>
        Unwrap(operation)?.ConstantValue is { HasValue: true, Value: bool value } ? value : null;

    /// <summary><c>origin == x</c> where x is not null or empty: an exact match against a known value.</summary>
    private bool ComparesOrigin(IOperation left, IOperation right)
    {
        var leftOrigin = Mentions(left);
        var rightOrigin = Mentions(right);
        if (leftOrigin == rightOrigin)
        {
            return false;
        }

        return !IsNullOrEmpty(leftOrigin ? right : left);
    }

    private static bool IsNullOrEmpty(IOperation operation)
    {
        var value = Unwrap(operation);
        if (value?.ConstantValue is { HasValue: true } constant)
        {
            return constant.Value is null or "";
        }

        return value is IFieldReferenceOperation { Field.Name: "Empty" } or IDefaultValueOperation;
    }

    /// <summary>A constant pattern other than null matched (or, negated, did not match) the origin.</summary>
    private static bool PatternAllows(IPatternOperation pattern, bool outcome) => pattern switch
    {
        IConstantPatternOperation constant => outcome && !IsNullOrEmpty(constant.Value),
        INegatedPatternOperation negated => PatternAllows(negated.Pattern, !outcome),
        IBinaryPatternOperation binary => PatternAllows(binary.LeftPattern, outcome) || PatternAllows(binary.RightPattern, outcome),
        _ => false,
    };

    /// <summary>
    /// A bool-returning call given the origin (or called on it) that is not a null/empty test and not the request's own
    /// header look-up: <c>allowed.Contains(origin)</c>, <c>set.TryGetValue(origin, out _)</c>, <c>IsAllowed(origin)</c>,
    /// <c>string.Equals(origin, x)</c>, <c>origin.Equals(x)</c>.
    /// </summary>
    private bool IsLookup(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.ReturnType.SpecialType != SpecialType.System_Boolean
            || method.Name is "IsNullOrEmpty" or "IsNullOrWhiteSpace"
            || (method.Name == "Any" && invocation.Arguments.Length == 1)
            || (invocation.Instance is { } instance && IsRequestHeaders(instance)))
        {
            return false;
        }

        if (invocation.Instance is { } receiver && Mentions(receiver))
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.None or RefKind.In && Mentions(argument.Value))
            {
                return true;
            }

            // allowed.Any(o => o == origin), Array.Exists(allowed, o => string.Equals(o, origin, ...))
            if (Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation predicate })
            {
                foreach (var operation in predicate.Body.Descendants())
                {
                    if (operation is IReturnOperation { ReturnedValue: { } returned } && Allows(returned, outcome: true))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>A <c>case "https://a":</c> section of a switch on the origin (not the default section).</summary>
    private bool CaseAllows(ISwitchCaseOperation switchCase)
    {
        if (switchCase.Parent is not ISwitchOperation { Value: { } value } || !Mentions(value) || switchCase.Clauses.IsEmpty)
        {
            return false;
        }

        foreach (var clause in switchCase.Clauses)
        {
            var allows = clause switch
            {
                ISingleValueCaseClauseOperation single => !IsNullOrEmpty(single.Value),
                IPatternCaseClauseOperation patternClause => PatternAllows(patternClause.Pattern, outcome: true)
                    || (patternClause.Guard is { } guard && Allows(guard, outcome: true)),
                _ => false,
            };

            if (!allows)
            {
                return false;
            }
        }

        return true;
    }

    private bool ArmAllows(ISwitchExpressionArmOperation arm) =>
        (arm.Parent is ISwitchExpressionOperation { Value: { } value } && Mentions(value) && PatternAllows(arm.Pattern, outcome: true))
        || (arm.Guard is { } guard && Allows(guard, outcome: true));

    /// <summary>
    /// An <c>if</c> before <paramref name="child"/> in <paramref name="block"/> whose not-allowed branch leaves (return,
    /// throw, break, continue) or replaces <paramref name="local"/>: <c>if (!allowed.Contains(origin)) return;</c>.
    /// </summary>
    private bool EarlierExitAllows(IBlockOperation block, IOperation child, ILocalSymbol? local)
    {
        foreach (var statement in block.Operations)
        {
            if (statement == child)
            {
                return false;
            }

            if (statement is ISwitchOperation { Value: { } switched } switchStatement && Mentions(switched) && DefaultRejects(switchStatement, local))
            {
                return true; // switch (origin) { case "https://a": break; default: return; }
            }

            if (statement is not IConditionalOperation conditional)
            {
                continue;
            }

            if (Rejects(conditional.WhenTrue, local) && Allows(conditional.Condition, outcome: false))
            {
                return true;
            }

            if (conditional.WhenFalse is { } whenFalse && Rejects(whenFalse, local) && Allows(conditional.Condition, outcome: true))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DefaultRejects(ISwitchOperation switchStatement, ILocalSymbol? local)
    {
        foreach (var section in switchStatement.Cases)
        {
            foreach (var clause in section.Clauses)
            {
                if (clause is IDefaultCaseClauseOperation)
                {
                    foreach (var statement in section.Body)
                    {
                        if (Rejects(statement, local, allowBreak: false))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private static bool Rejects(IOperation branch, ILocalSymbol? local, bool allowBreak = true)
    {
        foreach (var operation in branch.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IBranchOperation { BranchKind: BranchKind.Break } when !allowBreak:
                    continue; // a switch section's break leaves the switch, not the method
                case IReturnOperation or IThrowOperation or IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue or BranchKind.GoTo }:
                    return !InsideFunction(operation, branch);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } when local is not null
                    && SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return true;
            }
        }

        return false;
    }

    private static bool InsideFunction(IOperation operation, IOperation root)
    {
        for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    // ---- Local assignments -------------------------------------------------------------------------------------

    /// <summary>
    /// Every value a local is given in the block: initializers and assignments (the value), out arguments (the
    /// argument), foreach variables (the loop), declaration patterns (the is-pattern).
    /// </summary>
    private IReadOnlyList<IOperation>? Writes(ILocalSymbol local)
    {
        if (_writes is null)
        {
            _writes = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            foreach (var block in _blocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { Value: { } initial }:
                            Add(declarator.Symbol, initial);
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                            Add(target.Local, assignment.Value);
                            break;
                        case IArgumentOperation { Parameter.RefKind: RefKind.Out } argument:
                            if (argument.Value is ILocalReferenceOperation outLocal)
                            {
                                Add(outLocal.Local, argument);
                            }
                            else if (argument.Value is IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared })
                            {
                                Add(declared.Local, argument);
                            }

                            break;
                        case IForEachLoopOperation loop:
                            foreach (var loopLocal in loop.Locals)
                            {
                                Add(loopLocal, loop);
                            }

                            break;
                        case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol patternLocal } pattern:
                            var owner = pattern.Parent;
                            while (owner is IPatternOperation)
                            {
                                owner = owner.Parent;
                            }

                            if (owner is IIsPatternOperation isPattern)
                            {
                                Add(patternLocal, isPattern);
                            }

                            break;
                    }
                }
            }
        }

        return _writes.TryGetValue(local, out var list) ? list : null;

        void Add(ILocalSymbol symbol, IOperation value)
        {
            if (!_writes.TryGetValue(symbol, out var values))
            {
                _writes[symbol] = values = new List<IOperation>();
            }

            values.Add(value);
        }
    }

    private sealed class LocalKeyComparer : IEqualityComparer<(ILocalSymbol Local, bool Guards)>
    {
        public static readonly LocalKeyComparer Instance = new();

        public bool Equals((ILocalSymbol Local, bool Guards) x, (ILocalSymbol Local, bool Guards) y) =>
            x.Guards == y.Guards && SymbolEqualityComparer.Default.Equals(x.Local, y.Local);

        public int GetHashCode((ILocalSymbol Local, bool Guards) obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Local) * 2 + (obj.Guards ? 1 : 0);
    }
}
