using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Policies;

/// <summary>What an origin predicate (<c>SetIsOriginAllowed(...)</c>, <c>IsOriginAllowed = ...</c>) accepts.</summary>
internal enum PredicateKind
{
    /// <summary>Not known: a call the analysis cannot see into, a non-constant pattern, a negation, ...</summary>
    Unknown,

    /// <summary>Returns true for every origin a browser can send (<c>_ => true</c>, <c>o => o != null</c>).</summary>
    AlwaysTrue,

    /// <summary>Accepts look-alike origins: a substring, prefix or suffix check without a leading dot, an unanchored regex.</summary>
    Weak,

    /// <summary>Compares the whole origin or host: equality, <c>EndsWith(".x.com")</c>, a set lookup, an anchored regex.</summary>
    Strict,
}

/// <summary>The verdict on one predicate; for <see cref="PredicateKind.Weak"/>, the weak check and an origin that passes it.</summary>
internal sealed class PredicateVerdict
{
    public static readonly PredicateVerdict Unknown = new(PredicateKind.Unknown);

    public PredicateVerdict(PredicateKind kind, SyntaxNode? check = null, string? bypass = null)
    {
        Kind = kind;
        Check = check;
        Bypass = bypass;
    }

    public PredicateKind Kind { get; }

    /// <summary>The weak check itself (<c>origin.EndsWith("example.com")</c>); it may sit in another file than the policy.</summary>
    public SyntaxNode? Check { get; }

    /// <summary>An origin an attacker can register that passes the check (<c>https://evilexample.com</c>), when one can be named.</summary>
    public string? Bypass { get; }
}

/// <summary>
/// Decides what an origin predicate accepts, from its syntax: a lambda or anonymous method, or a method group / local
/// function whose body is read from its declaration (possibly in another file, without asking for that file's
/// semantic model). Constants are read through the predicate's own semantic model when it is in the same file,
/// otherwise from literals and <c>const</c> fields of the declaring type.
/// </summary>
internal static class OriginPredicates
{
    private const int MaxDepth = 16;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, PredicateVerdict> Cache = new();

    /// <summary>The verdict for a <see cref="StepKind.SetIsOriginAllowed"/> step; <see cref="PredicateKind.Unknown"/> for anything else.</summary>
    /// <remarks>Remembered per predicate expression: three rules ask about every end state of a policy.</remarks>
    public static PredicateVerdict Analyze(PolicyStep? step) =>
        step is { Kind: StepKind.SetIsOriginAllowed, Argument: { } argument } ? Cache.GetValue(argument, AnalyzeDelegate) : PredicateVerdict.Unknown;

    /// <summary>The verdict for an expression of a <c>Func&lt;string, bool&gt;</c> type.</summary>
    public static PredicateVerdict AnalyzeDelegate(IOperation argument)
    {
        var model = argument.SemanticModel;
        var operation = argument;
        while (operation is IConversionOperation or IParenthesizedOperation or IDelegateCreationOperation)
        {
            operation = operation switch
            {
                IConversionOperation conversion => conversion.Operand,
                IParenthesizedOperation parenthesized => parenthesized.Operand,
                _ => ((IDelegateCreationOperation)operation).Target,
            };
        }

        SyntaxNode? function = operation switch
        {
            IAnonymousFunctionOperation lambda => lambda.Syntax,
            IMethodReferenceOperation { Method: { } method } => SingleDeclaration(method),
            ILocalReferenceOperation { Local: { } local } => LocalInitializer(local),
            IFieldReferenceOperation { Field: { IsReadOnly: true } field } => SingleDeclaration(field) is VariableDeclaratorSyntax { Initializer.Value: { } value } ? value : null,
            _ => null,
        };

        return function is null ? PredicateVerdict.Unknown : new Reader(model).Function(function, 0);
    }

    /// <summary>Source text for a message: whitespace collapsed, cut after <paramref name="max"/> characters.</summary>
    public static string Snippet(Location location, int max = 60)
    {
        if (location.SourceTree is not { } tree)
        {
            return string.Empty;
        }

        var text = tree.GetText().ToString(location.SourceSpan);
        var builder = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space && !(builder[builder.Length - 1] is '(' or '.' || c is ')' or '.'))
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.Length <= max ? builder.ToString() : builder.ToString(0, max) + "...";
    }

    /// <summary>Whether a regular expression can only match whole strings: every top-level alternative starts with ^ (or \A) and ends with $ (or \z, \Z).</summary>
    public static bool IsAnchored(string pattern)
    {
        var alternatives = new List<string>();
        var depth = 0;
        var inClass = false;
        var start = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '|' when depth == 0:
                    alternatives.Add(pattern.Substring(start, i - start));
                    start = i + 1;
                    break;
            }
        }

        alternatives.Add(pattern.Substring(start));
        foreach (var alternative in alternatives)
        {
            var text = StripInlineOptions(alternative.Trim());
            var starts = text.StartsWith("^", StringComparison.Ordinal) || text.StartsWith("\\A", StringComparison.Ordinal);
            var ends = (text.EndsWith("$", StringComparison.Ordinal) && !EscapedAt(text, text.Length - 1))
                || ((text.EndsWith("\\z", StringComparison.Ordinal) || text.EndsWith("\\Z", StringComparison.Ordinal)) && !EscapedAt(text, text.Length - 2));
            if (!starts || !ends)
            {
                return false;
            }
        }

        return true;
    }

    private static string StripInlineOptions(string text)
    {
        if (text.StartsWith("(?", StringComparison.Ordinal))
        {
            var close = text.IndexOf(')');
            if (close > 2 && text.Substring(2, close - 2).Trim('i', 'm', 'n', 's', 'x', '-').Length == 0)
            {
                return text.Substring(close + 1);
            }
        }

        return text;
    }

    private static bool EscapedAt(string text, int index)
    {
        var backslashes = 0;
        for (var i = index - 1; i >= 0 && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static SyntaxNode? SingleDeclaration(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Length == 1 ? symbol.DeclaringSyntaxReferences[0].GetSyntax() : null;

    /// <summary>A local holding a lambda: its initializer, when the local is never assigned again in its scope.</summary>
    private static SyntaxNode? LocalInitializer(ILocalSymbol local)
    {
        if (SingleDeclaration(local) is not VariableDeclaratorSyntax { Initializer.Value: { } value } declarator)
        {
            return null;
        }

        var scope = declarator.FirstAncestorOrSelf<BlockSyntax>() ?? (SyntaxNode?)declarator.FirstAncestorOrSelf<CompilationUnitSyntax>();
        if (scope is null)
        {
            return null;
        }

        foreach (var assignment in scope.DescendantNodes())
        {
            if (assignment is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } && target.Identifier.ValueText == local.Name)
            {
                return null;
            }
        }

        return value;
    }

    /// <summary>What an expression stands for, relative to the origin being checked.</summary>
    private enum Subject
    {
        None,

        /// <summary>The origin string (possibly lower-cased or trimmed).</summary>
        Origin,

        /// <summary><c>new Uri(origin)</c>.</summary>
        Uri,

        /// <summary><c>new Uri(origin).Host</c>.</summary>
        Host,
    }

    /// <summary>Internal verdicts: <see cref="PredicateKind"/> plus "always false" and "neutral" (a precondition such as <c>Uri.TryCreate</c>).</summary>
    private enum Value
    {
        Unknown,
        True,
        False,
        Neutral,
        Weak,
        Strict,
    }

    private readonly struct Result
    {
        public Result(Value value, SyntaxNode? check = null, string? bypass = null)
        {
            Value = value;
            Check = check;
            Bypass = bypass;
        }

        public Value Value { get; }

        public SyntaxNode? Check { get; }

        public string? Bypass { get; }

        public static Result Of(Value value) => new(value);
    }

    private sealed class Reader
    {
        private readonly SemanticModel? _model;
        private readonly Dictionary<string, ExpressionSyntax> _locals = new(StringComparer.Ordinal);
        private readonly HashSet<string> _uriLocals = new(StringComparer.Ordinal);
        private string? _parameter;

        public Reader(SemanticModel? model) => _model = model;

        public PredicateVerdict Function(SyntaxNode function, int depth)
        {
            SyntaxNode? body;
            switch (function)
            {
                case SimpleLambdaExpressionSyntax simple:
                    _parameter = simple.Parameter.Identifier.ValueText;
                    body = simple.Body;
                    break;
                case ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized:
                    _parameter = parenthesized.ParameterList.Parameters[0].Identifier.ValueText;
                    body = parenthesized.Body;
                    break;
                case AnonymousMethodExpressionSyntax anonymous:
                    _parameter = anonymous.ParameterList?.Parameters.Count == 1 ? anonymous.ParameterList.Parameters[0].Identifier.ValueText : null;
                    body = anonymous.Block;
                    break;
                case MethodDeclarationSyntax { ParameterList.Parameters.Count: 1 } method:
                    _parameter = method.ParameterList.Parameters[0].Identifier.ValueText;
                    body = (SyntaxNode?)method.ExpressionBody?.Expression ?? method.Body;
                    break;
                case LocalFunctionStatementSyntax { ParameterList.Parameters.Count: 1 } local:
                    _parameter = local.ParameterList.Parameters[0].Identifier.ValueText;
                    body = (SyntaxNode?)local.ExpressionBody?.Expression ?? local.Body;
                    break;
                default:
                    return PredicateVerdict.Unknown;
            }

            if (body is null)
            {
                return PredicateVerdict.Unknown;
            }

            CollectLocals(body);
            var result = body switch
            {
                BlockSyntax block => Statements(block.Statements, 0, depth),
                ExpressionSyntax expression => Expression(expression, depth),
                _ => Result.Of(Value.Unknown),
            };

            return result.Value switch
            {
                Value.True => new PredicateVerdict(PredicateKind.AlwaysTrue),
                Value.Weak => new PredicateVerdict(PredicateKind.Weak, result.Check, result.Bypass),
                Value.Strict or Value.False => new PredicateVerdict(PredicateKind.Strict),
                _ => PredicateVerdict.Unknown,
            };
        }

        /// <summary>Locals assigned once in the body (<c>var host = new Uri(o).Host;</c>) and <c>out var u</c> of <c>Uri.TryCreate(origin, ...)</c>.</summary>
        private void CollectLocals(SyntaxNode body)
        {
            var reassigned = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax { Initializer.Value: { } value } declarator:
                        if (!_locals.ContainsKey(declarator.Identifier.ValueText))
                        {
                            _locals[declarator.Identifier.ValueText] = value;
                        }
                        else
                        {
                            reassigned.Add(declarator.Identifier.ValueText);
                        }

                        break;
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target }:
                        reassigned.Add(target.Identifier.ValueText);
                        break;
                    case PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax incremented }:
                        reassigned.Add(incremented.Identifier.ValueText);
                        break;
                }
            }

            foreach (var name in reassigned)
            {
                _locals.Remove(name);
            }

            foreach (var node in body.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryCreate" } access } tryCreate
                    && IsTypeName(access.Expression, "Uri")
                    && tryCreate.ArgumentList.Arguments.Count >= 2
                    && SubjectOf(tryCreate.ArgumentList.Arguments[0].Expression, 0) == Subject.Origin
                    && tryCreate.ArgumentList.Arguments[tryCreate.ArgumentList.Arguments.Count - 1] is { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword } output)
                {
                    switch (output.Expression)
                    {
                        case DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax variable }:
                            _uriLocals.Add(variable.Identifier.ValueText);
                            break;
                        case IdentifierNameSyntax name:
                            _uriLocals.Add(name.Identifier.ValueText);
                            break;
                    }
                }
            }
        }

        /// <summary>Statements from <paramref name="index"/> on, read as one boolean expression: <c>if (c) return true; return false;</c> is <c>c</c>.</summary>
        private Result Statements(SyntaxList<StatementSyntax> statements, int index, int depth)
        {
            if (depth > MaxDepth || index >= statements.Count)
            {
                return Result.Of(Value.Unknown);
            }

            switch (statements[index])
            {
                case ReturnStatementSyntax { Expression: { } returned }:
                    return Expression(returned, depth + 1);
                case LocalDeclarationStatementSyntax:
                case EmptyStatementSyntax:
                case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax }:
                    return Statements(statements, index + 1, depth + 1); // logging and the like
                case IfStatementSyntax { Condition: { } condition } conditional:
                    var whenTrue = Statement(conditional.Statement, depth + 1);
                    var whenFalse = conditional.Else is { } otherwise ? Statement(otherwise.Statement, depth + 1) : Statements(statements, index + 1, depth + 1);
                    return Conditional(Expression(condition, depth + 1), whenTrue, whenFalse);
                case BlockSyntax block when index == statements.Count - 1:
                    return Statements(block.Statements, 0, depth + 1);
                default:
                    return Result.Of(Value.Unknown);
            }
        }

        /// <summary>A statement that must return: a return, or a block ending in one.</summary>
        private Result Statement(StatementSyntax statement, int depth) => statement switch
        {
            ReturnStatementSyntax { Expression: { } returned } => Expression(returned, depth + 1),
            BlockSyntax block => Statements(block.Statements, 0, depth + 1),
            _ => Result.Of(Value.Unknown),
        };

        private Result Expression(ExpressionSyntax expression, int depth)
        {
            if (depth > MaxDepth)
            {
                return Result.Of(Value.Unknown);
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Expression(parenthesized.Expression, depth + 1);
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.TrueLiteralExpression):
                    return Result.Of(Value.True);
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.FalseLiteralExpression):
                    return Result.Of(Value.False);
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    return Not(not.Operand, depth + 1);
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } or:
                    return Or(Expression(or.Left, depth + 1), Expression(or.Right, depth + 1));
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and:
                    return And(Expression(and.Left, depth + 1), Expression(and.Right, depth + 1));
                case BinaryExpressionSyntax comparison when comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression)
                    || comparison.IsKind(SyntaxKind.GreaterThanExpression) || comparison.IsKind(SyntaxKind.GreaterThanOrEqualExpression):
                    return Comparison(comparison, depth + 1);
                case IsPatternExpressionSyntax isPattern when SubjectOf(isPattern.Expression, depth + 1) != Subject.None:
                    return Pattern(isPattern.Pattern);
                case ConditionalExpressionSyntax conditional:
                    return Conditional(Expression(conditional.Condition, depth + 1), Expression(conditional.WhenTrue, depth + 1), Expression(conditional.WhenFalse, depth + 1));
                case InvocationExpressionSyntax invocation:
                    return Invocation(invocation, depth + 1);
                case IdentifierNameSyntax name when _locals.TryGetValue(name.Identifier.ValueText, out var value):
                    return Expression(value, depth + 1);
                default:
                    return ConstantValue(expression) is bool constant ? Result.Of(constant ? Value.True : Value.False) : Result.Of(Value.Unknown);
            }
        }

        private Result Not(ExpressionSyntax operand, int depth)
        {
            // !string.IsNullOrEmpty(origin): every origin a browser sends is a non-empty string.
            if (operand is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsNullOrEmpty" or "IsNullOrWhiteSpace" } access, ArgumentList.Arguments.Count: 1 } check
                && IsTypeName(access.Expression, "string", "String")
                && SubjectOf(check.ArgumentList.Arguments[0].Expression, depth) != Subject.None)
            {
                return Result.Of(Value.True);
            }

            var inner = Expression(operand, depth);
            return inner.Value switch
            {
                Value.True => Result.Of(Value.False),
                Value.False => Result.Of(Value.True),
                _ => Result.Of(Value.Unknown), // a deny-list or worse: not judged here
            };
        }

        private Result Comparison(BinaryExpressionSyntax comparison, int depth)
        {
            var leftSubject = SubjectOf(comparison.Left, depth);
            var rightSubject = SubjectOf(comparison.Right, depth);
            var equals = comparison.IsKind(SyntaxKind.EqualsExpression);
            var notEquals = comparison.IsKind(SyntaxKind.NotEqualsExpression);

            if ((leftSubject != Subject.None && IsNull(comparison.Right)) || (rightSubject != Subject.None && IsNull(comparison.Left)))
            {
                return Result.Of(notEquals ? Value.True : equals ? Value.False : Value.Unknown);
            }

            if (equals && (leftSubject is Subject.Origin or Subject.Host) != (rightSubject is Subject.Origin or Subject.Host))
            {
                return Result.Of(Value.Strict);
            }

            // origin.IndexOf("x") >= 0, != -1, > -1: a substring check.
            var indexOf = comparison.Left as InvocationExpressionSyntax;
            if (!equals && indexOf is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IndexOf" } access, ArgumentList.Arguments.Count: >= 1 }
                && SubjectOf(access.Expression, depth) is Subject.Origin or Subject.Host
                && ConstantValue(comparison.Right) is int bound
                && (bound == -1 || (bound == 0 && comparison.IsKind(SyntaxKind.GreaterThanOrEqualExpression))))
            {
                return Weak(comparison, "Contains", ConstantText(indexOf.ArgumentList.Arguments[0].Expression), SubjectOf(access.Expression, depth));
            }

            if ((equals || notEquals) && ConstantValue(comparison.Right) is bool flag)
            {
                var operand = Expression(comparison.Left, depth);
                return flag == equals ? operand : Not(comparison.Left, depth);
            }

            return Result.Of(Value.Unknown);
        }

        private Result Pattern(PatternSyntax pattern)
        {
            switch (pattern)
            {
                case UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: var constant } } when IsNull(constant):
                    return Result.Of(Value.True); // origin is not null
                case ConstantPatternSyntax { Expression: var constant } when IsNull(constant):
                    return Result.Of(Value.False);
                case ConstantPatternSyntax:
                    return Result.Of(Value.Strict);
                case BinaryPatternSyntax { RawKind: (int)SyntaxKind.OrPattern } or:
                    return Or(Pattern(or.Left), Pattern(or.Right));
                case ParenthesizedPatternSyntax parenthesized:
                    return Pattern(parenthesized.Pattern);
                default:
                    return Result.Of(Value.Unknown);
            }
        }

        private Result Invocation(InvocationExpressionSyntax invocation, int depth)
        {
            var arguments = invocation.ArgumentList.Arguments;
            if (invocation.Expression is not MemberAccessExpressionSyntax access)
            {
                return Result.Of(Value.Unknown);
            }

            var name = access.Name.Identifier.ValueText;
            var receiver = SubjectOf(access.Expression, depth);
            if (receiver is Subject.Origin or Subject.Host && arguments.Count >= 1)
            {
                var text = ConstantText(arguments[0].Expression);
                switch (name)
                {
                    case "Equals":
                        return Result.Of(Value.Strict);
                    case "EndsWith":
                        return text is null
                            ? (IsCharLiteral(arguments[0].Expression) ? Weak(invocation, name, null, receiver) : Result.Of(Value.Unknown))
                            : text.StartsWith(".", StringComparison.Ordinal) || text.StartsWith("/", StringComparison.Ordinal) || text.Contains("://")
                                ? Result.Of(Value.Strict)
                                : Weak(invocation, name, text, receiver);
                    case "StartsWith":
                        return text is null
                            ? Result.Of(Value.Unknown)
                            : receiver == Subject.Origin && IsSchemeHostPrefix(text) ? Result.Of(Value.Strict) : Weak(invocation, name, text, receiver);
                    case "Contains":
                        return Weak(invocation, name, text, receiver);
                }

                return Result.Of(Value.Unknown);
            }

            // string.Equals(origin, "https://x.com"), string.IsNullOrEmpty(origin)
            if (IsTypeName(access.Expression, "string", "String"))
            {
                if (name == "Equals" && arguments.Count >= 2 && (SubjectOf(arguments[0].Expression, depth) is Subject.Origin or Subject.Host || SubjectOf(arguments[1].Expression, depth) is Subject.Origin or Subject.Host))
                {
                    return Result.Of(Value.Strict);
                }

                if (name is "IsNullOrEmpty" or "IsNullOrWhiteSpace" && arguments.Count == 1 && SubjectOf(arguments[0].Expression, depth) != Subject.None)
                {
                    return Result.Of(Value.False);
                }

                return Result.Of(Value.Unknown);
            }

            // Uri.TryCreate(origin, UriKind.Absolute, out var uri): a precondition, neither permissive nor strict.
            if (name == "TryCreate" && IsTypeName(access.Expression, "Uri") && arguments.Count >= 1 && SubjectOf(arguments[0].Expression, depth) == Subject.Origin)
            {
                return Result.Of(Value.Neutral);
            }

            // Regex.IsMatch(origin, pattern), new Regex(pattern).IsMatch(origin), a static Regex field or [GeneratedRegex] method.
            if (name == "IsMatch")
            {
                if (IsTypeName(access.Expression, "Regex") && arguments.Count >= 2 && SubjectOf(arguments[0].Expression, depth) is Subject.Origin or Subject.Host)
                {
                    return Regex(invocation, ConstantText(arguments[1].Expression));
                }

                if (arguments.Count >= 1 && SubjectOf(arguments[0].Expression, depth) is Subject.Origin or Subject.Host)
                {
                    return Regex(invocation, RegexPattern(access.Expression, depth));
                }

                return Result.Of(Value.Unknown);
            }

            // allowed.Contains(origin), map.ContainsKey(origin): an exact lookup in a set.
            if (name is "Contains" or "ContainsKey" or "TryGetValue" && receiver == Subject.None && arguments.Count >= 1
                && SubjectOf(arguments[0].Expression, depth) is Subject.Origin or Subject.Host)
            {
                return Result.Of(Value.Strict);
            }

            return Result.Of(Value.Unknown);
        }

        private static Result Regex(SyntaxNode check, string? pattern) =>
            pattern is null ? Result.Of(Value.Unknown)
            : IsAnchored(pattern) ? Result.Of(Value.Strict)
            : new Result(Value.Weak, check, null);

        /// <summary>The pattern of <c>new Regex("...")</c>, a static Regex field or property initialised with one, or a <c>[GeneratedRegex("...")]</c> method.</summary>
        private string? RegexPattern(ExpressionSyntax receiver, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            switch (receiver)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return RegexPattern(parenthesized.Expression, depth + 1);
                case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: >= 1 } creation:
                    return ConstantText(creation.ArgumentList.Arguments[0].Expression);
                case IdentifierNameSyntax local when _locals.TryGetValue(local.Identifier.ValueText, out var value):
                    return RegexPattern(value, depth + 1);
            }

            var declaration = Declaration(receiver is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } call ? call.Expression : receiver);
            switch (declaration)
            {
                case VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: >= 1 } creation }:
                    return ConstantText(creation.ArgumentList.Arguments[0].Expression);
                case PropertyDeclarationSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: >= 1 } creation }:
                    return ConstantText(creation.ArgumentList.Arguments[0].Expression);
                case MethodDeclarationSyntax method:
                    foreach (var list in method.AttributeLists)
                    {
                        foreach (var attribute in list.Attributes)
                        {
                            if (attribute.Name.ToString() is "GeneratedRegex" or "GeneratedRegexAttribute" or "System.Text.RegularExpressions.GeneratedRegex"
                                && attribute.ArgumentList?.Arguments.Count >= 1)
                            {
                                return ConstantText(attribute.ArgumentList.Arguments[0].Expression);
                            }
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>What an expression is relative to the origin: the origin, a Uri made from it, or its host.</summary>
        private Subject SubjectOf(ExpressionSyntax expression, int depth)
        {
            if (depth > MaxDepth)
            {
                return Subject.None;
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return SubjectOf(parenthesized.Expression, depth + 1);
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    return SubjectOf(suppressed.Operand, depth + 1);
                case IdentifierNameSyntax name:
                    var text = name.Identifier.ValueText;
                    if (text == _parameter)
                    {
                        return Subject.Origin;
                    }

                    if (_uriLocals.Contains(text))
                    {
                        return Subject.Uri;
                    }

                    return _locals.TryGetValue(text, out var value) ? SubjectOf(value, depth + 1) : Subject.None;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant" or "Trim" or "TrimEnd" or "TrimStart" or "ToString" } access }:
                    var inner = SubjectOf(access.Expression, depth + 1);
                    return inner == Subject.Uri ? Subject.Origin : inner;
                case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: >= 1 } creation
                    when (creation is ImplicitObjectCreationExpressionSyntax || (creation is ObjectCreationExpressionSyntax { Type: var type } && IsTypeName(type, "Uri")))
                        && SubjectOf(creation.ArgumentList.Arguments[0].Expression, depth + 1) == Subject.Origin:
                    return Subject.Uri;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Host" or "IdnHost" or "DnsSafeHost" or "Authority" } member
                    when SubjectOf(member.Expression, depth + 1) == Subject.Uri:
                    return Subject.Host;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "OriginalString" or "AbsoluteUri" } member
                    when SubjectOf(member.Expression, depth + 1) == Subject.Uri:
                    return Subject.Origin;
                case ConditionalAccessExpressionSyntax { WhenNotNull: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Host" or "IdnHost" or "DnsSafeHost" or "Authority" } } conditional
                    when SubjectOf(conditional.Expression, depth + 1) == Subject.Uri:
                    return Subject.Host;
                default:
                    return Subject.None;
            }
        }

        private object? ConstantValue(ExpressionSyntax expression)
        {
            if (expression is LiteralExpressionSyntax literal)
            {
                return literal.Token.Value;
            }

            if (expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { Token.Value: int number } })
            {
                return -number;
            }

            if (_model is not null && expression.SyntaxTree == _model.SyntaxTree)
            {
                var constant = _model.GetConstantValue(expression);
                return constant.HasValue ? constant.Value : null;
            }

            // Another file: concatenations, and const or static readonly fields of the declaring type, read from syntax.
            if (expression is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } concatenation)
            {
                return ConstantValue(concatenation.Left) is string left && ConstantValue(concatenation.Right) is string right ? left + right : null;
            }

            return Declaration(expression) is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax value } ? value.Token.Value : null;
        }

        private string? ConstantText(ExpressionSyntax expression) => ConstantValue(expression) as string;

        /// <summary>
        /// The declaration a name refers to: through the semantic model in the predicate's own file, otherwise (another
        /// file) a member of the enclosing type with that name, found in its syntax.
        /// </summary>
        private SyntaxNode? Declaration(ExpressionSyntax expression)
        {
            if (_model is not null && expression.SyntaxTree == _model.SyntaxTree)
            {
                return _model.GetSymbolInfo(expression).Symbol is { } symbol ? SingleDeclaration(symbol) : null;
            }

            var name = expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } member => member.Name.Identifier.ValueText,
                _ => null,
            };
            var type = expression.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (name is null || type is null)
            {
                return null;
            }

            foreach (var member in type.Members)
            {
                switch (member)
                {
                    case FieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            if (variable.Identifier.ValueText == name)
                            {
                                return variable;
                            }
                        }

                        break;
                    case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                        return property;
                    case MethodDeclarationSyntax method when method.Identifier.ValueText == name:
                        return method;
                }
            }

            return null;
        }

        private static Result Weak(SyntaxNode check, string operation, string? text, Subject subject) =>
            new(Value.Weak, check, text is null ? null : BypassFor(operation, text, subject));

        /// <summary>An origin that anyone can register and that passes the check.</summary>
        private static string? BypassFor(string operation, string text, Subject subject)
        {
            var hasScheme = text.Contains("://");
            switch (operation)
            {
                case "EndsWith":
                    return "https://evil" + text;
                case "StartsWith":
                    if (subject == Subject.Host)
                    {
                        return "https://" + text + ".evil.net";
                    }

                    return !hasScheme ? null : text.EndsWith("://", StringComparison.Ordinal) ? text + "evil.net" : text + ".evil.net";
                default:
                    return hasScheme ? text + ".evil.net"
                        : text.StartsWith(".", StringComparison.Ordinal) ? "https://evil" + text + ".evil.net"
                        : "https://" + text + ".evil.net";
            }
        }

        /// <summary><c>"https://app.example.com:"</c>: the whole scheme and host followed by the port separator, so only ports vary.</summary>
        private static bool IsSchemeHostPrefix(string text)
        {
            var scheme = text.IndexOf("://", StringComparison.Ordinal);
            return scheme > 0 && text.Length > scheme + 3 && text.EndsWith(":", StringComparison.Ordinal) && text.IndexOf(':', scheme + 3) == text.Length - 1;
        }

        private static bool IsNull(ExpressionSyntax expression) => expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression };

        private static bool IsCharLiteral(ExpressionSyntax expression) => expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.CharacterLiteralExpression };

        private static Result Conditional(Result condition, Result whenTrue, Result whenFalse)
        {
            if (whenTrue.Value == Value.True && whenFalse.Value == Value.True)
            {
                return Result.Of(Value.True);
            }

            if (whenTrue.Value == Value.False && whenFalse.Value == Value.False)
            {
                return Result.Of(Value.False);
            }

            if (whenTrue.Value == Value.True)
            {
                return Or(condition, whenFalse);
            }

            if (whenFalse.Value == Value.False)
            {
                return And(condition, whenTrue);
            }

            return Result.Of(Value.Unknown);
        }

        private static Result Or(Result left, Result right)
        {
            if (left.Value == Value.True || right.Value == Value.True)
            {
                return Result.Of(Value.True);
            }

            if (left.Value == Value.False)
            {
                return right;
            }

            if (right.Value == Value.False)
            {
                return left;
            }

            if (left.Value == Value.Weak)
            {
                return left; // an attacker satisfies the weak side alone
            }

            if (right.Value == Value.Weak)
            {
                return right;
            }

            return left.Value == Value.Strict && right.Value == Value.Strict ? Result.Of(Value.Strict) : Result.Of(Value.Unknown);
        }

        private static Result And(Result left, Result right)
        {
            if (left.Value == Value.False || right.Value == Value.False)
            {
                return Result.Of(Value.False);
            }

            if (left.Value is Value.True or Value.Neutral)
            {
                return right.Value == Value.True && left.Value == Value.Neutral ? left : right;
            }

            if (right.Value is Value.True or Value.Neutral)
            {
                return left;
            }

            if (left.Value == Value.Strict || right.Value == Value.Strict)
            {
                return Result.Of(Value.Strict);
            }

            if (left.Value == Value.Weak && right.Value == Value.Weak)
            {
                // Both checks must pass: name the suffix check, which is the one look-alike domains defeat.
                var suffix = right.Check is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "EndsWith" } } ? right : left;
                return new Result(Value.Weak, suffix.Check, null);
            }

            return Result.Of(Value.Unknown);
        }
    }

    private static bool IsTypeName(SyntaxNode expression, params string[] names)
    {
        var text = expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => null,
        };

        return text is not null && Array.IndexOf(names, text) >= 0;
    }
}
