using CorsAnalyzers.Tests.Verifiers;

namespace CorsAnalyzers.Tests.Rules;

public class CORS301OriginSettingMissingForAnEnvironmentTests
{
    private const string ArrayPolicy = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options => options.AddPolicy("Frontend", policy =>
            policy.WithOrigins({|CORS301:builder.Configuration.GetSection("Cors:Origins").Get<string[]>()|}!)));
        var app = builder.Build();
        app.UseCors("Frontend");
        app.Run();
        """;

    private static string Silent(string source) => source.Replace("{|CORS301:", string.Empty).Replace("|}", string.Empty);

    // ---- Positive cases ------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Only_the_development_file_defines_the_key(AspNetCore version)
    {
        await AppSettingsTest.VerifyAsync(
            ArrayPolicy,
            version,
            true,
            ("appsettings.json", """{ "Logging": { "LogLevel": { "Default": "Information" } } }"""),
            ("appsettings.Development.json", """{ "Cors": { "Origins": [ "http://localhost:5173" ] } }"""));
    }

    [Fact]
    public async Task The_message_names_the_environment_and_its_files()
    {
        var test = new CSharpCodeFixVerifier<PolicyAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>.Test(AspNetCore.V10, topLevel: true)
        {
            TestCode = ArrayPolicy.Replace("{|CORS301:", "{|#0:"),
        };
        test.TestState.AdditionalFiles.Add(("appsettings.json", "{}"));
        test.TestState.AdditionalFiles.Add(("appsettings.Staging.json", """{ "Cors": { "Origins": [ "https://staging.example.com" ] } }"""));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CORS301", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithArguments(
                "CORS policy 'Frontend'",
                "Cors:Origins",
                "no appsettings file defines for environment Production (appsettings.json)",
                "Get returns null there, and WithOrigins throws ArgumentNullException ('Value cannot be null. (Parameter 'origins')') when the policy is built, so the app fails at startup",
                "appsettings.json, or to appsettings.Production.json"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("builder.Configuration.GetSection(\"Cors:Origins\").Get<string[]>()", "!",
        "Get returns null there, and WithOrigins throws ArgumentNullException ('Value cannot be null. (Parameter 'origins')') when the policy is built, so the app fails at startup")]
    [InlineData("builder.Configuration.GetSection(\"Cors:Origins\").Get<string[]>() ?? []", "",
        "the policy allows no origin there and the browser blocks every cross-origin request")]
    [InlineData("builder.Configuration.GetSection(\"Cors:Origins\").Get<string[]>() ?? System.Array.Empty<string>()", "",
        "the policy allows no origin there and the browser blocks every cross-origin request")]
    [InlineData("builder.Configuration.GetSection(\"Cors:Origins\").Get<string[]>() ?? new string[0]", "",
        "the policy allows no origin there and the browser blocks every cross-origin request")]
    [InlineData("builder.Configuration.GetSection(\"Cors:Origins\").Get<string[]>() ?? new[] { \"https://app.example.com\" }", "",
        "the policy falls back to the origins written after '??' there")]
    [InlineData("builder.Configuration[\"Cors:Origin\"]", "!",
        "it reads as null there, and WithOrigins throws ArgumentNullException ('Value cannot be null. (Parameter 'origin')') when the policy is built, so the app fails at startup")]
    [InlineData("builder.Configuration.GetValue<string>(\"Cors:Origin\")", "!",
        "it reads as null there, and WithOrigins throws ArgumentNullException ('Value cannot be null. (Parameter 'origin')') when the policy is built, so the app fails at startup")]
    public async Task The_message_says_what_the_app_does_by_how_the_key_is_read(string read, string suffix, string consequence)
    {
        // Runtime proof (tests/CorsAnalyzers.RuntimeTests/Cases/ConfigurationCases.cs): without a fallback the app fails at
        // startup with ArgumentNullException from WithOrigins; with '?? []' it starts and blocks every origin.
        var test = new CSharpCodeFixVerifier<PolicyAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>.Test(AspNetCore.V10, topLevel: true)
        {
            TestCode = $$"""
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.Configuration;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins({|#0:{{read}}|}{{suffix}})));
                var app = builder.Build();
                app.UseCors("Frontend");
                app.Run();
                """,
        };
        test.TestState.AdditionalFiles.Add(("appsettings.json", "{}"));
        test.TestState.AdditionalFiles.Add(("appsettings.Development.json", """{ "Cors": { "Origins": [ "http://localhost:5173" ], "Origin": "http://localhost:5173" } }"""));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CORS301", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithArguments(
                "CORS policy 'Frontend'",
                read.Contains("\"Cors:Origin\"", StringComparison.Ordinal) ? "Cors:Origin" : "Cors:Origins",
                "no appsettings file defines for environment Production (appsettings.json)",
                consequence,
                "appsettings.json, or to appsettings.Production.json"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_key_defined_nowhere_is_likely_misspelt()
    {
        await AppSettingsTest.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var config = builder.Configuration;
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("A", policy => policy.WithOrigins({|CORS301:config["Cors:Origin"]|}!));
                options.AddPolicy("B", policy => policy.WithOrigins({|CORS301:config.GetValue<string>("Cors:Admin")|}!, "https://fixed.example.com"));
                options.AddPolicy("C", policy => policy.WithOrigins({|CORS301:config.GetSection("Cors").GetSection("Partner").Value|}!));
                options.AddPolicy("D", policy => policy.WithOrigins({|CORS301:config.GetSection("Cors").GetSection("AllowedOrigin").Get<string[]>()|}!));
            });
            var app = builder.Build();
            app.UseCors("A");
            app.Run();
            """,
            ("appsettings.json", """{ "Cors": { "AllowedOrigins": [ "https://app.example.com" ], "origins": "https://app.example.com" } }"""),
            ("appsettings.Production.json", """{ }"""));
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Startup_class_a_staging_file_without_the_key_and_a_split(AspNetCore version)
    {
        await AppSettingsTest.VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                private readonly IConfiguration _configuration;

                public Startup(IConfiguration configuration) => _configuration = configuration;

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddPolicy("built", new CorsPolicyBuilder({|CORS301:_configuration.GetSection("Cors:Origins").Get<string[]>()|}!).Build());
                        options.AddPolicy("split", policy => policy.WithOrigins({|CORS301:_configuration["Cors:List"]!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)|}));
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors("built");
            }
            """,
            version,
            false,
            ("appsettings.Production.json", """{ "Cors": { "Origins": [ "https://app.example.com" ], "List": "https://app.example.com" } }"""),
            ("appsettings.Staging.json", """{ }"""));
    }

    [Fact]
    public async Task A_settings_object_bound_from_a_section_whose_property_is_missing()
    {
        await AppSettingsTest.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var settings = builder.Configuration.GetSection("Cors").Get<CorsSettings>()!;
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins({|CORS301:settings.Origins|}));
                options.AddPolicy("Present", policy => policy.WithOrigins(settings.Hosts));
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();

            public class CorsSettings
            {
                public string[] Origins { get; set; } = new string[0];

                public string[] Hosts { get; set; } = new string[0];
            }
            """,
            ("appsettings.json", """{ "Cors": { "AllowedOrigins": [ "https://app.example.com" ], "hosts": [ "https://app.example.com" ] } }"""));
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task IOptions_bound_to_a_section_in_the_same_block(AspNetCore version)
    {
        await AppSettingsTest.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Options;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<CorsSettings>(builder.Configuration.GetSection("Cors"));
            builder.Services.AddOptions<PartnerSettings>().BindConfiguration("Partners");
            builder.Services.AddCors();
            builder.Services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>, IOptionsMonitor<PartnerSettings>>((options, settings, partners) =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins(settings.Value.Origins).AllowCredentials());
                options.AddPolicy("Partners", policy => policy.WithOrigins({|CORS301:partners.CurrentValue.Origins|}));
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();

            public class CorsSettings
            {
                public string[] Origins { get; set; } = new string[0];
            }

            public class PartnerSettings
            {
                public string[] Origins { get; set; } = new string[0];
            }

            """,
            version,
            true,
            ("appsettings.json", """{ "Cors": { "origins": [ "https://app.example.com" ] }, "Partners": { } }"""));
    }

    // ---- Negative cases ------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_base_file_defines_the_key_for_every_environment()
    {
        await AppSettingsTest.VerifyAsync(Silent(ArrayPolicy),
            ("appsettings.json", """{ "cors": { "ORIGINS": [ "https://app.example.com" ] } }"""),
            ("appsettings.Development.json", """{ }"""),
            ("appsettings.Staging.json", """{ "Logging": { } }"""));
    }

    [Fact]
    public async Task Each_environment_file_defines_it_or_an_empty_list_is_deliberate()
    {
        await AppSettingsTest.VerifyAsync(Silent(ArrayPolicy),
            ("appsettings.json", """{ }"""),
            ("appsettings.Production.json", """{ "Cors": { "Origins": [ ] } }"""),
            ("appsettings.Development.json", """{ "Cors:Origins:0": "http://localhost:5173" }"""));
    }

    [Fact]
    public async Task No_appsettings_files_say_nothing()
    {
        await AppSettingsTest.VerifyAsync(Silent(ArrayPolicy), ("other.json", "{ }"));
        await AppSettingsTest.VerifyAsync(Silent(ArrayPolicy));
    }

    [Fact]
    public async Task Only_an_environment_file_without_the_base_file_judges_only_that_environment()
    {
        await AppSettingsTest.VerifyAsync(Silent(ArrayPolicy),
            ("appsettings.Development.json", """{ "Cors": { "Origins": [ "http://localhost:5173" ] } }"""));
    }

    [Fact]
    public async Task A_malformed_file_leaves_its_environments_unjudged()
    {
        await AppSettingsTest.VerifyAsync(Silent(ArrayPolicy),
            ("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com" ] """),
            ("appsettings.Development.json", """{ }"""));
    }

    [Fact]
    public async Task A_development_only_policy_is_judged_for_development_only()
    {
        await AppSettingsTest.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddCors(options => options.AddPolicy("Dev", policy => policy.WithOrigins(builder.Configuration.GetSection("Dev:Origins").Get<string[]>()!)));
            }

            var app = builder.Build();
            app.Run();
            """,
            ("appsettings.json", """{ }"""),
            ("appsettings.Development.json", """{ "Dev": { "Origins": [ "http://localhost:5173" ] } }"""));
    }

    [Fact]
    public async Task Constant_origins_and_unknown_values_are_not_configuration_reads()
    {
        await AppSettingsTest.VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("A", policy => policy.WithOrigins("https://app.example.com"));
                options.AddPolicy("B", policy => policy.WithOrigins(Environment.GetEnvironmentVariable("ORIGIN")!));
            });
            var app = builder.Build();
            app.UseCors("A");
            app.Run();
            """,
            ("appsettings.json", """{ }"""));
    }

    [Fact]
    public async Task Without_AspNetCore_nothing_is_reported()
    {
        await AppSettingsTest.VerifyAsync("""
            public class Settings
            {
                public string? Origins { get; set; }
            }
            """,
            AspNetCore.None,
            false,
            ("appsettings.json", """{ }"""));
    }
}
