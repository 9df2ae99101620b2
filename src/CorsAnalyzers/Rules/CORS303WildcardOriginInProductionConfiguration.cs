using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Configuration;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS303: <c>"*"</c> among the origins that production reads (<c>appsettings.json</c> overlaid by
/// <c>appsettings.Production.json</c>) for a policy that supports credentials. Alone, it is a wildcard: building the
/// policy throws InvalidOperationException, so the app fails at startup in production (runtime facts 1). Among other
/// origins it is a literal no browser sends. Reported inside the JSON file, at the value production reads.
/// </summary>
internal static class CORS303WildcardOriginInProductionConfiguration
{
    public const string Id = RuleIds.WildcardOriginInProductionConfiguration;

    private const string Title = "Wildcard origin in production configuration";
    private const string MessageFormat = "'*' at '{0}' in {1} is an origin {2} reads in production, and the policy supports credentials: {3}";
    private const string Description =
        "A credentialed CORS policy can never allow any origin. With '*' as the only configured origin, CorsPolicyBuilder.Build() throws " +
        "InvalidOperationException ('The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time'), " +
        "so the app fails at startup in production; among other origins '*' is compared literally and allows nothing. Environment variables " +
        "or other providers may override the file at runtime.";

    private const string FrameworkMessage = "'The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time'";

    private static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        Title,
        MessageFormat,
        RuleIds.SecurityCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIds.HelpLink(Id));

    public static readonly RuleDescriptors Descriptors = new(Descriptor);

    public static readonly PolicyRule Rule = new(Descriptors, Check, needsEnvironment: true);

    private static void Check(PolicyContext context)
    {
        if (context.Environment == PolicyEnvironment.Development || !context.States.Any(s => s.Credentials == true))
        {
            return;
        }

        var reads = ConfiguredOriginRead.Of(context);
        if (reads.Count == 0 || context.Configuration?.Get(context.CancellationToken) is not { } settings)
        {
            return;
        }

        var originSteps = context.Steps.Count(s => s.Kind is StepKind.WithOrigins or StepKind.AddOrigin or StepKind.AllowAnyOrigin);
        foreach (var read in reads)
        {
            List<(SettingsFile File, JsonSetting Setting)> values;
            switch (read.Form)
            {
                case ConfigurationReadForm.List when settings.ListIn(read.Key, AppSettings.Production) is { } list:
                    values = list.ToList();
                    break;
                case ConfigurationReadForm.Scalar when settings.ValueIn(read.Key, AppSettings.Production) is { } value:
                    values = new List<(SettingsFile, JsonSetting)> { value };
                    break;
                default:
                    continue;
            }

            // The only origin of the policy: a wildcard, so building the policy throws.
            var alone = values.Count == 1 && originSteps == 1 && (read.Form == ConfigurationReadForm.Scalar ? read.Step.Values.Length == 1 : true);
            foreach (var (file, setting) in values)
            {
                if (setting.Kind != JsonSettingKind.String || setting.Value != "*")
                {
                    continue;
                }

                var symptom = alone
                    ? Symptom(context.Policy.Entry)
                    : "listed with other origins, '*' is compared as an ordinary origin that no browser sends, so it allows nothing; " +
                      "a credentialed policy can only list explicit origins. Remove '*'.";
                context.Report(Diagnostic.Create(
                    context.Descriptor(Descriptors),
                    file.LocationOf(setting),
                    ImmutableArray.Create(read.Location),
                    setting.Path,
                    file.Name,
                    context.Policy.DisplayName,
                    symptom));
            }
        }
    }

    private static string Symptom(PolicyEntry entry)
    {
        var what = entry switch
        {
            PolicyEntry.AddPolicy or PolicyEntry.AddDefaultPolicy =>
                $"the app fails at startup in production with InvalidOperationException {FrameworkMessage} when the CORS middleware is created",
            PolicyEntry.UseCors => $"the UseCors call throws InvalidOperationException {FrameworkMessage} at startup in production",
            PolicyEntry.RequireCors => $"the RequireCors call throws InvalidOperationException {FrameworkMessage} at startup in production",
            PolicyEntry.PolicyObject => $"every request with an Origin header gets a 500 in production, because CorsService throws ArgumentException {FrameworkMessage}",
            _ => $"Build() throws InvalidOperationException {FrameworkMessage} in production",
        };
        return what + ". List the allowed origins explicitly in the file.";
    }
}
