using System;
using System.Collections.Immutable;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS011: a standard HTTP method allowed in lower or mixed case (<c>WithMethods("put")</c>, <c>Methods.Add("Delete")</c>).
/// ASP.NET Core sends it as written in Access-Control-Allow-Methods, and browsers compare that list case-sensitively
/// with the upper-case request method, so the preflight of a PUT/DELETE/PATCH request fails.
/// </summary>
internal static class CORS011HttpMethodNotUpperCase
{
    public const string Id = RuleIds.MethodNotUpperCase;

    /// <summary>Diagnostic property: the method in upper case (<c>PUT</c>).</summary>
    public const string MethodProperty = "Method";

    /// <summary>Diagnostic property: the <c>HttpMethods</c> field for it (<c>Put</c>).</summary>
    public const string FieldProperty = "Field";

    private const string Title = "HTTP method not upper-case";
    private const string MessageFormat =
        "{0} allows HTTP method '{1}', which ASP.NET Core sends as written in Access-Control-Allow-Methods; browsers compare it " +
        "case-sensitively with the request method '{2}', {3}. Write '{2}' or HttpMethods.{4}.";
    private const string Description =
        "CorsPolicyBuilder.WithMethods and CorsPolicy.Methods keep the case they are given, and the CORS middleware copies them into " +
        "Access-Control-Allow-Methods. Browsers match that header case-sensitively against the method of the actual request, which " +
        "fetch upper-cases for DELETE, GET, HEAD, OPTIONS, POST and PUT and which clients send as PATCH, so 'put' never allows a PUT.";

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

    private static readonly ImmutableDictionary<string, string> Fields = ImmutableDictionary.CreateRange(new[]
    {
        Pair("GET", "Get"),
        Pair("HEAD", "Head"),
        Pair("POST", "Post"),
        Pair("PUT", "Put"),
        Pair("DELETE", "Delete"),
        Pair("PATCH", "Patch"),
        Pair("OPTIONS", "Options"),
        Pair("TRACE", "Trace"),
        Pair("CONNECT", "Connect"),
    });

    private static void Check(PolicyContext context)
    {
        foreach (var step in context.Steps)
        {
            if (step.Kind is not (StepKind.WithMethods or StepKind.AddMethod) || step.Values.IsDefault)
            {
                continue;
            }

            foreach (var value in step.Values)
            {
                if (value.Text is not { } text)
                {
                    continue;
                }

                var upper = text.ToUpperInvariant();
                if (upper == text || !Fields.TryGetValue(upper, out var field))
                {
                    continue;
                }

                context.Report(Diagnostic.Create(
                    context.Descriptor(Descriptors),
                    step.ReportLocation(value),
                    ImmutableArray.Create(step.Location),
                    ImmutableDictionary<string, string?>.Empty.Add(MethodProperty, upper).Add(FieldProperty, field),
                    context.Policy.DisplayName,
                    text,
                    upper,
                    Symptom(upper),
                    field));
            }
        }
    }

    private static string Symptom(string method) => method switch
    {
        // CORS-safelisted methods pass a preflight whatever Access-Control-Allow-Methods says.
        "GET" or "HEAD" or "POST" => $"so this entry allows nothing ({method} passes only because it is a CORS-safelisted method)",
        "TRACE" or "CONNECT" => "so this entry never matches",
        _ => $"so the preflight of every {method} request fails and the browser blocks it",
    };

    private static System.Collections.Generic.KeyValuePair<string, string> Pair(string method, string field) => new(method, field);
}
