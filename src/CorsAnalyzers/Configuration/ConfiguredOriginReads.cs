using System.Collections.Generic;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Configuration;

/// <summary>How a policy reads origins from a configuration key.</summary>
internal enum ConfigurationReadForm
{
    /// <summary><c>GetSection("Cors:Origins").Get&lt;string[]&gt;()</c>: the section's children, one origin each.</summary>
    List,

    /// <summary><c>config["Cors:Origin"]</c>: the key's value is one origin.</summary>
    Scalar,

    /// <summary><c>config["Cors:Origins"].Split(',')</c>: one value split into origins (CORS010 judges the split).</summary>
    Split,
}

/// <summary>One place where a policy reads its origins from configuration: the key, how it is read, the step and the code that reads it.</summary>
internal readonly struct ConfiguredOriginRead
{
    public ConfiguredOriginRead(string key, ConfigurationReadForm form, PolicyStep step, Location location)
    {
        Key = key;
        Form = form;
        Step = step;
        Location = location;
    }

    public string Key { get; }

    public ConfigurationReadForm Form { get; }

    public PolicyStep Step { get; }

    /// <summary>The expression that reads the key, inside the analysed block.</summary>
    public Location Location { get; }

    /// <summary>For a <see cref="ConfigurationReadForm.Scalar"/> read: the expression of the value, when it is in the analysed block.</summary>
    public IOperation? ValueOperation { get; init; }

    /// <summary>How the policy compares the origins it reads: lower-cased (WithOrigins) or as written (CorsPolicy.Origins).</summary>
    public OriginMatching Matching => Step.Kind == StepKind.AddOrigin ? OriginMatching.Exact : OriginMatching.Normalized;

    /// <summary>
    /// The configuration reads among a policy's origin steps, from the policy model's configuration keys
    /// (<see cref="PolicyStep.ConfigurationKey"/> for a whole list, <see cref="ValueFact.ConfigurationKey"/> for one value).
    /// </summary>
    public static List<ConfiguredOriginRead> Of(PolicyContext context)
    {
        var reads = new List<ConfiguredOriginRead>();
        foreach (var step in context.Steps)
        {
            if (step.Kind is not (StepKind.WithOrigins or StepKind.AddOrigin))
            {
                continue;
            }

            if (step.Values.IsDefault)
            {
                if (step.ConfigurationKey is { Length: > 0 } key)
                {
                    var location = step.Argument is { } argument && step.Operation.Syntax.Span.Contains(argument.Syntax.Span) && argument.Syntax.SyntaxTree == step.Operation.Syntax.SyntaxTree
                        ? argument.Syntax.GetLocation()
                        : step.Location;
                    reads.Add(new ConfiguredOriginRead(key, IsSplit(step.Argument) ? ConfigurationReadForm.Split : ConfigurationReadForm.List, step, location));
                }

                continue;
            }

            foreach (var value in step.Values)
            {
                if (value.Text is null && value.ConfigurationKey is { Length: > 0 } scalarKey)
                {
                    reads.Add(new ConfiguredOriginRead(scalarKey, ConfigurationReadForm.Scalar, step, step.ReportLocation(value)) { ValueOperation = value.Operation });
                }
            }
        }

        return reads;
    }

    /// <summary>Whether the list is a string split (<c>config["X"].Split(',')</c>, <c>?.Split</c>, behind <c>??</c> or a local).</summary>
    private static bool IsSplit(IOperation? value)
    {
        for (var depth = 0; value is not null && depth < 8; depth++)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    value = parenthesized.Operand;
                    break;
                case ICoalesceOperation coalesce:
                    value = coalesce.Value;
                    break;
                case IConditionalAccessOperation access:
                    value = access.WhenNotNull;
                    break;
                case IInvocationOperation invocation:
                    return invocation.TargetMethod.Name == "Split";
                case ILocalReferenceOperation local:
                    value = LocalSource(local);
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private static IOperation? LocalSource(ILocalReferenceOperation reference)
    {
        var root = (IOperation)reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local))
            {
                return declarator.GetVariableInitializer()?.Value;
            }
        }

        return null;
    }
}
