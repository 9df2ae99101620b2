using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Policies;

/// <summary>A rule's two descriptors: one reported at the end of a block (live in the IDE), one at compilation end.</summary>
internal sealed class RuleDescriptors
{
    /// <param name="block">The rule's descriptor, written out in the rule's file so release tracking (RS2000-RS2008) sees it.</param>
    public RuleDescriptors(DiagnosticDescriptor block)
    {
        Block = block;
        CompilationEnd = new DiagnosticDescriptor(
            block.Id,
            block.Title,
            block.MessageFormat,
            block.Category,
            block.DefaultSeverity,
            block.IsEnabledByDefault,
            block.Description,
            block.HelpLinkUri,
            WellKnownDiagnosticTags.CompilationEnd);
    }

    public DiagnosticDescriptor Block { get; }

    public DiagnosticDescriptor CompilationEnd { get; }

    public string Id => Block.Id;
}

/// <summary>A policy rule: its descriptors, whether it needs to know where the policy runs, and its check.</summary>
internal sealed class PolicyRule
{
    public PolicyRule(RuleDescriptors descriptors, System.Action<PolicyContext> check, bool needsEnvironment = false, bool needsEndpoints = false)
    {
        Descriptors = descriptors;
        Check = check;
        NeedsEnvironment = needsEnvironment;
        NeedsEndpoints = needsEndpoints;
    }

    public RuleDescriptors Descriptors { get; }

    public System.Action<PolicyContext> Check { get; }

    /// <summary>The rule depends on <see cref="PolicyContext.Environment"/>, which for helpers is only settled at compilation end.</summary>
    public bool NeedsEnvironment { get; }

    /// <summary>The rule reads <see cref="PolicyContext.Endpoints"/>, which are only known at compilation end.</summary>
    public bool NeedsEndpoints { get; }
}

/// <summary>What a rule sees of one policy: its steps (helpers spliced in), every end state, and where it runs.</summary>
internal sealed class PolicyContext
{
    private readonly System.Action<Diagnostic> _report;
    private readonly HashSet<(string, Location, string)> _reported = new();
    private IReadOnlyList<PolicyState>? _states;

    public PolicyContext(PolicyFragment policy, ImmutableArray<PolicyStep> steps, PolicyEnvironment environment, bool isCompilationEnd, CorsSymbols symbols, System.Action<Diagnostic> report)
    {
        Policy = policy;
        Steps = steps;
        Environment = environment;
        IsCompilationEnd = isCompilationEnd;
        Symbols = symbols;
        _report = report;
    }

    public PolicyFragment Policy { get; }

    /// <summary>Every step in execution order, with the steps of helper methods spliced in where they are called.</summary>
    public ImmutableArray<PolicyStep> Steps { get; }

    /// <summary>The policy's end state on each combination of branches its steps sit in (one when there are none).</summary>
    public IReadOnlyList<PolicyState> States => _states ??= new List<PolicyState>(PolicyEvaluator.Paths(Policy.Entry, Steps));

    public PolicyEnvironment Environment { get; }

    public bool IsCompilationEnd { get; }

    public CorsSymbols Symbols { get; }

    /// <summary>
    /// At compilation end, for rules with <see cref="PolicyRule.NeedsEndpoints"/>: the endpoints this policy certainly
    /// applies to (endpoint metadata naming it, or the one unconditional UseCors for endpoints without metadata);
    /// null when not computed.
    /// </summary>
    public IReadOnlyList<Endpoints.EndpointFact>? Endpoints { get; init; }

    /// <summary>The compilation's endpoint facts behind <see cref="Endpoints"/> (registered services, for body inference).</summary>
    public Endpoints.EndpointFacts? EndpointModel { get; init; }

    /// <summary>The project's appsettings files, parsed on first use; null when none is passed as an additional file.</summary>
    public CorsAnalyzers.Configuration.AppSettingsSource? Configuration { get; init; }

    /// <summary>Cancels reading <see cref="Configuration"/>.</summary>
    public System.Threading.CancellationToken CancellationToken { get; init; }

    public DiagnosticDescriptor Descriptor(RuleDescriptors descriptors) => IsCompilationEnd ? descriptors.CompilationEnd : descriptors.Block;

    /// <summary>
    /// Reports once per rule, location and message, however many branch combinations lead to it (a rule may report
    /// two different problems at one location, e.g. CORS012's methods and headers).
    /// </summary>
    public void Report(Diagnostic diagnostic)
    {
        if (_reported.Add((diagnostic.Id, diagnostic.Location, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture))))
        {
            _report(diagnostic);
        }
    }
}
