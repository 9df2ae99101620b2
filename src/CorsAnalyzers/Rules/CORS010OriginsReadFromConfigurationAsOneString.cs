using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS010: origins read from configuration as one string. <c>WithOrigins(config["Cors:Origins"])</c> makes the whole
/// configured value one origin (a comma list never matches, a JSON array reads as null), and <c>Split(',')</c> without
/// <c>StringSplitOptions.TrimEntries</c> keeps the space of <c>"https://a.com, https://b.com"</c>, so that origin never matches.
/// </summary>
internal static class CORS010OriginsReadFromConfigurationAsOneString
{
    public const string Id = RuleIds.OriginsFromConfigurationAsOneString;

    /// <summary>Diagnostic property: <see cref="Scalar"/> (one configured string) or <see cref="Split"/> (a split without trimming).</summary>
    public const string KindProperty = "Kind";

    public const string Scalar = "Scalar";
    public const string Split = "Split";

    private const string Title = "Origins read from configuration as one string";
    private const string MessageFormat = "{0} {1}";
    private const string Description =
        "ASP.NET Core compares each configured origin ordinally with the Origin header. A configuration value read as one string " +
        "('https://a.com,https://b.com') is one origin that matches nothing, and splitting it without StringSplitOptions.TrimEntries " +
        "leaves ' https://b.com' with its leading space, which matches nothing either.";

    private const int TrimEntries = 2; // StringSplitOptions.TrimEntries (.NET 5+)

    private static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        Title,
        MessageFormat,
        RuleIds.UsageCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIds.HelpLink(Id));

    public static readonly RuleDescriptors Descriptors = new(Descriptor);

    public static readonly PolicyRule Rule = new(Descriptors, Check);

    /// <summary>
    /// A key whose last segment names a list (<c>Cors:Origins</c>, <c>AllowedHosts</c>, <c>OriginList</c>). A singular key
    /// (<c>Cors:Origin</c>, <c>FrontendUrl</c>) is taken to hold one origin on purpose and is left alone.
    /// </summary>
    public static bool NamesAList(string key)
    {
        var segment = key.Substring(key.LastIndexOf(':') + 1);
        return (segment.EndsWith("s", StringComparison.OrdinalIgnoreCase) && !segment.EndsWith("ss", StringComparison.OrdinalIgnoreCase))
            || segment.IndexOf("List", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    private static void Check(PolicyContext context)
    {
        foreach (var step in context.Steps)
        {
            if (step.Kind is not (StepKind.WithOrigins or StepKind.AddOrigin))
            {
                continue;
            }

            if (!step.Values.IsDefault)
            {
                foreach (var value in step.Values)
                {
                    if (value.Text is null && value.ConfigurationKey is { } key && NamesAList(key) && IsDirectArgument(step, value.Location))
                    {
                        Report(
                            context,
                            value.Location,
                            Scalar,
                            step.Location,
                            $"reads its origins from configuration key '{key}' as one string: a list there such as 'https://a.com,https://b.com' becomes " +
                            $"one origin that never matches (and a JSON array there reads as null), so browsers are blocked; read the section as an array, " +
                            $"GetSection(\"{key}\").Get<string[]>()");
                    }
                }
            }

            if (step.Kind == StepKind.WithOrigins && step.Argument is { } argument && FindSplit(argument, 0) is { } split && KeepsSpaces(split))
            {
                var what = step.ConfigurationKey is { } splitKey ? $"configuration value '{splitKey}'" : "its origins";
                Report(
                    context,
                    SplitLocation(split),
                    Split,
                    step.Location,
                    $"splits {what} without StringSplitOptions.TrimEntries: in a list such as 'https://a.com, https://b.com' the second origin keeps " +
                    "its leading space (' https://b.com') and never matches, so browsers are blocked; split with " +
                    "StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries");
            }
        }
    }

    private static void Report(PolicyContext context, Location location, string kind, Location step, string message)
    {
        context.Report(Diagnostic.Create(
            context.Descriptor(Descriptors),
            location,
            ImmutableArray.Create(step),
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
            context.Policy.DisplayName,
            message));
    }

    /// <summary>The value is an argument of the step itself (<c>WithOrigins(config["X"])</c>), not an element of an array built elsewhere.</summary>
    private static bool IsDirectArgument(PolicyStep step, Location location)
    {
        var arguments = step.Operation.Syntax switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList.Arguments,
            BaseObjectCreationExpressionSyntax { ArgumentList: { } list } => list.Arguments,
            _ => default(SeparatedSyntaxList<ArgumentSyntax>?),
        };
        if (arguments is null)
        {
            return step.Operation.Syntax.Span == location.SourceSpan; // an Origins = { ... } initializer element
        }

        foreach (var argument in arguments.Value)
        {
            if (argument.Expression.Span == location.SourceSpan || Strip(argument.Expression).Span == location.SourceSpan)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Looks through parentheses and the null-forgiving operator.</summary>
    public static ExpressionSyntax Strip(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression):
                    expression = postfix.Operand;
                    break;
                default:
                    return expression;
            }
        }
    }

    /// <summary>The <c>string.Split</c> call whose result is the origins list: directly, after <c>?.</c>, <c>??</c>, or through a local assigned once.</summary>
    private static IInvocationOperation? FindSplit(IOperation value, int depth)
    {
        if (depth > 4)
        {
            return null;
        }

        while (value is IConversionOperation or IParenthesizedOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
        }

        switch (value)
        {
            case ICoalesceOperation coalesce:
                return FindSplit(coalesce.Value, depth + 1);
            case IConditionalAccessOperation access:
                return FindSplit(access.WhenNotNull, depth + 1);
            case IInvocationOperation invocation when IsStringSplit(invocation.TargetMethod):
                return invocation;
            case ILocalReferenceOperation local when SingleSource(local) is { } source:
                return FindSplit(source, depth + 1);
            default:
                return null;
        }
    }

    private static bool IsStringSplit(IMethodSymbol method) =>
        method.Name == "Split" && method.ContainingType?.SpecialType == SpecialType.System_String;

    /// <summary>The initializer of a local that is never assigned again, found in the same operation tree.</summary>
    private static IOperation? SingleSource(ILocalReferenceOperation reference)
    {
        var root = (IOperation)reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        IOperation? source = null;
        var count = 0;
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    source = declarator.GetVariableInitializer()?.Value;
                    count++;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                    source = assignment.Value;
                    count++;
                    break;
            }
        }

        return count == 1 ? source : null;
    }

    /// <summary>
    /// True when the split can leave spaces around origins: no TrimEntries, separators known and not all whitespace, and
    /// (for a constant string) some entry really has surrounding whitespace. Unknown options or separators: false.
    /// </summary>
    private static bool KeepsSpaces(IInvocationOperation split)
    {
        var separators = new List<string>();
        foreach (var argument in split.Arguments)
        {
            var type = argument.Parameter?.Type;
            if (type is null)
            {
                return false;
            }

            if (type.Name == "StringSplitOptions")
            {
                if (argument.Value.ConstantValue is not { HasValue: true, Value: int options } || (options & TrimEntries) != 0)
                {
                    return false;
                }

                continue;
            }

            if (type.SpecialType == SpecialType.System_Int32)
            {
                continue; // count
            }

            if (!Separators(argument.Value, separators))
            {
                return false;
            }
        }

        if (separators.Count == 0 || separators.All(s => s.Length == 0 || s.All(char.IsWhiteSpace)))
        {
            return false; // Split() splits on whitespace
        }

        if (split.Instance?.ConstantValue is { HasValue: true, Value: string text })
        {
            return text.Split(separators.Where(s => s.Length > 0).ToArray(), StringSplitOptions.None).Any(e => e.Length > 0 && e.Trim().Length != e.Length);
        }

        return true;
    }

    private static bool Separators(IOperation value, List<string> separators)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        switch (value)
        {
            case { ConstantValue: { HasValue: true, Value: char c } }:
                separators.Add(c.ToString());
                return true;
            case { ConstantValue: { HasValue: true, Value: string s } }:
                separators.Add(s);
                return true;
            case IArrayCreationOperation { Initializer: { } initializer }:
                return initializer.ElementValues.All(e => Separators(e, separators));
            default:
                return false;
        }
    }

    /// <summary>From the method name to the closing parenthesis: <c>Split(',')</c>.</summary>
    private static Location SplitLocation(IInvocationOperation split)
    {
        if (split.Syntax is InvocationExpressionSyntax syntax)
        {
            var name = syntax.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                MemberBindingExpressionSyntax binding => binding.Name,
                _ => null,
            };
            if (name is not null)
            {
                return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(name.SpanStart, syntax.Span.End));
            }
        }

        return split.Syntax.GetLocation();
    }
}
