using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS013: a constant preflight max age above two hours (Chromium caps Access-Control-Max-Age at 7200 seconds,
/// Firefox at 86400), which only misleads, or a negative one, which makes the <c>CorsPolicy.PreflightMaxAge</c>
/// setter throw ArgumentOutOfRangeException.
/// </summary>
internal static class CORS013PreflightMaxAgeBeyondWhatBrowsersHonour
{
    public const string Id = RuleIds.PreflightMaxAgeBeyondBrowserCap;

    /// <summary>Diagnostic property: <see cref="TooLong"/> or <see cref="Negative"/>.</summary>
    public const string KindProperty = "Kind";

    public const string TooLong = "TooLong";
    public const string Negative = "Negative";

    /// <summary>Chromium's cap on Access-Control-Max-Age, in seconds (two hours).</summary>
    public const long ChromiumCapSeconds = 7200;

    private const long FirefoxCapSeconds = 86400;

    private const string Title = "Preflight max age beyond what browsers honour";
    private const string MessageFormat = "{0} sets the preflight max age to {1}: {2}";
    private const string Description =
        "Browsers cap how long they cache a preflight response (Access-Control-Max-Age): Chromium at 7200 seconds (2 hours), Firefox at " +
        "86400 seconds (24 hours), so a longer value is silently shortened. A negative value makes the CorsPolicy.PreflightMaxAge setter " +
        "throw ArgumentOutOfRangeException.";

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

    public static readonly PolicyRule Rule = new(Descriptors, Check);

    private static void Check(PolicyContext context)
    {
        // A negative value throws wherever it is set, even if a later call would replace it.
        foreach (var step in context.Steps)
        {
            if (step.Kind == StepKind.SetPreflightMaxAge && step.Argument is { } argument && Seconds(argument) is < 0 and var seconds)
            {
                Report(context, argument, Negative, seconds, $"the CorsPolicy.PreflightMaxAge setter throws ArgumentOutOfRangeException, so {Symptom(context.Policy.Entry)}; use TimeSpan.Zero or a positive value");
            }
        }

        // A value above the cap only misleads where it is the one that takes effect.
        var reported = new HashSet<PolicyStep>();
        foreach (var state in context.States)
        {
            if (state.MaxAge is { Argument: { } argument } step && reported.Add(step) && Seconds(argument) is > ChromiumCapSeconds and var seconds)
            {
                var capped = seconds > FirefoxCapSeconds
                    ? "browsers cap it (Chromium at 2 hours, Firefox at 24 hours) and send the preflight again after that"
                    : "Chromium caps it at 2 hours and sends the preflight again after that";
                Report(context, argument, TooLong, seconds, $"{capped}, so the value only misleads; use TimeSpan.FromHours(2) or less");
            }
        }
    }

    private static void Report(PolicyContext context, IOperation argument, string kind, double seconds, string symptom)
    {
        context.Report(Diagnostic.Create(
            context.Descriptor(Descriptors),
            argument.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
            context.Policy.DisplayName,
            Describe(seconds),
            symptom));
    }

    private static string Symptom(PolicyEntry entry) => entry switch
    {
        PolicyEntry.AddPolicy or PolicyEntry.AddDefaultPolicy => "the app fails at startup when the CORS middleware is created, even if the policy is never used",
        PolicyEntry.UseCors => "this UseCors call throws at startup",
        PolicyEntry.RequireCors => "this RequireCors call throws at startup",
        _ => "this line throws",
    };

    private static string Describe(double seconds)
    {
        var text = seconds.ToString("0.###", CultureInfo.InvariantCulture);
        var abs = Math.Abs(seconds);
        if (abs >= 3600 && abs % 3600 == 0)
        {
            var hours = seconds / 3600;
            return $"{hours.ToString("0", CultureInfo.InvariantCulture)} hour{(Math.Abs(hours) == 1 ? string.Empty : "s")} ({text} seconds)";
        }

        return $"{text} second{(abs == 1 ? string.Empty : "s")}";
    }

    /// <summary>
    /// The constant number of seconds a TimeSpan expression stands for: <c>TimeSpan.FromHours(3)</c> (and the .NET 9
    /// integer overloads with several parts), <c>new TimeSpan(3, 0, 0)</c>, <c>TimeSpan.Zero</c>/<c>MaxValue</c>; null otherwise.
    /// </summary>
    public static double? Seconds(IOperation value)
    {
        while (value is IConversionOperation or IParenthesizedOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
        }

        switch (value)
        {
            case IInvocationOperation { Instance: null } invocation when IsTimeSpan(invocation.TargetMethod.ContainingType) && Unit(invocation.TargetMethod.Name) is { } unit:
                return Sum(invocation.Arguments, unit);
            case IObjectCreationOperation creation when IsTimeSpan(creation.Type) && creation.Initializer is null:
                return creation.Arguments.Length == 1 ? Sum(creation.Arguments, 1e-7) : Sum(creation.Arguments, 0);
            case IFieldReferenceOperation { Field.Name: "Zero" } zero when IsTimeSpan(zero.Field.ContainingType):
                return 0;
            case IFieldReferenceOperation { Field.Name: "MaxValue" } max when IsTimeSpan(max.Field.ContainingType):
                return TimeSpan.MaxValue.TotalSeconds;
            default:
                return null;
        }
    }

    private static bool IsTimeSpan(ITypeSymbol? type) =>
        type is { Name: "TimeSpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static double? Unit(string method) => method switch
    {
        "FromDays" => 86400,
        "FromHours" => 3600,
        "FromMinutes" => 60,
        "FromSeconds" => 1,
        "FromMilliseconds" => 1e-3,
        "FromMicroseconds" => 1e-6,
        "FromTicks" => 1e-7,
        _ => null,
    };

    /// <summary>Adds up the arguments by parameter name (days, hours, ...); <c>value</c> takes the method's own unit.</summary>
    private static double? Sum(IEnumerable<IArgumentOperation> arguments, double defaultUnit)
    {
        double total = 0;
        foreach (var argument in arguments)
        {
            var unit = argument.Parameter?.Name switch
            {
                "days" => 86400,
                "hours" => 3600,
                "minutes" => 60,
                "seconds" => 1,
                "milliseconds" => 1e-3,
                "microseconds" => 1e-6,
                "ticks" => 1e-7,
                _ => defaultUnit,
            };
            if (unit == 0 || argument.Value.ConstantValue is not { HasValue: true, Value: { } constant })
            {
                return null;
            }

            try
            {
                total += Convert.ToDouble(constant, CultureInfo.InvariantCulture) * unit;
            }
            catch (Exception exception) when (exception is InvalidCastException or FormatException or OverflowException)
            {
                return null;
            }
        }

        return total;
    }
}
