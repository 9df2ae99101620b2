using System.Collections.Generic;
using System.Linq;
using CorsAnalyzers.Configuration;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

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
        "user secrets, a vault) supplies it, the policy allows no origin there and the browser blocks every cross-origin request. " +
        "Add '{1}' to {3}.";
    private const string Description =
        "ASP.NET Core reads appsettings.json and then appsettings.{Environment}.json (Production when no environment is set). A key " +
        "that neither file of an environment defines reads as null there, so a policy whose origins come from it allows no origin " +
        "in that environment (or fails when WithOrigins receives null), often only once deployed. Environment variables and other " +
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
            context.Report(Diagnostic.Create(context.Descriptor(Descriptors), read.Location, context.Policy.DisplayName, read.Key, state, add));
        }
    }

    private static string Describe(List<SettingsFile> files) =>
        string.Join(" + ", files.Select(f => f.Name).Distinct(System.StringComparer.OrdinalIgnoreCase));
}
