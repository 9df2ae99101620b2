using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Endpoints;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS012: a policy with origins allows no method beyond GET/HEAD/POST while the app maps PUT/PATCH/DELETE
/// endpoints it certainly applies to, or no request header while those endpoints take JSON bodies. Such a policy
/// sends no Access-Control-Allow-Methods / -Headers on the preflight, so the browser blocks the real request.
/// </summary>
internal static class CORS012PolicyBlocksPreflightedRequests
{
    public const string Id = RuleIds.PolicyBlocksPreflightedRequests;

    /// <summary>Diagnostic property: <see cref="MethodsKind"/> or <see cref="HeadersKind"/>.</summary>
    public const string KindProperty = "Kind";

    /// <summary>Diagnostic property: what to allow, comma-separated (<c>PUT,DELETE</c> or <c>Content-Type</c>).</summary>
    public const string ValuesProperty = "Values";

    public const string MethodsKind = "Methods";
    public const string HeadersKind = "Headers";

    private const int EndpointsNamed = 3;

    private const string Title = "Policy blocks the app's own preflighted requests";
    private const string MessageFormat = "{0} allows no {1}: preflight requests for {2} get {3}, so the browser blocks them; add {4}";
    private const string Description =
        "A policy that only lists origins sends no Access-Control-Allow-Methods and no Access-Control-Allow-Headers. Browsers send a " +
        "preflight before PUT, PATCH and DELETE and before a 'Content-Type: application/json' body, and reject the real request when " +
        "the preflight response does not allow its method or headers. GET, HEAD and POST with simple headers need no preflight.";

    private static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        Title,
        MessageFormat,
        RuleIds.UsageCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIds.HelpLink(Id));

    public static readonly RuleDescriptors Descriptors = new(Descriptor);

    public static readonly PolicyRule Rule = new(Descriptors, Check, needsEndpoints: true);

    private static readonly string[] PreflightedMethods = { "PUT", "PATCH", "DELETE" };

    private static void Check(PolicyContext context)
    {
        if (context.Endpoints is not { Count: > 0 } endpoints || context.EndpointModel is not { } model)
        {
            return;
        }

        var methodsBlocked = false;
        var someMethodsListed = false;
        var headersBlocked = false;
        foreach (var state in context.States)
        {
            if (!HasOrigins(context, state))
            {
                continue;
            }

            if (state.Methods is { } methods && methods.All(m => m.Text is { } text && EndpointCollector.IsSimpleMethod(text.ToUpperInvariant())))
            {
                methodsBlocked = true;
                someMethodsListed |= methods.Count > 0;
            }

            headersBlocked |= state.Headers is { Count: 0 };
        }

        var ordered = endpoints.OrderBy(e => e.Route, System.StringComparer.Ordinal).ThenBy(e => string.Join(",", e.Methods), System.StringComparer.Ordinal).ToList();
        if (methodsBlocked)
        {
            var needed = PreflightedMethods.Where(m => ordered.Any(e => e.Methods.Contains(m))).ToList();
            if (needed.Count > 0)
            {
                var requests = ordered.SelectMany(e => e.Methods.Where(needed.Contains).Select(m => $"{m} {e.Route}")).Distinct().ToList();
                Report(
                    context,
                    MethodsKind,
                    needed,
                    Or(needed),
                    Requests(requests),
                    someMethodsListed ? $"an Access-Control-Allow-Methods without {Or(needed)}" : "no Access-Control-Allow-Methods",
                    $"WithMethods({string.Join(", ", needed.Select(m => $"\"{m}\""))})");
            }
        }

        if (headersBlocked)
        {
            var requests = ordered.Where(model.TakesJsonBody)
                .SelectMany(e => e.Methods.Where(m => m is not ("GET" or "HEAD")).Select(m => $"{m} {e.Route}"))
                .Distinct().ToList();
            if (requests.Count > 0)
            {
                Report(
                    context,
                    HeadersKind,
                    new[] { "Content-Type" },
                    "request headers",
                    Requests(requests) + " with a JSON body",
                    "no Access-Control-Allow-Headers for Content-Type",
                    "WithHeaders(\"Content-Type\")");
            }
        }
    }

    /// <summary>The policy allows some origin: a known non-empty list, an origin predicate, or origins read at runtime.</summary>
    private static bool HasOrigins(PolicyContext context, PolicyState state)
    {
        if (state.Origins is { Count: > 0 } || state.OriginPredicate is not null)
        {
            return true;
        }

        return state.Origins is null && context.Steps.Any(s => s.Kind is StepKind.WithOrigins or StepKind.AddOrigin && s.Values.IsDefault);
    }

    private static string Or(List<string> values) =>
        values.Count == 1 ? values[0] : $"{string.Join(", ", values.Take(values.Count - 1))} or {values[values.Count - 1]}";

    private static string Requests(List<string> requests) =>
        requests.Count <= EndpointsNamed
            ? string.Join(", ", requests)
            : $"{string.Join(", ", requests.Take(EndpointsNamed))} and {requests.Count - EndpointsNamed} more";

    private static void Report(PolicyContext context, string kind, IEnumerable<string> values, string what, string requests, string response, string fix)
    {
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(KindProperty, kind)
            .Add(ValuesProperty, string.Join(",", values));
        context.Report(Diagnostic.Create(
            context.Descriptor(Descriptors),
            Location(context),
            properties,
            context.Policy.DisplayName,
            what,
            requests,
            response,
            fix));
    }

    /// <summary>The policy's first WithOrigins call (or the origins of <c>new CorsPolicyBuilder(...)</c>), else where the policy starts.</summary>
    private static Location Location(PolicyContext context)
    {
        foreach (var step in context.Policy.Steps)
        {
            if (step.Kind == StepKind.WithOrigins && step.Operation.Syntax.SyntaxTree == context.Policy.Location.SourceTree)
            {
                return step.Location;
            }
        }

        return context.Policy.NameLocation ?? context.Policy.Location;
    }
}
