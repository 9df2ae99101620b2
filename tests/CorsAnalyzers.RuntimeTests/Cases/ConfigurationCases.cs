using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.RuntimeTests.Harness;
using static CorsAnalyzers.RuntimeTests.Harness.RuntimeCase;

namespace CorsAnalyzers.RuntimeTests.Cases;

/// <summary>
/// The configuration rules (CORS301-CORS303), each proven on a running app that reads its origins from appsettings
/// files in its content root (run as Production, as the harness runs every app): the files are analyzed as additional
/// files (markup inside the JSON where the rule reports there) and written next to the app before it starts.
/// </summary>
public static class ConfigurationCases
{
    private const string WildcardWithCredentials =
        "The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time.";

    private const string NullOrigins = "Value cannot be null. (Parameter 'origins')";

    private const string NullOrigin = "Value cannot be null. (Parameter 'origin')";

    /// <summary>A policy reading its origins from configuration; <c>%READ%</c> is the read (the argument of WithOrigins).</summary>
    private const string ArrayPolicy = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options => options.AddPolicy("Frontend", policy =>
            policy.WithOrigins(%READ%)%CREDENTIALS%));
        var app = builder.Build();
        app.UseCors("Frontend");
        app.MapGet("/orders", () => "[]");
        app.Run();
        """;

    private static string Policy(string read, bool credentials = false) =>
        ArrayPolicy.Replace("%READ%", read, StringComparison.Ordinal).Replace("%CREDENTIALS%", credentials ? ".AllowCredentials()" : "", StringComparison.Ordinal);

    private const string OnlyDevelopment = """{ "Cors": { "Origins": [ "http://localhost:5173" ] } }""";

    public static IEnumerable<RuntimeCase> All =>
    [
        new("CORS301 key only in appsettings.Development.json, with a fallback: Production allows no origin", "CORS301",
            Policy("""{|CORS301:builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? []|}"""))
        {
            AppSettings =
            [
                ("appsettings.json", """{ "Logging": { "LogLevel": { "Default": "Information" } } }"""),
                ("appsettings.Development.json", OnlyDevelopment),
            ],
            MessageSays = ["the policy allows no origin there and the browser blocks every cross-origin request"],
            Bug = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Blocked();
                (await app.Simple("/orders", "http://localhost:5173")).HasStatus(200).Blocked();
                (await app.Preflight("/orders", Origin, "PUT")).HasStatus(204).Blocked();
            },
            Compliant = Policy("""builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? []"""),
            CompliantAppSettings =
            [
                ("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com" ] } }"""),
                ("appsettings.Development.json", OnlyDevelopment),
            ],
            Fixed = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin);
                (await app.Simple("/orders", Evil)).HasStatus(200).Blocked();
            },
        },
        new("CORS301 key only in appsettings.Development.json, no fallback: WithOrigins(null) fails at startup", "CORS301",
            Policy("""{|CORS301:builder.Configuration.GetSection("Cors:Origins").Get<string[]>()|}!"""))
        {
            AppSettings =
            [
                ("appsettings.json", "{ }"),
                ("appsettings.Development.json", OnlyDevelopment),
            ],
            MessageSays = ["WithOrigins throws ArgumentNullException ('" + NullOrigins + "')", "the app fails at startup"],
            Bug = app => Done(Assert.IsType<ArgumentNullException>(app.FailsAtStartup(NullOrigins))),
            Compliant = Policy("""builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!"""),
            CompliantAppSettings =
            [
                ("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com" ] } }"""),
                ("appsettings.Development.json", OnlyDevelopment),
            ],
            Fixed = async app => (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin),
        },
        new("CORS301 single origin read with config[...] only in appsettings.Development.json: WithOrigins(null) fails at startup", "CORS301",
            Policy("""{|CORS301:builder.Configuration["Cors:Origin"]|}!"""))
        {
            AppSettings = [("appsettings.json", "{ }"), ("appsettings.Development.json", """{ "Cors": { "Origin": "http://localhost:5173" } }""")],
            MessageSays = ["WithOrigins throws ArgumentNullException ('" + NullOrigin + "')", "the app fails at startup"],
            Bug = app => Done(Assert.IsType<ArgumentNullException>(app.FailsAtStartup(NullOrigin))),
            Compliant = Policy("""builder.Configuration["Cors:Origin"]!"""),
            CompliantAppSettings = [("appsettings.json", """{ "Cors": { "Origin": "https://app.example.com" } }""")],
            Fixed = async app => (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin),
        },
        new("CORS302 trailing slash in appsettings.json never matches; fixed in the file", "CORS302",
            Policy("""builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!"""))
        {
            AppSettings =
            [
                ("appsettings.json", """
                    {
                      "Cors": {
                        "Origins": [ {|CORS302:"https://app.example.com/"|}, "https://admin.example.com" ]
                      }
                    }
                    """),
            ],
            FixKey = CORS302MalformedOriginInConfigurationFixer.EquivalenceKey,
            MessageSays = ["never matches"],
            Bug = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Blocked();
                (await app.Simple("/orders", "https://admin.example.com")).HasStatus(200).Allows("https://admin.example.com");
            },
            Fixed = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin);
                (await app.Simple("/orders", "https://admin.example.com")).HasStatus(200).Allows("https://admin.example.com");
            },
        },
        new("CORS302 origin without its scheme in appsettings.json never matches", "CORS302",
            Policy("""builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!"""))
        {
            AppSettings = [("appsettings.json", """{ "Cors": { "Origins": [ {|CORS302:"app.example.com"|} ] } }""")],
            MessageSays = ["never matches"],
            Bug = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Blocked();
                (await app.Simple("/orders", "http://app.example.com")).HasStatus(200).Blocked();
            },
            Compliant = Policy("""builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!"""),
            CompliantAppSettings = [("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com" ] } }""")],
            Fixed = async app => (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin),
        },
        new("CORS302 'null' in appsettings.json answers sandboxed pages of any site", "CORS302",
            Policy("""builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!""", credentials: true))
        {
            AppSettings = [("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com", {|CORS302:"null"|} ] } }""")],
            MessageSays = ["lets any website read the responses", "'Origin: null'"],
            Bug = async app =>
            {
                (await app.Simple("/orders", "null")).HasStatus(200).Allows("null", credentials: true);
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin, credentials: true);
            },
            Compliant = Policy("""builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!""", credentials: true),
            CompliantAppSettings = [("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com" ] } }""")],
            Fixed = async app =>
            {
                (await app.Simple("/orders", "null")).HasStatus(200).Blocked();
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin, credentials: true);
            },
        },
        new("CORS303 '*' alone in appsettings.json with credentials: startup exception in production", "CORS303",
            Policy("""builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!""", credentials: true))
        {
            AppSettings = [("appsettings.json", """{ "Cors": { "Origins": [ {|CORS303:"*"|} ] } }""")],
            MessageSays = ["the app fails at startup in production with InvalidOperationException", WildcardWithCredentials.TrimEnd('.')],
            Bug = app => Done(Assert.IsType<InvalidOperationException>(app.FailsAtStartup(WildcardWithCredentials))),
            Compliant = Policy("""builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!""", credentials: true),
            CompliantAppSettings = [("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com" ] } }""")],
            Fixed = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin, credentials: true);
                (await app.Simple("/orders", Evil)).HasStatus(200).Blocked();
            },
        },
        new("CORS303 '*' among other origins in appsettings.json is a literal that allows nothing", "CORS303",
            Policy("""builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!""", credentials: true))
        {
            AppSettings = [("appsettings.json", """{ "Cors": { "Origins": [ {|CORS303:"*"|}, "https://app.example.com" ] } }""")],
            MessageSays = ["'*' is compared as an ordinary origin that no browser sends, so it allows nothing"],
            Bug = async app =>
            {
                (await app.Simple("/orders", Evil)).HasStatus(200).Blocked();
                (await app.Simple("/orders", "https://other.example.org")).HasStatus(200).Blocked();
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin, credentials: true);
            },
            Compliant = Policy("""builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!""", credentials: true),
            CompliantAppSettings = [("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com" ] } }""")],
            Fixed = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin, credentials: true);
                (await app.Simple("/orders", Evil)).HasStatus(200).Blocked();
            },
        },
    ];

    private static Task Done(object _) => Task.CompletedTask;
}
