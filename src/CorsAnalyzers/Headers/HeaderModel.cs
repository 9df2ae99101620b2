using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Headers;

/// <summary>How a header write is spelled.</summary>
internal enum HeaderWriteForm
{
    /// <summary><c>headers["Access-Control-Allow-Origin"] = value</c></summary>
    Indexer,

    /// <summary><c>headers.AccessControlAllowOrigin = value</c> (IHeaderDictionary's typed properties, ASP.NET Core 7+)</summary>
    Property,

    /// <summary><c>headers.Append(name, value)</c>, <c>AppendCommaSeparatedValues</c>, <c>SetCommaSeparatedValues</c></summary>
    Append,

    /// <summary><c>headers.Add(name, value)</c></summary>
    Add,

    /// <summary><c>headers.TryAdd(name, value)</c></summary>
    TryAdd,
}

/// <summary>One write of a CORS-related response header (<c>Access-Control-*</c> or <c>Vary</c>) in a block.</summary>
internal sealed class HeaderWrite
{
    public HeaderWrite(IOperation operation, HeaderWriteForm form, IOperation receiver, string name, IOperation? value, IOperation scope)
    {
        Operation = operation;
        Receiver = receiver;
        Form = form;
        Name = name;
        Value = value;
        Scope = scope;
    }

    /// <summary>The assignment or invocation that writes the header: the diagnostic's location.</summary>
    public IOperation Operation { get; }

    public HeaderWriteForm Form { get; }

    /// <summary>The response's header dictionary written to (<c>context.Response.Headers</c>, a local, a parameter).</summary>
    public IOperation Receiver { get; }

    /// <summary>The header name as written (HeaderNames fields and typed properties spelled out: "Access-Control-Allow-Origin").</summary>
    public string Name { get; }

    /// <summary>The written value with conversions to StringValues removed; null when it is not one value (an array of several).</summary>
    public IOperation? Value { get; }

    /// <summary>
    /// The method or lambda the write belongs to: the nearest enclosing lambda or local function that is not a
    /// <c>Response.OnStarting</c> callback (those write the same response as the code around them), else the block's root.
    /// </summary>
    public IOperation Scope { get; }

    public Location Location => Operation.Syntax.GetLocation();

    public int Position => Operation.Syntax.SpanStart;

    public bool Is(string header) => string.Equals(Name, header, StringComparison.OrdinalIgnoreCase);

    public bool IsCors => Name.StartsWith(HeaderModel.AccessControlPrefix, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The hand-written CORS header writes of one operation block, and the origin data flow to judge their values.</summary>
internal sealed class HeaderModel
{
    public const string AccessControlPrefix = "Access-Control-";
    public const string AllowOrigin = "Access-Control-Allow-Origin";
    public const string AllowCredentials = "Access-Control-Allow-Credentials";
    public const string Vary = "Vary";
    public const string Origin = "Origin";

    public HeaderModel(IReadOnlyList<HeaderWrite> writes, OriginFlow flow)
    {
        Writes = writes;
        Flow = flow;
    }

    /// <summary>Every write, in source order.</summary>
    public IReadOnlyList<HeaderWrite> Writes { get; }

    public OriginFlow Flow { get; }

    /// <summary>The writes grouped by <see cref="HeaderWrite.Scope"/>, each group in source order.</summary>
    public IEnumerable<IReadOnlyList<HeaderWrite>> Scopes()
    {
        var groups = new Dictionary<IOperation, List<HeaderWrite>>();
        var order = new List<IOperation>();
        foreach (var write in Writes)
        {
            if (!groups.TryGetValue(write.Scope, out var list))
            {
                groups[write.Scope] = list = new List<HeaderWrite>();
                order.Add(write.Scope);
            }

            list.Add(write);
        }

        foreach (var scope in order)
        {
            yield return groups[scope];
        }
    }

    /// <summary>"*" written as a constant.</summary>
    public static bool IsWildcard(IOperation? value) => value?.ConstantValue is { HasValue: true, Value: "*" };

    /// <summary>"true" in any case, <c>bool.TrueString</c> or <c>true.ToString()</c>.</summary>
    public static bool IsTrue(IOperation? value) => value switch
    {
        { ConstantValue: { HasValue: true, Value: string text } } => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase),
        Microsoft.CodeAnalysis.Operations.IFieldReferenceOperation { Field: { Name: "TrueString", ContainingType.SpecialType: SpecialType.System_Boolean } } => true,
        Microsoft.CodeAnalysis.Operations.IInvocationOperation { TargetMethod.Name: "ToString", Arguments.Length: 0, Instance.ConstantValue: { HasValue: true, Value: true } } => true,
        _ => false,
    };
}

/// <summary>Branch facts shared by the header rules.</summary>
internal static class HeaderBranches
{
    /// <summary>
    /// The two operations sit in opposite branches of one <c>if</c>/<c>?:</c>, or in different sections of one switch,
    /// so no single run executes both.
    /// </summary>
    public static bool Exclusive(IOperation a, IOperation b)
    {
        var pathOfA = new Dictionary<IOperation, IOperation>();
        for (IOperation child = a, parent = a.Parent!; parent is not null; child = parent, parent = parent.Parent!)
        {
            pathOfA[parent] = child;
        }

        for (IOperation child = b, parent = b.Parent!; parent is not null; child = parent, parent = parent.Parent!)
        {
            if (!pathOfA.TryGetValue(parent, out var childOfA))
            {
                continue;
            }

            return parent switch
            {
                Microsoft.CodeAnalysis.Operations.IConditionalOperation conditional =>
                    (childOfA == conditional.WhenTrue && child == conditional.WhenFalse) || (childOfA == conditional.WhenFalse && child == conditional.WhenTrue),
                Microsoft.CodeAnalysis.Operations.ISwitchOperation => childOfA != child,
                Microsoft.CodeAnalysis.Operations.ISwitchExpressionOperation => childOfA != child,
                _ => false,
            };
        }

        return false;
    }
}
