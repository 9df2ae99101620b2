using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.Pipeline;

/// <summary>One app's pipeline with the app's own helpers spliced in, as one environment runs it.</summary>
internal sealed class PipelineView
{
    public PipelineView(PipelineRoot root, ImmutableArray<PipelineEvent> events, HostEnvironment environment, bool complete)
    {
        Root = root;
        Events = events;
        Environment = environment;
        Complete = complete;
    }

    public PipelineRoot Root { get; }

    public ImmutableArray<PipelineEvent> Events { get; }

    /// <summary><see cref="HostEnvironment.ProductionOnly"/> (every environment but development) or <see cref="HostEnvironment.DevelopmentOnly"/>.</summary>
    public HostEnvironment Environment { get; }

    /// <summary>Every call is known: no library or delegate may have added middleware the model cannot see.</summary>
    public bool Complete { get; }

    public IEnumerable<PipelineEvent> OfKind(MiddlewareKind kind) => Events.Where(e => e.Kind == kind);

    public static IEnumerable<PipelineView> Of(PipelineRoot root, System.Func<PipelineHelperKey, PipelineRoot?> helpers)
    {
        var expanded = ImmutableArray.CreateBuilder<PipelineEvent>();
        var complete = Expand(root, ImmutableArray<Branch>.Empty, HostEnvironment.Any, helpers, 0, expanded);
        foreach (var environment in new[] { HostEnvironment.ProductionOnly, HostEnvironment.DevelopmentOnly })
        {
            var events = expanded.Where(e => e.RunsIn(environment)).ToImmutableArray();
            yield return new PipelineView(root, events, environment, complete && !events.Any(e => e.Kind is MiddlewareKind.Opaque or MiddlewareKind.ThirdParty));
        }
    }

    private static bool Expand(PipelineRoot root, ImmutableArray<Branch> outer, HostEnvironment environment, System.Func<PipelineHelperKey, PipelineRoot?> helpers, int depth, ImmutableArray<PipelineEvent>.Builder result)
    {
        var complete = true;
        foreach (var e in root.Events)
        {
            var placed = outer.IsEmpty && environment == HostEnvironment.Any ? e : e.Within(outer, environment);
            if (e.Kind != MiddlewareKind.Helper)
            {
                result.Add(placed);
                continue;
            }

            var helper = e.Helper is null || depth >= 8 ? null : helpers(new PipelineHelperKey(e.Helper, e.HelperParameter));
            if (helper is null || helper == root)
            {
                complete = false;
                result.Add(new PipelineEvent(MiddlewareKind.Opaque, placed.Operation, placed.Location, placed.Branches, placed.Environment));
                continue;
            }

            complete &= Expand(helper, placed.Branches, placed.Environment, helpers, depth + 1, result);
        }

        return complete;
    }

    /// <summary>
    /// Where UseCors belongs relative to the others: after the last explicit UseRouting, before the first authentication,
    /// authorization, caching or endpoint middleware after it. Null when the pipeline has no such place (e.g. authorization
    /// before routing). <paramref name="before"/> tells whether to go before the returned event or after it.
    /// </summary>
    public PipelineEvent? CorsPlace(bool forInsertion, out bool before)
    {
        before = true;
        var routing = -1;
        for (var i = 0; i < Events.Length; i++)
        {
            if (Events[i].Kind == MiddlewareKind.Routing)
            {
                routing = i;
            }
        }

        for (var i = 0; i < Events.Length; i++)
        {
            var kind = Events[i].Kind;
            var mustFollowCors = kind is MiddlewareKind.Authentication or MiddlewareKind.Authorization or MiddlewareKind.Caching or MiddlewareKind.Endpoints or MiddlewareKind.Terminal
                || (forInsertion && kind is MiddlewareKind.MapEndpoints or MiddlewareKind.HostRun or MiddlewareKind.Mvc);
            if (!mustFollowCors)
            {
                continue;
            }

            if (i < routing && kind is not (MiddlewareKind.MapEndpoints or MiddlewareKind.HostRun))
            {
                return null; // e.g. UseAuthorization before UseRouting: no single right place
            }

            if (i > routing)
            {
                return Events[i];
            }
        }

        if (routing >= 0)
        {
            before = false;
            return Events[routing];
        }

        return null;
    }
}

/// <summary>Everything the compilation says about its pipelines, services and endpoints: the input of the compilation-end rules.</summary>
internal sealed class PipelineProgram
{
    private readonly Dictionary<PipelineHelperKey, PipelineRoot> _helpers = new();

    public PipelineProgram(PipelineSymbols symbols, IEnumerable<BlockPipelineFacts> blocks)
    {
        Symbols = symbols;
        var entries = new List<PipelineRoot>();
        foreach (var block in blocks)
        {
            entries.AddRange(block.Entries);
            foreach (var helper in block.Helpers)
            {
                _helpers[helper.Key] = helper.Value;
            }

            UseCorsCalls.AddRange(block.UseCorsCalls);
            UnknownPipeline |= block.UnknownPipeline;
            Services.AddRange(block.Services);
            UnknownServices |= block.UnknownServices;
            ServiceAnchors.AddRange(block.ServiceAnchors);
            Metadata.AddRange(block.Metadata);
            Authorizes |= block.Authorizes;
            Definitions.AddRange(block.Definitions);
            UnknownPolicyNames |= block.UnknownPolicyNames;
            UsesCorsServices |= block.UsesCorsServices;
            ControllerConventions.AddRange(block.ControllerConventions);
            Hubs.AddRange(block.Hubs);
        }

        // A Startup-style Configure that the app's own code calls is a helper of that caller, not a pipeline of its own.
        var called = new HashSet<PipelineHelperKey>();
        foreach (var root in _helpers.Values.Concat(entries))
        {
            foreach (var e in root.Events)
            {
                if (e.Kind == MiddlewareKind.Helper && e.Helper is not null)
                {
                    called.Add(new PipelineHelperKey(e.Helper, e.HelperParameter));
                }
            }
        }

        foreach (var entry in entries)
        {
            if (entry.Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol method } parameter && called.Contains(new PipelineHelperKey(method, parameter.Ordinal)))
            {
                continue;
            }

            Entries.Add(entry);
        }

        Entries.Sort((a, b) => Compare(a.Symbol.Locations.FirstOrDefault(), b.Symbol.Locations.FirstOrDefault()));
        Views = Entries.SelectMany(e => PipelineView.Of(e, Helper)).ToImmutableArray();
    }

    public PipelineSymbols Symbols { get; }

    public List<PipelineRoot> Entries { get; } = new();

    public ImmutableArray<PipelineView> Views { get; }

    public List<Location> UseCorsCalls { get; } = new();

    public bool UnknownPipeline { get; }

    public List<ServiceFact> Services { get; } = new();

    public bool UnknownServices { get; }

    public List<ServiceAnchor> ServiceAnchors { get; } = new();

    public List<CorsMetadata> Metadata { get; } = new();

    public bool Authorizes { get; }

    public List<PolicyDefinition> Definitions { get; } = new();

    public bool UnknownPolicyNames { get; }

    public bool UsesCorsServices { get; }

    public List<Location> ControllerConventions { get; } = new();

    public List<HubMapping> Hubs { get; } = new();

    /// <summary>Adds the policies one block builds (for rules that need a policy's content).</summary>
    public void AddPolicies(CorsAnalyzers.Policies.BlockPolicies policies)
    {
        PolicyFragments.AddRange(policies.Policies);
        foreach (var summary in policies.Summaries)
        {
            PolicySummaries[summary.Key] = summary.Value;
        }
    }

    public List<CorsAnalyzers.Policies.PolicyFragment> PolicyFragments { get; } = new();

    public Dictionary<CorsAnalyzers.Policies.HelperKey, CorsAnalyzers.Policies.HelperSummary> PolicySummaries { get; } = new();

    /// <summary>
    /// The compilation holds the app's pipeline and the model sees all of it: at least one entry, every entry complete
    /// in production, no pipeline built through a delegate. Rules about something missing only speak then.
    /// </summary>
    public bool PipelinesKnown => Entries.Count > 0 && !UnknownPipeline && Views.Where(v => v.Environment == HostEnvironment.ProductionOnly).All(v => v.Complete);

    public bool HasService(ServiceKind kind) => Services.Any(s => s.Kind == kind);

    public PipelineRoot? Helper(PipelineHelperKey key) => _helpers.TryGetValue(key, out var root) ? root : null;

    public IEnumerable<PipelineView> Production => Views.Where(v => v.Environment == HostEnvironment.ProductionOnly);

    /// <summary>Where a fix adds a service registration: after the last registration of the first list that has one, else before <c>builder.Build()</c>.</summary>
    public ServiceAnchor? ServiceAnchor()
    {
        var registrations = ServiceAnchors.Where(a => a.InsertAfter).OrderBy(a => a.Statement.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(a => a.Statement.SourceSpan.Start).ToList();
        if (registrations.Count > 0)
        {
            var first = registrations[0];
            var parent = Statement(first.Statement)?.Parent;
            return registrations.Last(a => a.Statement.SourceTree == first.Statement.SourceTree && Statement(a.Statement)?.Parent == parent && a.Receiver == first.Receiver);
        }

        return ServiceAnchors.FirstOrDefault(a => !a.InsertAfter);
    }

    private static SyntaxNode? Statement(Location location)
    {
        var node = location.SourceTree?.GetRoot().FindNode(location.SourceSpan);
        return node is StatementSyntax { Parent: GlobalStatementSyntax global } ? global : node;
    }

    private static int Compare(Location? a, Location? b)
    {
        var byFile = string.CompareOrdinal(a?.SourceTree?.FilePath, b?.SourceTree?.FilePath);
        return byFile != 0 ? byFile : (a?.SourceSpan.Start ?? 0).CompareTo(b?.SourceSpan.Start ?? 0);
    }
}
