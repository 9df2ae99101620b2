using System.Collections.Generic;
using System.Linq;
using CorsAnalyzers.Configuration;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS301: a policy reads its origins from a configuration key that the appsettings files of some environment do
/// not define (neither <c>appsettings.json</c> nor <c>appsettings.{Environment}.json</c>). Environments are Production
/// (the default when none is set) and every environment that has a file; a policy confined to development is judged
/// for Development only. Other configuration sources (environment variables, user secrets, a vault) may still supply
/// the key, which is why this is a warning about the files, reported at the code that reads the key.
/// </summary>
internal static class CORS301OriginSettingMissingForAnEnvironment
{
    public const string Id = RuleIds.OriginSettingMissingForAnEnvironment;

    private const string Title = "Origin setting missing for an environment";
    private const string MessageFormat =
        "{0} reads its origins from configuration key '{1}', which {2}: unless another configuration source (environment variables, " +
        "user secrets, a vault) supplies it, {3}. Add '{1}' to {4}.";
    private const string Description =
        "ASP.NET Core reads appsettings.json and then appsettings.{Environment}.json (Production when no environment is set). A key " +
        "that neither file of an environment defines reads as null there, so a policy whose origins come from it allows no origin " +
        "in that environment, or WithOrigins receives null and throws ArgumentNullException so the app fails at startup, often only once deployed. Environment variables and other " +
        "providers can supply the key instead; suppress the rule where they do.";

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

    public static readonly PolicyRule Rule = new(Descriptors, Check, needsEnvironment: true);

    private static void Check(PolicyContext context)
    {
        var reads = ConfiguredOriginRead.Of(context);
        if (reads.Count == 0 || context.Configuration?.Get(context.CancellationToken) is not { } settings)
        {
            return;
        }

        var environments = context.Environment == PolicyEnvironment.Development
            ? new[] { AppSettings.Development }
            : settings.Environments;
        foreach (var read in reads)
        {
            var missing = new List<(string Environment, List<SettingsFile> Files)>();
            var definedSomewhere = false;
            foreach (var environment in environments)
            {
                var files = settings.FilesOf(environment).ToList();
                if (files.Count == 0 || files.Any(f => !f.IsValid))
                {
                    continue; // nothing to judge by: no file, or one ASP.NET Core would reject
                }

                if (files.Any(f => f.Defines(read.Key)))
                {
                    definedSomewhere = true;
                }
                else
                {
                    missing.Add((environment, files));
                }
            }

            if (missing.Count == 0)
            {
                continue;
            }

            definedSomewhere |= settings.Files.Any(f => f.Defines(read.Key));
            var where = string.Join(" and ", missing.Select(m => $"{m.Environment} ({Describe(m.Files)})"));
            var state = definedSomewhere
                ? $"no appsettings file defines for environment {where}"
                : $"no appsettings file defines at all (environment {where}; is it spelt as in the file?)";
            var add = missing.Any(m => m.Files.Any(f => f.Environment is null))
                ? "appsettings.json, or to " + string.Join(" and ", missing.Select(m => $"appsettings.{m.Environment}.json"))
                : string.Join(" and ", missing.Select(m => $"appsettings.{m.Environment}.json"));
            context.Report(Diagnostic.Create(context.Descriptor(Descriptors), read.Location, context.Policy.DisplayName, read.Key, state, Consequence(read), add));
        }
    }

    /// <summary>
    /// What the running app does where the key is missing, by how the code reads it: <c>Get&lt;string[]&gt;()</c> passed
    /// straight to WithOrigins / new CorsPolicyBuilder returns null, on which WithOrigins throws ArgumentNullException when
    /// the policy is built (the app fails at startup); behind an empty fallback (<c>?? []</c>) the policy has no origins,
    /// behind another fallback it has the fallback's.
    /// Other shapes (a bound settings object, a local, a split) depend on code the rule does not follow.
    /// </summary>
    private static string Consequence(ConfiguredOriginRead read)
    {
        if (read.Form == ConfigurationReadForm.Scalar && read.Step.Kind == StepKind.WithOrigins && IsDirectRead(Unwrap(read.ValueOperation)))
        {
            return "it reads as null there, and WithOrigins throws ArgumentNullException ('Value cannot be null. (Parameter 'origin')') " +
                "when the policy is built, so the app fails at startup";
        }

        if (read.Form == ConfigurationReadForm.List && read.Step.Kind == StepKind.WithOrigins)
        {
            var argument = Unwrap(read.Step.Argument);
            if (argument is IInvocationOperation invocation && IsBinderGet(invocation.TargetMethod))
            {
                return "Get returns null there, and WithOrigins throws ArgumentNullException ('Value cannot be null. (Parameter 'origins')') " +
                    "when the policy is built, so the app fails at startup";
            }

            if (argument is ICoalesceOperation coalesce && Unwrap(coalesce.Value) is IInvocationOperation get && IsBinderGet(get.TargetMethod))
            {
                return IsEmpty(coalesce.WhenNull)
                    ? "the policy allows no origin there and the browser blocks every cross-origin request"
                    : "the policy falls back to the origins written after '??' there";
            }
        }

        return "it reads as null there: depending on how the code handles null, the policy allows no origin and the browser blocks " +
            "every cross-origin request, or the app fails at startup where the null is used";
    }

    /// <summary>
    /// <c>config["key"]</c>, <c>section.Value</c> or <c>config.GetValue&lt;string&gt;("key")</c> with no fallback: null when
    /// the key is missing.
    /// </summary>
    private static bool IsDirectRead(IOperation? operation) => operation switch
    {
        IPropertyReferenceOperation { Property: { IsIndexer: true } property } => IsConfigurationType(property.ContainingType),
        IPropertyReferenceOperation { Property: { Name: "Value" } property } => IsConfigurationType(property.ContainingType),
        IInvocationOperation invocation => IsBinderGet(invocation.TargetMethod),
        _ => false,
    };

    private static bool IsConfigurationType(INamedTypeSymbol? type) =>
        type?.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Configuration";

    /// <summary>ConfigurationBinder.Get / GetValue: null when the section is missing.</summary>
    private static bool IsBinderGet(IMethodSymbol method) =>
        method.Name is "Get" or "GetValue" && method.ContainingType?.Name == "ConfigurationBinder";

    /// <summary>An empty array: <c>[]</c>, <c>new string[0]</c>, <c>new string[] { }</c>, <c>Array.Empty&lt;string&gt;()</c>.</summary>
    private static bool IsEmpty(IOperation operation)
    {
        operation = Unwrap(operation)!;
        switch (operation)
        {
            case IArrayCreationOperation array:
                return array.Initializer is { } initializer
                    ? initializer.ElementValues.IsEmpty
                    : array.DimensionSizes.Length == 1 && array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 };
            case IInvocationOperation { TargetMethod: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_Array } }:
                return true;
            default:
                return operation.Syntax is CollectionExpressionSyntax { Elements.Count: 0 };
        }
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    private static string Describe(List<SettingsFile> files) =>
        string.Join(" + ", files.Select(f => f.Name).Distinct(System.StringComparer.OrdinalIgnoreCase));
}
