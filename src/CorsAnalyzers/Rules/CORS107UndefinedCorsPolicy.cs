using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS107: <c>UseCors("X")</c>, <c>RequireCors("X")</c> or <c>[EnableCors("X")]</c> names a policy no <c>AddPolicy</c>
/// defines (ordinal), or <c>[EnableCors]</c> / a lone <c>UseCors()</c> relies on a default policy nobody defines.
/// </summary>
internal static class CORS107UndefinedCorsPolicy
{
    public const string Id = RuleIds.UndefinedCorsPolicy;

    private const string Title = "Undefined CORS policy";
    private const string MessageFormat =
        "{0}: the CORS middleware logs 'No CORS policy found for the specified request' and adds no CORS headers, so the browser blocks the response{1}";
    private const string Description =
        "Policy names are looked up with an ordinal (case-sensitive) comparison. A missing policy is not an error: the request continues without CORS headers, " +
        "and when the missing policy comes from endpoint metadata the preflight even runs the endpoint's handler.";

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: true);

    public static void Check(PipelineProgram program, Action<Diagnostic> report)
    {
        // The compilation must hold the app and its service registrations, where the policies are defined.
        if (program.Entries.Count == 0 || (program.ServiceAnchors.Count == 0 && program.Services.Count == 0)
            || program.UnknownPolicyNames || program.UnknownServices)
        {
            return;
        }

        var names = program.Definitions.Where(d => !d.IsDefault && d.Name is not null).Select(d => d.Name!).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var hasDefault = program.Definitions.Any(d => d.IsDefault);
        var uses = new List<(PolicyUse Use, string What)>();
        var seen = new HashSet<Location>();
        foreach (var cors in program.Views.SelectMany(v => v.OfKind(MiddlewareKind.UseCors)))
        {
            if (cors.Policy is { } policy && seen.Add(cors.Location))
            {
                uses.Add((policy, "UseCors()"));
            }
        }

        foreach (var metadata in program.Metadata)
        {
            if (metadata.Policy is { } policy)
            {
                uses.Add((policy, metadata.Kind == MetadataKind.EnableCors ? "[EnableCors]" : "RequireCors"));
            }
        }

        foreach (var (use, what) in uses)
        {
            switch (use.Kind)
            {
                case PolicyUseKind.Named when !names.Contains(use.Name!, StringComparer.Ordinal):
                    var closest = Closest(use.Name!, names);
                    var properties = closest is not null && use.NameIsLiteral
                        ? ImmutableDictionary<string, string?>.Empty.Add(PipelineFix.Kind, PipelineFix.Rename).Add(PipelineFix.Text, closest)
                        : ImmutableDictionary<string, string?>.Empty;
                    report(Diagnostic.Create(
                        CompilationEndRule,
                        use.Location,
                        properties,
                        $"No CORS policy named '{use.Name}' is defined (names are case-sensitive)",
                        closest is null ? string.Empty : $"; did you mean '{closest}'?"));
                    break;

                // A lone UseCors() is the usual companion of endpoint metadata, which brings its own policies.
                case PolicyUseKind.Default when !hasDefault && (what != "UseCors()" || program.Metadata.Count == 0):
                    report(Diagnostic.Create(
                        CompilationEndRule,
                        use.Location,
                        $"{what} without a policy name uses the default CORS policy, but no AddDefaultPolicy defines one",
                        string.Empty));
                    break;
            }
        }
    }

    /// <summary>The defined name to suggest: one equal but for case, else the unique nearest by edit distance (within a third of the length).</summary>
    public static string? Closest(string name, IReadOnlyList<string> names)
    {
        var ignoringCase = names.Where(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (ignoringCase.Count > 0)
        {
            return ignoringCase[0];
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var candidate in names)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance, tie) = (candidate, distance, false);
            }
            else if (distance == bestDistance)
            {
                tie = true;
            }
        }

        return best is not null && !tie && bestDistance <= Math.Max(1, Math.Max(name.Length, best.Length) / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
