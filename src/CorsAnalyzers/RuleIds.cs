namespace CorsAnalyzers;

/// <summary>Rule IDs (a public contract) and the one place that turns an ID into its help link.</summary>
internal static class RuleIds
{
    public const string WildcardOriginWithCredentials = "CORS001";
    public const string AnyOriginReflectedWithCredentials = "CORS002";
    public const string PermissiveOriginOutsideDevelopment = "CORS003";
    public const string OriginNeverMatches = "CORS004";
    public const string WildcardSubdomainMisuse = "CORS005";
    public const string NullOriginAllowed = "CORS006";
    public const string WeakOriginPredicate = "CORS007";
    public const string WildcardLostAmongExplicitOrigins = "CORS008";
    public const string DevelopmentOriginInProductionPolicy = "CORS009";
    public const string OriginsFromConfigurationAsOneString = "CORS010";
    public const string MethodNotUpperCase = "CORS011";
    public const string PolicyBlocksPreflightedRequests = "CORS012";
    public const string PreflightMaxAgeBeyondBrowserCap = "CORS013";
    public const string AuthorizationBeforeCors = "CORS101";
    public const string UseCorsAfterEndpoints = "CORS102";
    public const string UseCorsBeforeRouting = "CORS103";
    public const string CachingBeforeCors = "CORS104";
    public const string CorsMetadataWithoutMiddleware = "CORS105";
    public const string CorsServicesNotRegistered = "CORS106";
    public const string UndefinedCorsPolicy = "CORS107";
    public const string CorsConfiguredButNeverApplied = "CORS108";
    public const string SeveralUseCorsCalls = "CORS109";
    public const string DisableCorsOverridden = "CORS110";
    public const string MiddlewareAnswersPreflight = "CORS111";
    public const string MiddlewareBeforeGlobalCors = "CORS112";
    public const string NoExceptionHandler = "CORS113";
    public const string HubWithIncompatiblePolicy = "CORS114";
    public const string HandWrittenWildcardOriginWithCredentials = "CORS201";
    public const string HandWrittenHeaderReflectsTheRequestOrigin = "CORS202";
    public const string HandWrittenCorsHeaders = "CORS203";
    public const string OriginSettingMissingForAnEnvironment = "CORS301";
    public const string MalformedOriginInConfiguration = "CORS302";
    public const string WildcardOriginInProductionConfiguration = "CORS303";

    public const string SecurityCategory = "Security";
    public const string UsageCategory = "Usage";

    /// <summary>Where rules.md is published; every rule's section carries the anchor <c>cors001</c>, <c>cors002</c>, ...</summary>
    public const string RulesDocument = "https://github.com/corsanalyzers/corsanalyzers/blob/main/rules.md";

    public static string HelpLink(string id) => RulesDocument + "#" + id.ToLowerInvariant();
}
