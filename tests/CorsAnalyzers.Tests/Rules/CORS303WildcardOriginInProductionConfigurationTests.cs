using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace CorsAnalyzers.Tests.Rules;

public class CORS303WildcardOriginInProductionConfigurationTests
{
    private const string CredentialedPolicy = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options => options.AddPolicy("Frontend", policy =>
            policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!).AllowCredentials()));
        var app = builder.Build();
        app.UseCors("Frontend");
        app.Run();
        """;

    // ---- Positive cases ------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task A_wildcard_in_appsettings_json_feeding_a_credentialed_policy(AspNetCore version)
    {
        await AppSettingsTest.VerifyAsync(
            CredentialedPolicy,
            version,
            true,
            ("appsettings.json", """{ "Cors": { "Origins": [ {|CORS303:"*"|} ] } }"""),
            ("appsettings.Development.json", """{ "Cors": { "Origins": [ "http://localhost:5173" ] } }"""));
    }

    [Fact]
    public async Task The_production_file_overrides_the_base_file_index_by_index()
    {
        // Production reads [0] from appsettings.Production.json and keeps [1] of appsettings.json: both are '*'-free
        // except the one production really reads.
        await AppSettingsTest.VerifyAsync(
            CredentialedPolicy,
            ("appsettings.json", """{ "Cors": { "Origins": [ "*", {|CORS303:"*"|} ] } }"""),
            ("appsettings.Production.json", """{ "Cors": { "Origins": [ "https://app.example.com" ] } }"""));
    }

    [Fact]
    public async Task Alone_the_wildcard_fails_startup_and_among_others_it_allows_nothing()
    {
        var test = new CSharpCodeFixVerifier<PolicyAnalyzer, EmptyCodeFixProvider>.Test(AspNetCore.V10, topLevel: true)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.Configuration;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options =>
                {
                    options.AddPolicy("Alone", policy => policy.WithOrigins(builder.Configuration["Cors:Origin"]!).AllowCredentials());
                    options.AddPolicy("Mixed", policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!).AllowCredentials());
                });
                var app = builder.Build();
                app.UseCors("Alone");
                app.Run();
                """,
        };
        test.TestState.AdditionalFiles.Add(("appsettings.json", """{ "Cors": { "Origin": {|#0:"*"|}, "Origins": [ "https://app.example.com", {|#1:"*"|} ] } }"""));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CORS303", DiagnosticSeverity.Warning).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(
            "Cors:Origin",
            "appsettings.json",
            "CORS policy 'Alone'",
            "the app fails at startup in production with InvalidOperationException 'The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time' when the CORS middleware is created. List the allowed origins explicitly in the file."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CORS303", DiagnosticSeverity.Warning).WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(
            "Cors:Origins:1",
            "appsettings.json",
            "CORS policy 'Mixed'",
            "listed with other origins, '*' is compared as an ordinary origin that no browser sends, so it allows nothing; a credentialed policy can only list explicit origins. Remove '*'."));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Startup_class_with_a_builder_and_UseCors(AspNetCore version)
    {
        await AppSettingsTest.VerifyAsync("""
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
                    var origins = _configuration.GetSection("Cors:Origins").Get<string[]>()!;
                    services.AddCors(options => options.AddPolicy("built", new CorsPolicyBuilder(origins).AllowCredentials().Build()));
                }

                public void Configure(IApplicationBuilder app) =>
                    app.UseCors(policy => policy.WithOrigins(_configuration["Cors:Single"]!).AllowCredentials());
            }
            """,
            version,
            false,
            ("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com" ] } }"""),
            ("appsettings.Production.json", """{ "Cors": { "Origins": [ {|CORS303:"*"|} ], "Single": {|CORS303:"*"|} } }"""));
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
                options.AddPolicy("Partners", policy => policy.WithOrigins(partners.CurrentValue.Origins));
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
            ("appsettings.json", """{ "Cors": { "Origins": [ {|CORS303:"*"|} ] }, "Partners": { "Origins": [ "*" ] } }"""));
    }

    // ---- Negative cases ------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_wildcard_only_in_development_or_staging_files_is_not_production()
    {
        await AppSettingsTest.VerifyAsync(
            CredentialedPolicy,
            ("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com" ] } }"""),
            ("appsettings.Development.json", """{ "Cors": { "Origins": [ "*" ] } }"""),
            ("appsettings.Staging.json", """{ "Cors": { "Origins": [ "*" ] } }"""));
    }

    [Fact]
    public async Task The_production_file_replaces_the_base_wildcard()
    {
        await AppSettingsTest.VerifyAsync(
            CredentialedPolicy,
            ("appsettings.json", """{ "Cors": { "Origins": [ "*" ] } }"""),
            ("appsettings.Production.json", """{ "Cors": { "Origins": [ "https://app.example.com" ] } }"""));
    }

    [Fact]
    public async Task Policies_without_credentials_or_confined_to_development_are_silent()
    {
        await AppSettingsTest.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            var origins = builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!;
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Public", policy => policy.WithOrigins(origins));
                options.AddPolicy("Undone", policy => policy.WithOrigins(origins).AllowCredentials().DisallowCredentials());
            });
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddCors(options => options.AddPolicy("Dev", policy => policy.WithOrigins(origins).AllowCredentials()));
            }

            var app = builder.Build();
            app.UseCors("Public");
            app.Run();
            """,
            ("appsettings.json", """{ "Cors": { "Origins": [ "*" ] } }"""));
    }

    [Fact]
    public async Task A_malformed_production_file_or_no_files_say_nothing()
    {
        await AppSettingsTest.VerifyAsync(
            CredentialedPolicy,
            ("appsettings.json", """{ "Cors": { "Origins": [ "*" ] } }"""),
            ("appsettings.Production.json", """{ "Cors": { "Origins": [ "*" ] } } }"""));
        await AppSettingsTest.VerifyAsync(CredentialedPolicy);
    }

    [Fact]
    public async Task Without_AspNetCore_nothing_is_reported()
    {
        await AppSettingsTest.VerifyAsync("""
            public class Settings
            {
                public string[] Origins { get; } = { "*" };
            }
            """,
            AspNetCore.None,
            false,
            ("appsettings.json", """{ "Cors": { "Origins": [ "*" ] } }"""));
    }
}
