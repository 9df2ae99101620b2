using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Headers;

/// <summary>
/// Finds the response header writes of one operation block: the indexer, <c>Append</c>, <c>Add</c>, <c>TryAdd</c>,
/// the comma-separated helpers and the typed properties of <c>IHeaderDictionary</c>, with names given as literals,
/// constants or <c>HeaderNames</c> fields. Only the response's headers count (<c>HttpResponse.Headers</c>, a local
/// holding it, or an <c>IHeaderDictionary</c> parameter); request headers, <c>HttpClient</c> headers and other
/// dictionaries are not responses.
/// </summary>
internal static class HeaderCollector
{
    public static HeaderModel? Collect(ImmutableArray<IOperation> blocks, HeaderSymbols symbols, CancellationToken cancellationToken)
    {
        var flow = new OriginFlow(blocks, symbols);
        List<HeaderWrite>? writes = null;
        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Read(operation, symbols, flow) is { } write)
                {
                    (writes ??= new List<HeaderWrite>()).Add(write);
                }
            }
        }

        if (writes is null)
        {
            return null;
        }

        writes.Sort((a, b) => a.Position.CompareTo(b.Position));
        return new HeaderModel(writes, flow);
    }

    private static HeaderWrite? Read(IOperation operation, HeaderSymbols symbols, OriginFlow flow)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment:
                if (target.Property.IsIndexer)
                {
                    if (target.Arguments.Length == 1 && symbols.IsHeaderDictionary(target.Property.ContainingType)
                        && Name(target.Arguments[0].Value, symbols) is { } indexed && flow.IsResponseHeaders(target.Instance))
                    {
                        return Create(assignment, HeaderWriteForm.Indexer, target.Instance!, indexed, assignment.Value);
                    }

                    return null;
                }

                if (symbols.IsHeaderDictionary(target.Property.ContainingType) && Spelled(target.Property.Name) is { } property
                    && flow.IsResponseHeaders(target.Instance))
                {
                    return Create(assignment, HeaderWriteForm.Property, target.Instance!, property, assignment.Value);
                }

                return null;

            case IInvocationOperation invocation:
                return Read(invocation, symbols, flow);

            default:
                return null;
        }
    }

    private static HeaderWrite? Read(IInvocationOperation invocation, HeaderSymbols symbols, OriginFlow flow)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Append" or "AppendCommaSeparatedValues" or "SetCommaSeparatedValues"
                when SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.HeaderDictionaryExtensions):
                return Extension(invocation, HeaderWriteForm.Append, symbols, flow);

            case "TryAdd" when method.IsExtensionMethod && method.Parameters.Length == 3:
                return Extension(invocation, HeaderWriteForm.TryAdd, symbols, flow);

            case "Add" when !method.IsStatic && method.Parameters.Length == 2 && invocation.Instance is { } instance
                && symbols.IsHeaderDictionary(OriginFlow.Unwrap(instance)?.Type):
                return Argument(invocation, 0) is { } key && Name(key, symbols) is { } name && flow.IsResponseHeaders(instance)
                    ? Create(invocation, HeaderWriteForm.Add, instance, name, Argument(invocation, 1))
                    : null;

            default:
                return null;
        }
    }

    private static HeaderWrite? Extension(IInvocationOperation invocation, HeaderWriteForm form, HeaderSymbols symbols, OriginFlow flow)
    {
        var receiver = Argument(invocation, 0);
        if (receiver is null || !symbols.IsHeaderDictionary(OriginFlow.Unwrap(receiver)?.Type)
            || Argument(invocation, 1) is not { } key || Name(key, symbols) is not { } name || !flow.IsResponseHeaders(receiver))
        {
            return null;
        }

        return Create(invocation, form, receiver, name, Argument(invocation, 2));
    }

    private static HeaderWrite? Create(IOperation operation, HeaderWriteForm form, IOperation receiver, string name, IOperation? value)
    {
        if (!name.StartsWith(HeaderModel.AccessControlPrefix, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(name, HeaderModel.Vary, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new HeaderWrite(operation, form, OriginFlow.Unwrap(receiver) ?? receiver, name, SingleValue(value), ScopeOf(operation));
    }

    /// <summary>The argument bound to the parameter at <paramref name="ordinal"/> (named arguments may come in any order).</summary>
    internal static IOperation? Argument(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// A header name: a constant (literal, <c>const</c> field, interpolation of constants) or a <c>HeaderNames</c> field,
    /// whose <c>static readonly</c> value is its name spelled with dashes. Null when the name is not known.
    /// </summary>
    internal static string? Name(IOperation operation, HeaderSymbols symbols)
    {
        var value = OriginFlow.Unwrap(operation);
        if (value?.ConstantValue is { HasValue: true, Value: string text })
        {
            return text;
        }

        if (value is IFieldReferenceOperation { Field: { } field } && symbols.HeaderNames is { } names
            && SymbolEqualityComparer.Default.Equals(field.ContainingType, names))
        {
            return Dashed(field.Name);
        }

        return null;
    }

    /// <summary>An IHeaderDictionary property that names a header we follow (AccessControlAllowOrigin, Vary), spelled out.</summary>
    private static string? Spelled(string property) =>
        property.StartsWith("AccessControl", StringComparison.Ordinal) || property == "Vary" ? Dashed(property) : null;

    /// <summary>"AccessControlAllowOrigin" → "Access-Control-Allow-Origin".</summary>
    private static string Dashed(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('-');
            }

            builder.Append(name[i]);
        }

        return builder.ToString();
    }

    /// <summary>The one value written: conversions to StringValues, <c>new StringValues(x)</c> and one-element arrays see through.</summary>
    private static IOperation? SingleValue(IOperation? value)
    {
        for (var depth = 0; depth < 4; depth++)
        {
            value = OriginFlow.Unwrap(value);
            switch (value)
            {
                case IObjectCreationOperation { Arguments.Length: 1 } creation when creation.Type?.Name == "StringValues":
                    value = creation.Arguments[0].Value;
                    continue;
                case IArrayCreationOperation { Initializer.ElementValues: { Length: 1 } elements }:
                    value = elements[0];
                    continue;
                case IArrayCreationOperation:
                    return null;
            }

            return value;
        }

        return value;
    }

    /// <summary>The nearest enclosing lambda or local function that is not a <c>Response.OnStarting</c> callback, else the root.</summary>
    private static IOperation ScopeOf(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            if (parent is IAnonymousFunctionOperation lambda && !IsOnStartingCallback(lambda))
            {
                return lambda;
            }

            if (parent is ILocalFunctionOperation local)
            {
                return local;
            }

            current = parent;
        }

        return current;
    }

    private static bool IsOnStartingCallback(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "OnStarting" } };
    }
}
