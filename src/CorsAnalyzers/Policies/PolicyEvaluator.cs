using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace CorsAnalyzers.Policies;

/// <summary>An origin in the policy's list, with the step that put it there.</summary>
internal readonly struct OriginEntry
{
    public OriginEntry(ValueFact value, PolicyStep step)
    {
        Value = value;
        Step = step;
    }

    public ValueFact Value { get; }

    public PolicyStep Step { get; }
}

/// <summary>The policy as it stands after a sequence of steps; null means not known.</summary>
internal sealed class PolicyState
{
    /// <summary>The origins list, or null when something the model cannot see may have changed it.</summary>
    public List<OriginEntry>? Origins { get; set; }

    /// <summary>Whether credentials are supported; null when not known.</summary>
    public bool? Credentials { get; set; }

    /// <summary>The steps that turned credentials on and were not undone since.</summary>
    public List<PolicyStep> CredentialSteps { get; } = new();

    /// <summary>The allowed methods (<c>"*"</c> after AllowAnyMethod), or null when not known.</summary>
    public List<ValueFact>? Methods { get; set; }

    /// <summary>The allowed request headers (<c>"*"</c> after AllowAnyHeader), or null when not known.</summary>
    public List<ValueFact>? Headers { get; set; }

    /// <summary>The step that last set the origin predicate (SetIsOriginAllowed, SetIsOriginAllowedToAllowWildcardSubdomains, IsOriginAllowed =).</summary>
    public PolicyStep? OriginPredicate { get; set; }

    /// <summary>Origin predicate steps that a later predicate step replaced (oldest first); cleared when code the model cannot see runs.</summary>
    public List<PolicyStep> ReplacedOriginPredicates { get; } = new();

    /// <summary>False once code the model cannot see may have replaced the origin predicate.</summary>
    public bool OriginPredicateKnown { get; set; } = true;

    /// <summary>
    /// The origins list decides which origins are allowed: no custom predicate replaced the default ordinal
    /// comparison (SetIsOriginAllowedToAllowWildcardSubdomains still compares each listed origin exactly first).
    /// </summary>
    public bool OriginListDecides => OriginPredicateKnown && (OriginPredicate is null || OriginPredicate.Kind == StepKind.SetIsOriginAllowedToAllowWildcardSubdomains);

    /// <summary>The step that last set the preflight max age.</summary>
    public PolicyStep? MaxAge { get; set; }

    public static PolicyState Initial(PolicyEntry entry) => entry == PolicyEntry.Parameter
        ? new PolicyState { Origins = null, Credentials = null, OriginPredicateKnown = false }
        : new PolicyState { Origins = new List<OriginEntry>(), Credentials = false, Methods = new List<ValueFact>(), Headers = new List<ValueFact>() };
}

/// <summary>
/// Runs a policy's steps: splices in the helpers it calls, then simulates every combination of branches the steps
/// sit in (a policy with no branches has one), handing each resulting state to the rules.
/// </summary>
internal static class PolicyEvaluator
{
    private const int MaxHelperDepth = 8;
    private const int MaxPaths = 64;

    /// <summary>Replaces helper calls by the helpers' steps; returns false when a helper's summary is not available.</summary>
    public static bool TryExpand(PolicyFragment fragment, Func<HelperKey, HelperSummary?> summaries, out ImmutableArray<PolicyStep> steps)
    {
        var builder = ImmutableArray.CreateBuilder<PolicyStep>();
        var complete = Expand(fragment.Steps, ImmutableArray<Guard>.Empty, summaries, 0, builder);
        steps = builder.ToImmutable();
        return complete;
    }

    private static bool Expand(List<PolicyStep> steps, ImmutableArray<Guard> outer, Func<HelperKey, HelperSummary?> summaries, int depth, ImmutableArray<PolicyStep>.Builder result)
    {
        var complete = true;
        foreach (var step in steps)
        {
            var guards = outer.IsEmpty ? step.Guards : outer.AddRange(step.Guards);
            if (step.Kind != StepKind.Helper)
            {
                result.Add(outer.IsEmpty ? step : step.WithGuards(guards));
                continue;
            }

            var summary = step.Helper is null || depth >= MaxHelperDepth ? null : summaries(new HelperKey(step.Helper, step.HelperParameter));
            if (summary is null)
            {
                complete = false;
                result.Add(step.As(StepKind.Unknown, guards));
                continue;
            }

            complete &= Expand(summary.Fragment.Steps, guards, summaries, depth + 1, result);
            if (step.HelperResultIsBuilder && !summary.ReturnsParameter)
            {
                // Later calls act on whatever the helper returned, which may be another builder.
                result.Add(step.As(StepKind.Unknown, guards));
            }
        }

        return complete;
    }

    /// <summary>Every state the policy can end in, one per combination of branches (bounded).</summary>
    public static IEnumerable<PolicyState> Paths(PolicyEntry entry, ImmutableArray<PolicyStep> steps)
    {
        var owners = new List<Microsoft.CodeAnalysis.IOperation>();
        foreach (var step in steps)
        {
            foreach (var guard in step.Guards)
            {
                if (!owners.Contains(guard.Owner))
                {
                    owners.Add(guard.Owner);
                }
            }
        }

        var arms = new int[owners.Count];
        var total = 1;
        for (var i = 0; i < owners.Count; i++)
        {
            arms[i] = PolicyCollector.ArmCount(owners[i]);
            total *= arms[i];
            if (total > MaxPaths)
            {
                yield break; // too many branches to be sure of anything
            }
        }

        var choice = new int[owners.Count];
        for (var path = 0; path < total; path++)
        {
            var rest = path;
            for (var i = 0; i < owners.Count; i++)
            {
                choice[i] = rest % arms[i];
                rest /= arms[i];
            }

            var state = PolicyState.Initial(entry);
            foreach (var step in steps)
            {
                if (Taken(step, owners, choice))
                {
                    Apply(state, step);
                }
            }

            yield return state;
        }
    }

    private static bool Taken(PolicyStep step, List<Microsoft.CodeAnalysis.IOperation> owners, int[] choice)
    {
        foreach (var guard in step.Guards)
        {
            if (choice[owners.IndexOf(guard.Owner)] != guard.Arm)
            {
                return false;
            }
        }

        return true;
    }

    private static void Apply(PolicyState state, PolicyStep step)
    {
        switch (step.Kind)
        {
            case StepKind.WithOrigins:
            case StepKind.AddOrigin:
                if (step.Values.IsDefault)
                {
                    state.Origins = null;
                }
                else if (state.Origins is not null)
                {
                    foreach (var value in step.Values)
                    {
                        state.Origins.Add(new OriginEntry(value, step));
                    }
                }

                break;

            case StepKind.AllowAnyOrigin:
                state.Origins = new List<OriginEntry> { new(new ValueFact("*", step.Location), step) };
                break;

            case StepKind.WithMethods:
            case StepKind.AddMethod:
                state.Methods = Add(state.Methods, step);
                break;

            case StepKind.AllowAnyMethod:
                state.Methods = new List<ValueFact> { new("*", step.Location) };
                break;

            case StepKind.ClearMethods:
                state.Methods = new List<ValueFact>();
                break;

            case StepKind.WithHeaders:
            case StepKind.AddHeader:
                state.Headers = Add(state.Headers, step);
                break;

            case StepKind.AllowAnyHeader:
                state.Headers = new List<ValueFact> { new("*", step.Location) };
                break;

            case StepKind.ClearHeaders:
                state.Headers = new List<ValueFact>();
                break;

            case StepKind.SetIsOriginAllowed:
            case StepKind.SetIsOriginAllowedToAllowWildcardSubdomains:
                if (state.OriginPredicate is { } replaced)
                {
                    state.ReplacedOriginPredicates.Add(replaced);
                }

                state.OriginPredicate = step;
                state.OriginPredicateKnown = true;
                break;

            case StepKind.SetPreflightMaxAge:
                state.MaxAge = step;
                break;

            case StepKind.ClearOrigins:
                state.Origins = new List<OriginEntry>();
                break;

            case StepKind.AllowCredentials:
                SetCredentials(state, step, true);
                break;

            case StepKind.DisallowCredentials:
                SetCredentials(state, step, false);
                break;

            case StepKind.SetSupportsCredentials:
                SetCredentials(state, step, step.BoolValue);
                break;

            case StepKind.Unknown:
            case StepKind.Helper:
                state.Origins = null;
                state.Methods = null;
                state.Headers = null;
                state.OriginPredicate = null;
                state.OriginPredicateKnown = false;
                state.ReplacedOriginPredicates.Clear();
                state.MaxAge = null;
                SetCredentials(state, step, null);
                break;
        }
    }

    private static List<ValueFact>? Add(List<ValueFact>? list, PolicyStep step)
    {
        if (list is null || step.Values.IsDefault)
        {
            return null;
        }

        list.AddRange(step.Values);
        return list;
    }

    private static void SetCredentials(PolicyState state, PolicyStep step, bool? value)
    {
        if (value != true)
        {
            state.CredentialSteps.Clear();
        }
        else
        {
            state.CredentialSteps.Add(step);
        }

        state.Credentials = value;
    }
}
