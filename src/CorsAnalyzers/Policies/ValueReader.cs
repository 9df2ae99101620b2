using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Policies;

/// <summary>
/// Reads the strings a policy is given: constants (literals, <c>const</c>, <c>nameof</c>, interpolations and
/// concatenations of constants), locals assigned once, <c>static readonly</c> fields and arrays (from their
/// initializer), arrays and collection expressions; and, for values it cannot know, the configuration key they are
/// read from (<c>config["Cors:Origin"]</c>, <c>GetSection("Cors:Origins").Get&lt;string[]&gt;()</c>).
/// </summary>
internal sealed class ValueReader
{
    private const int MaxDepth = 8;

    private readonly CorsSymbols _symbols;
    private readonly Func<ILocalSymbol, IOperation?> _localSource;

    public ValueReader(CorsSymbols symbols, Func<ILocalSymbol, IOperation?> localSource)
    {
        _symbols = symbols;
        _localSource = localSource;
    }

    /// <summary>The strings a <c>params string[]</c> call receives; default when the list itself is not known.</summary>
    public ImmutableArray<ValueFact> ReadValues(ImmutableArray<IArgumentOperation> arguments)
    {
        if (arguments.IsEmpty)
        {
            return ImmutableArray<ValueFact>.Empty;
        }

        if (arguments.Length != 1)
        {
            return default;
        }

        var value = Unwrap(arguments[0].Value);
        return value.Type is IArrayTypeSymbol or null || value.Kind == OperationKind.None
            ? ReadList(value, 0)
            : ImmutableArray.Create(ReadValue(value));
    }

    public ValueFact ReadValue(IOperation value) => ReadValue(value, 0);

    /// <summary>The configuration key a whole list of values is read from, if it is one.</summary>
    public string? ListConfigurationKey(IOperation value)
    {
        value = Unwrap(value);
        switch (value)
        {
            case ICoalesceOperation coalesce:
                return ListConfigurationKey(coalesce.Value);
            case IConditionalAccessOperation { WhenNotNull: IInvocationOperation { TargetMethod.Name: "Split" } } access:
                return ScalarConfigurationKey(access.Operation);
            case IInvocationOperation { TargetMethod.Name: "Split", Instance: { } text }:
                return ScalarConfigurationKey(text);
            case IInvocationOperation { TargetMethod.Name: "Get" or "GetValue" } get when IsBinder(get.TargetMethod):
                var receiver = get.Arguments.Length > 0 ? get.Arguments[0].Value : null;
                return get.TargetMethod.Name == "Get"
                    ? SectionKey(receiver)
                    : Join(SectionKey(receiver), ConstantText(get.Arguments.Length > 1 ? get.Arguments[1].Value : null));
            case ILocalReferenceOperation local when _localSource(local.Local) is { } source:
                return ListConfigurationKey(source);
            case IPropertyReferenceOperation or IConditionalAccessOperation when value.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String }:
                return BoundPropertyKey(value, 0);
            default:
                return null;
        }
    }

    private ImmutableArray<ValueFact> ReadList(IOperation value, int depth)
    {
        if (depth > MaxDepth)
        {
            return default;
        }

        value = Unwrap(value);
        switch (value)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                return initializer.ElementValues.Select(e => ReadValue(e, depth + 1)).ToImmutableArray();
            case IArrayCreationOperation { DimensionSizes.Length: 1 } empty when empty.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 }:
                return ImmutableArray<ValueFact>.Empty;
            case { Kind: OperationKind.None, Syntax: CollectionExpressionSyntax collection }:
                // Roslyn 4.8 has no operation for collection expressions: read the elements it exposes.
                var elements = value.ChildOperations.ToImmutableArray();
                return elements.Length == collection.Elements.Count && collection.Elements.All(e => e is ExpressionElementSyntax)
                    ? elements.Select(e => ReadValue(e, depth + 1)).ToImmutableArray()
                    : default;
            case ILocalReferenceOperation local when _localSource(local.Local) is { } source:
                return ReadList(source, depth + 1);
            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                return FieldInitializerList(field);
            default:
                return default;
        }
    }

    private ValueFact ReadValue(IOperation value, int depth)
    {
        var location = value.Syntax.GetLocation();
        value = Unwrap(value);
        if (value.ConstantValue is { HasValue: true, Value: string text })
        {
            return new ValueFact(text, location, operation: value);
        }

        switch (value)
        {
            case ILocalReferenceOperation local when depth < MaxDepth && _localSource(local.Local) is { } source:
                var fromLocal = ReadValue(source, depth + 1);
                return fromLocal.Text is null ? new ValueFact(null, location, fromLocal.ConfigurationKey, value) : fromLocal;
            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }
                when FieldInitializer(field) is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression):
                return new ValueFact(literal.Token.ValueText, literal.GetLocation());
            default:
                return new ValueFact(null, location, ScalarConfigurationKey(value), value);
        }
    }

    /// <summary><c>config["Cors:Origin"]</c>, <c>config.GetValue&lt;string&gt;("Cors:Origin")</c>, <c>config.GetSection("Cors:Origin").Value</c>.</summary>
    private string? ScalarConfigurationKey(IOperation value)
    {
        value = Unwrap(value);
        switch (value)
        {
            case ICoalesceOperation coalesce:
                return ScalarConfigurationKey(coalesce.Value);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when IsConfiguration(indexer.Instance?.Type):
                return Join(SectionKey(indexer.Instance), ConstantText(indexer.Arguments[0].Value));
            case IPropertyReferenceOperation { Property.Name: "Value" } property when IsConfiguration(property.Instance?.Type):
                return SectionKey(property.Instance);
            case IInvocationOperation { TargetMethod.Name: "GetValue", Arguments.Length: >= 2 } get when IsBinder(get.TargetMethod):
                return Join(SectionKey(get.Arguments[0].Value), ConstantText(get.Arguments[1].Value));
            case IPropertyReferenceOperation or IConditionalAccessOperation when value.Type?.SpecialType == SpecialType.System_String:
                return BoundPropertyKey(value, 0);
            default:
                return null;
        }
    }

    /// <summary>
    /// A property of an object bound from a configuration section: <c>config.GetSection("Cors").Get&lt;CorsSettings&gt;()!.Origins</c>
    /// (also through a local, <c>?.</c>, and nested objects) is "Cors:Origins"; a <c>[ConfigurationKeyName("x")]</c> property uses its name.
    /// </summary>
    private string? BoundPropertyKey(IOperation value, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        value = Unwrap(value);
        switch (value)
        {
            case IConditionalAccessOperation { WhenNotNull: IPropertyReferenceOperation { Property.IsIndexer: false } property } access:
                return Join(BoundObjectKey(access.Operation, depth + 1), ConfigurationName(property.Property));
            case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } instance } property when !IsConfiguration(instance.Type):
                return Join(BoundObjectKey(instance, depth + 1), ConfigurationName(property.Property));
            default:
                return null;
        }
    }

    /// <summary>The section an object is bound from: <c>section.Get&lt;T&gt;()</c>, a local holding one, or a property of a bound object.</summary>
    private string? BoundObjectKey(IOperation value, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        value = Unwrap(value);
        switch (value)
        {
            case IInvocationOperation { TargetMethod: { Name: "Get", IsGenericMethod: true } method } get when IsBinder(method) && get.Arguments.Length > 0:
                return SectionKey(get.Arguments[0].Value);
            case IPropertyReferenceOperation { Property.Name: "Value" or "CurrentValue", Instance.Type: INamedTypeSymbol options } when OptionsOf(options) is { } bound:
                return OptionsSectionKey(value, bound);
            case ICoalesceOperation coalesce:
                return BoundObjectKey(coalesce.Value, depth + 1);
            case ILocalReferenceOperation local when _localSource(local.Local) is { } source:
                return BoundObjectKey(source, depth + 1);
            case IPropertyReferenceOperation or IConditionalAccessOperation:
                return BoundPropertyKey(value, depth + 1);
            default:
                return null;
        }
    }

    /// <summary>T of <c>IOptions&lt;T&gt;</c>, <c>IOptionsSnapshot&lt;T&gt;</c> or <c>IOptionsMonitor&lt;T&gt;</c>.</summary>
    private static ITypeSymbol? OptionsOf(INamedTypeSymbol type) =>
        type.TypeArguments.Length == 1
        && type.Name is "IOptions" or "IOptionsSnapshot" or "IOptionsMonitor"
        && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Options"
            ? type.TypeArguments[0]
            : null;

    /// <summary>
    /// The section <c>IOptions&lt;T&gt;</c> is bound to, when the block that reads it also binds it, in one way only:
    /// <c>services.Configure&lt;T&gt;(config.GetSection("Cors"))</c>, <c>AddOptions&lt;T&gt;().Bind(config.GetSection("Cors"))</c> or
    /// <c>AddOptions&lt;T&gt;().BindConfiguration("Cors")</c>. A binding elsewhere (another method, a library) is not followed.
    /// </summary>
    private string? OptionsSectionKey(IOperation read, ITypeSymbol bound)
    {
        var root = read;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        string? found = null;
        foreach (var operation in root.Descendants())
        {
            if (operation is not IInvocationOperation { TargetMethod: { } method } invocation)
            {
                continue;
            }

            string? key;
            switch (method.Name)
            {
                case "Configure" when method.IsGenericMethod && method.TypeArguments.Length == 1
                    && SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], bound)
                    && method.ContainingType?.Name == "OptionsConfigurationServiceCollectionExtensions"
                    && !method.Parameters.Any(p => p.Name == "name"):
                    key = SectionKey(invocation.Arguments.FirstOrDefault(a => IsConfiguration(a.Parameter?.Type))?.Value);
                    break;
                case "Bind" or "BindConfiguration" when method.ContainingType?.Name == "OptionsBuilderConfigurationExtensions"
                    && invocation.Arguments.Length >= 2
                    && invocation.Arguments[0].Value.Type is INamedTypeSymbol { TypeArguments.Length: 1 } builder
                    && SymbolEqualityComparer.Default.Equals(builder.TypeArguments[0], bound):
                    key = method.Name == "Bind" ? SectionKey(invocation.Arguments[1].Value) : ConstantText(invocation.Arguments[1].Value);
                    break;
                default:
                    continue;
            }

            if (key is null || (found is not null && !string.Equals(found, key, StringComparison.OrdinalIgnoreCase)))
            {
                return null; // bound from something unknown, or to two sections
            }

            found = key;
        }

        return found;
    }

    /// <summary>The configuration key a bound property reads: its name, or the name its <c>[ConfigurationKeyName]</c> gives.</summary>
    private static string ConfigurationName(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "ConfigurationKeyNameAttribute"
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return property.Name;
    }

    /// <summary>The path of a configuration section: <c>config.GetSection("Cors").GetSection("Origins")</c> is "Cors:Origins"; the root is "".</summary>
    private string? SectionKey(IOperation? value)
    {
        value = value is null ? null : Unwrap(value);
        switch (value)
        {
            case IInvocationOperation { TargetMethod.Name: "GetSection" or "GetRequiredSection" } getSection:
                var arguments = getSection.Arguments;
                var instance = getSection.Instance ?? (arguments.Length > 1 ? arguments[0].Value : null);
                var key = ConstantText(arguments[arguments.Length - 1].Value);
                return key is null ? null : Join(SectionKey(instance), key);
            case { Type: { } type } when IsConfiguration(type):
                return string.Empty;
            default:
                return null;
        }
    }

    private static string? Join(string? section, string? key) =>
        section is null || key is null ? null : section.Length == 0 ? key : section + ":" + key;

    private bool IsConfiguration(ITypeSymbol? type) =>
        type is not null && _symbols.Configuration is { } configuration
        && (SymbolEqualityComparer.Default.Equals(type, configuration) || type.AllInterfaces.Contains(configuration, SymbolEqualityComparer.Default));

    private static bool IsBinder(IMethodSymbol method) => method.ContainingType?.Name == "ConfigurationBinder";

    private static string? ConstantText(IOperation? value) =>
        value?.ConstantValue is { HasValue: true, Value: string text } ? text : null;

    private static ImmutableArray<ValueFact> FieldInitializerList(IFieldSymbol field)
    {
        var elements = FieldInitializer(field) switch
        {
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
            ImplicitArrayCreationExpressionSyntax creation => creation.Initializer.Expressions,
            InitializerExpressionSyntax initializer => initializer.Expressions,
            CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax) =>
                SyntaxFactory.SeparatedList(collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression)),
            _ => default(SeparatedSyntaxList<ExpressionSyntax>?),
        };

        return elements is { } list
            ? list.Select(e => e is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                ? new ValueFact(literal.Token.ValueText, literal.GetLocation())
                : new ValueFact(null, e.GetLocation())).ToImmutableArray()
            : default;
    }

    /// <summary>A field's initializer, read from syntax (it may live in another file, whose semantic model we do not ask for).</summary>
    private static ExpressionSyntax? FieldInitializer(IFieldSymbol field) =>
        field.DeclaringSyntaxReferences.Length == 1 && field.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value }
            ? value
            : null;

    private static IOperation Unwrap(IOperation value)
    {
        while (true)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    value = parenthesized.Operand;
                    break;
                default:
                    return value;
            }
        }
    }
}
