using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Policies;

/// <summary>Where a policy comes into being; decides what happens at runtime when it is invalid.</summary>
internal enum PolicyEntry
{
    /// <summary><c>CorsOptions.AddPolicy(name, b => ...)</c>: built while the CORS service is created, at startup.</summary>
    AddPolicy,

    /// <summary><c>CorsOptions.AddDefaultPolicy(b => ...)</c>: as <see cref="AddPolicy"/>.</summary>
    AddDefaultPolicy,

    /// <summary><c>app.UseCors(b => ...)</c>: built by the UseCors call itself.</summary>
    UseCors,

    /// <summary><c>endpoints.RequireCors(b => ...)</c>: built by the RequireCors call itself.</summary>
    RequireCors,

    /// <summary><c>new CorsPolicyBuilder(...)</c>: built where <c>Build()</c> is called.</summary>
    Builder,

    /// <summary><c>new CorsPolicy { ... }</c>: never built; evaluated on each request.</summary>
    PolicyObject,

    /// <summary>A helper's <c>CorsPolicyBuilder</c>/<c>CorsPolicy</c> parameter: only a summary spliced into its callers.</summary>
    Parameter,
}

internal enum StepKind
{
    WithOrigins,
    AllowAnyOrigin,
    SetIsOriginAllowed,
    SetIsOriginAllowedToAllowWildcardSubdomains,
    AllowCredentials,
    DisallowCredentials,
    WithMethods,
    AllowAnyMethod,
    WithHeaders,
    AllowAnyHeader,
    WithExposedHeaders,
    SetPreflightMaxAge,
    Build,

    /// <summary><c>policy.SupportsCredentials = value</c> on a hand-built <c>CorsPolicy</c>.</summary>
    SetSupportsCredentials,

    /// <summary><c>policy.Origins.Add(value)</c> or an <c>Origins = { ... }</c> initializer element.</summary>
    AddOrigin,

    /// <summary><c>policy.Origins.Clear()</c>.</summary>
    ClearOrigins,

    /// <summary><c>policy.Methods.Add(value)</c> or a <c>Methods = { ... }</c> initializer element.</summary>
    AddMethod,

    /// <summary><c>policy.Headers.Add(value)</c> or a <c>Headers = { ... }</c> initializer element.</summary>
    AddHeader,

    /// <summary><c>policy.ExposedHeaders.Add(value)</c>.</summary>
    AddExposedHeader,

    /// <summary><c>policy.Methods.Clear()</c>.</summary>
    ClearMethods,

    /// <summary><c>policy.Headers.Clear()</c>.</summary>
    ClearHeaders,

    /// <summary>The builder or policy is handed to a method of the app's own code: its summary is spliced in.</summary>
    Helper,

    /// <summary>The builder or policy escapes to code the model cannot follow: afterwards anything may hold.</summary>
    Unknown,
}

/// <summary>Where a policy is reached: only under a development check, certainly in production, or not known here.</summary>
internal enum PolicyEnvironment
{
    /// <summary>Depends on callers not seen yet (a helper method); settled at compilation end.</summary>
    Unknown,

    /// <summary>Reached outside development (an entry point, or a caller that is).</summary>
    Production,

    /// <summary>Only reached under <c>IsDevelopment()</c> (or an equivalent check).</summary>
    Development,
}

/// <summary>One value in a list of origins, methods or headers: a constant, or unknown (with the configuration key if it is read from one).</summary>
internal sealed class ValueFact
{
    public ValueFact(string? text, Location location, string? configurationKey = null, IOperation? operation = null)
    {
        Text = text;
        Location = location;
        ConfigurationKey = configurationKey;
        Operation = operation;
    }

    /// <summary>The constant value, or null when it is not known at compile time.</summary>
    public string? Text { get; }

    /// <summary>The expression that holds the value: the literal itself where the value is written in code.</summary>
    public Location Location { get; }

    /// <summary>The configuration key the value is read from (<c>config["Cors:Origin"]</c>), when it is one.</summary>
    public string? ConfigurationKey { get; }

    /// <summary>The expression, when it is in the analysed block (null for values read from a field initializer elsewhere).</summary>
    public IOperation? Operation { get; }
}

/// <summary>A branch that a step sits in, relative to the policy's own scope: the owning statement and which arm.</summary>
internal readonly struct Guard
{
    public Guard(IOperation owner, int arm)
    {
        Owner = owner;
        Arm = arm;
    }

    public IOperation Owner { get; }

    /// <summary>Arm index; the owner's arm count is <see cref="PolicyCollector.ArmCount"/>.</summary>
    public int Arm { get; }
}

/// <summary>One operation on a builder or hand-built policy, in execution order.</summary>
internal sealed class PolicyStep
{
    public PolicyStep(StepKind kind, IOperation operation, Location location, ImmutableArray<Guard> guards)
    {
        Kind = kind;
        Operation = operation;
        Location = location;
        Guards = guards;
    }

    public StepKind Kind { get; }

    /// <summary>The invocation, assignment or reference that performs the step.</summary>
    public IOperation Operation { get; }

    /// <summary>The step's precise span: the method name and its arguments in a chain, or the assignment.</summary>
    public Location Location { get; }

    public ImmutableArray<Guard> Guards { get; }

    /// <summary>Origins, methods or headers the step adds; default when not known (e.g. an array from configuration).</summary>
    public ImmutableArray<ValueFact> Values { get; init; }

    /// <summary>The step's first argument (a predicate, a TimeSpan, the array passed to WithOrigins) or the assigned value.</summary>
    public IOperation? Argument { get; init; }

    /// <summary>The configuration key a whole list is read from (<c>GetSection("Cors:Origins").Get&lt;string[]&gt;()</c>).</summary>
    public string? ConfigurationKey { get; init; }

    /// <summary>The value assigned by <see cref="StepKind.SetSupportsCredentials"/>; null when not constant.</summary>
    public bool? BoolValue { get; init; }

    /// <summary>For <see cref="StepKind.Helper"/>: the helper and which of its parameters receives the builder.</summary>
    public IMethodSymbol? Helper { get; init; }

    public int HelperParameter { get; init; }

    /// <summary>For <see cref="StepKind.Helper"/>: later steps act on the helper's return value, assumed to be its parameter.</summary>
    public bool HelperResultIsBuilder { get; init; }

    public int Order => Operation.Syntax.Span.End;

    /// <summary>
    /// Where to report a value of this step: the value itself when it is written in the step (a literal, a constant's
    /// name), otherwise (an element of a <c>static readonly</c> array declared elsewhere) the step, so that a diagnostic
    /// stays inside the analysed block.
    /// </summary>
    public Location ReportLocation(ValueFact value) =>
        value.Location.SourceTree == Operation.Syntax.SyntaxTree && Operation.Syntax.Span.Contains(value.Location.SourceSpan) ? value.Location : Location;

    public PolicyStep WithGuards(ImmutableArray<Guard> guards) => As(Kind, guards);

    public PolicyStep As(StepKind kind, ImmutableArray<Guard> guards) => new(kind, Operation, Location, guards)
    {
        Values = Values,
        Argument = Argument,
        ConfigurationKey = ConfigurationKey,
        BoolValue = BoolValue,
        Helper = Helper,
        HelperParameter = HelperParameter,
        HelperResultIsBuilder = HelperResultIsBuilder,
    };
}

/// <summary>Everything one block says about one builder or hand-built policy.</summary>
internal sealed class PolicyFragment
{
    public PolicyFragment(PolicyEntry entry, bool isPolicyObject, Location location)
    {
        Entry = entry;
        IsPolicyObject = isPolicyObject;
        Location = location;
    }

    public PolicyEntry Entry { get; }

    /// <summary>A hand-built <c>CorsPolicy</c> rather than a <c>CorsPolicyBuilder</c>.</summary>
    public bool IsPolicyObject { get; }

    /// <summary>Where the policy starts: the lambda, the object creation or the parameter.</summary>
    public Location Location { get; }

    /// <summary>The name given to <c>AddPolicy</c>, when it is a compile-time constant.</summary>
    public string? Name { get; set; }

    /// <summary>The name argument of <c>AddPolicy</c>, for rules that point at it.</summary>
    public Location? NameLocation { get; set; }

    /// <summary>Where the policy is reached, as far as its own block can tell.</summary>
    public PolicyEnvironment Environment { get; set; }

    /// <summary>The method whose body holds the policy; its callers decide <see cref="PolicyEnvironment.Unknown"/>.</summary>
    public IMethodSymbol? OwningMethod { get; set; }

    public List<PolicyStep> Steps { get; } = new();

    public bool HasHelpers
    {
        get
        {
            foreach (var step in Steps)
            {
                if (step.Kind == StepKind.Helper)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>How the policy is named in diagnostic messages.</summary>
    public string DisplayName => Entry switch
    {
        PolicyEntry.AddPolicy => Name is null ? "The CORS policy added here" : $"CORS policy '{Name}'",
        PolicyEntry.AddDefaultPolicy => "The default CORS policy",
        PolicyEntry.UseCors => "The CORS policy passed to UseCors",
        PolicyEntry.RequireCors => "The CORS policy passed to RequireCors",
        PolicyEntry.PolicyObject => "This CorsPolicy",
        _ => "This CorsPolicyBuilder",
    };
}

/// <summary>What a helper method does to a builder or policy parameter.</summary>
internal sealed class HelperSummary
{
    public HelperSummary(PolicyFragment fragment, bool returnsParameter)
    {
        Fragment = fragment;
        ReturnsParameter = returnsParameter;
    }

    public PolicyFragment Fragment { get; }

    /// <summary>Every return statement returns the parameter itself (the fluent-extension shape).</summary>
    public bool ReturnsParameter { get; }
}
