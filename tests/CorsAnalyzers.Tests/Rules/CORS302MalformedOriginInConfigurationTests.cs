using Microsoft.CodeAnalysis.Testing;
using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;

namespace CorsAnalyzers.Tests.Rules;

public class CORS302MalformedOriginInConfigurationTests
{
    private const string ArrayPolicy = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options => options.AddPolicy("Frontend", policy =>
            policy.WithOrigins(builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>()!).AllowCredentials()));
        var app = builder.Build();
        app.UseCors("Frontend");
        app.Run();
        """;

    // ---- Positive cases ------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Malformed_origins_in_a_section_read_as_an_array(AspNetCore version)
    {
        await AppSettingsTest.VerifyAsync(
            ArrayPolicy,
            version,
            true,
            ("appsettings.json", """
            {
              // comments and trailing commas, as ASP.NET Core reads them; keys compare case-insensitively
              "cors": {
                "allowedOrigins": [ {|CORS302:"https://app.example.com/"|}, "https://ok.example.com", {|CORS302:"null"|}, ],
              },
            }
            """),
            ("appsettings.Development.json", """
            { "Cors": { "AllowedOrigins": [ {|CORS302:"localhost:5173"|}, {|CORS302:"https://*.example.com"|} ] } }
            """));
    }

    [Fact]
    public async Task A_helper_in_another_file_that_the_program_calls()
    {
        // The policy's environment is settled at compilation end from its callers (as in the sample's PartnerCors.cs).
        var test = new CSharpCodeFixVerifier<PolicyAnalyzer, EmptyCodeFixProvider>.Test(AspNetCore.V10, topLevel: true)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Shop;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddPartnerCors(builder.Configuration);
                var app = builder.Build();
                app.UseCors("Reports");
                app.Run();
                """,
        };
        test.TestState.Sources.Add(("PartnerCors.cs", """
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            namespace Shop;

            public static class PartnerCors
            {
                public static IServiceCollection AddPartnerCors(this IServiceCollection services, IConfiguration configuration) =>
                    services.AddCors(options => options.AddPolicy("Reports", policy => policy
                        .WithOrigins(configuration.GetSection("Cors:ReportOrigins").Get<string[]>() ?? [])
                        .WithMethods("GET")));
            }
            """));
        test.TestState.AdditionalFiles.Add(("appsettings.json", """{ "Cors": { "ReportOrigins": [ {|CORS302:"https://reports.example.com/"|} ] } }"""));
        test.TestState.AdditionalFiles.Add(("appsettings.Development.json", """{ "Cors": { "ReportOrigins": [ {|CORS302:"localhost:5173"|} ] } }"""));
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        await test.RunAsync();
    }

    [Fact]
    public async Task Every_way_an_origin_never_matches()
    {
        await AppSettingsTest.VerifyAsync(ArrayPolicy, ("appsettings.json", """
            {
              "Cors": {
                "AllowedOrigins": [
                  {|CORS302:"https://app.example.com:443"|},
                  {|CORS302:"https://app.example.com/path"|},
                  {|CORS302:" https://app.example.com"|},
                  {|CORS302:"https://a.example.com,https://b.example.com"|},
                  {|CORS302:"app.example.com"|},
                  {|CORS302:"https:\/\/escaped.example.com\/"|},
                  "https://APP.example.com",
                  "http://localhost:5173",
                  "https://app.example.com:8443"
                ]
              }
            }
            """));
    }

    [Fact]
    public async Task A_key_read_as_one_origin_with_the_indexer_GetValue_or_a_section_value()
    {
        await AppSettingsTest.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var config = builder.Configuration;
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("A", policy => policy.WithOrigins(config["Cors:Origin"]!));
                options.AddPolicy("B", policy => policy.WithOrigins(config.GetValue<string>("Cors:Admin")!, "https://fixed.example.com"));
                options.AddPolicy("C", policy => policy.WithOrigins(config.GetSection("Cors").GetSection("Partner").Value!));
            });
            var app = builder.Build();
            app.UseCors("A");
            app.Run();
            """,
            ("appsettings.json", """
            { "Cors": { "Origin": {|CORS302:"https://app.example.com/"|}, "Admin": {|CORS302:"null"|}, "Partner": {|CORS302:"https://partner.example.com/api"|} } }
            """));
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Startup_class_builder_and_hand_built_policy(AspNetCore version)
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
                    var origins = _configuration.GetSection("Cors:Origins").Get<string[]>() ?? new string[0];
                    services.AddCors(options =>
                    {
                        options.AddPolicy("built", new CorsPolicyBuilder(origins).Build());
                        var handBuilt = new CorsPolicy();
                        handBuilt.Origins.Add(_configuration["Cors:Exact"]!);
                        options.AddPolicy("hand-built", handBuilt);
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors("built");
            }
            """,
            version,
            false,
            ("appsettings.json", """
            { "Cors": { "Origins": [ {|CORS302:"https://shop.example.com/"|} ], "Exact": {|CORS302:"https://Shop.example.com"|} } }
            """));
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Properties_of_a_settings_object_bound_from_a_section(AspNetCore version)
    {
        await AppSettingsTest.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var settings = builder.Configuration.GetSection("Cors").Get<CorsSettings>();
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins(settings?.Origins ?? new string[0]));
                options.AddPolicy("Admin", policy => policy.WithOrigins(builder.Configuration.GetSection("Cors").Get<CorsSettings>()!.Admin.Origin));
                options.AddPolicy("Partners", policy => policy.WithOrigins(settings!.PartnerOrigins));
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();

            public class CorsSettings
            {
                public string[] Origins { get; set; } = new string[0];

                [ConfigurationKeyName("Partners")]
                public string[] PartnerOrigins { get; set; } = new string[0];

                public AdminSettings Admin { get; set; } = new();
            }

            public class AdminSettings
            {
                public string Origin { get; set; } = "";
            }
            """,
            version,
            true,
            ("appsettings.json", """
            { "Cors": { "Origins": [ {|CORS302:"https://app.example.com/"|} ], "Partners": [ {|CORS302:"null"|} ], "Admin": { "Origin": {|CORS302:"https://admin.example.com:443"|} }, "PartnerOrigins": [ "null" ] } }
            """));
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
            ("appsettings.json", """{ "Cors": { "Origins": [ {|CORS302:"https://app.example.com/"|} ] }, "Partners": { "Origins": [ {|CORS302:"null"|} ] } }"""));
    }

    // ---- Negative cases ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Well_formed_origins_and_values_no_policy_reads_are_silent()
    {
        await AppSettingsTest.VerifyAsync(ArrayPolicy,
            ("appsettings.json", """
            { "Cors": { "AllowedOrigins": [ "https://app.example.com", "http://localhost:5173", "https://[::1]:5001" ], "Other": [ "https://x.com/" ] }, "AllowedHosts": "*" }
            """),
            ("appsettings.Production.json", """{ "Cors": { "AllowedOrigins": [ "https://www.example.com" ] }, "Links": { "Home": "https://example.com/" } }"""));
    }

    [Fact]
    public async Task A_malformed_file_reports_nothing()
    {
        await AppSettingsTest.VerifyAsync(ArrayPolicy,
            ("appsettings.json", """{ "Cors": { "AllowedOrigins": [ "https://app.example.com/" ] }"""),
            ("appsettings.Staging.json", """{ "Cors": { "AllowedOrigins": [ "https://app.example.com/" ] }, "cors": { "allowedOrigins": [ "https://app.example.com" ] } }"""));
    }

    [Fact]
    public async Task No_appsettings_files_and_other_additional_files_are_silent()
    {
        await AppSettingsTest.VerifyAsync(ArrayPolicy,
            ("settings.json", """{ "Cors": { "AllowedOrigins": [ "https://app.example.com/" ] } }"""),
            ("appsettings.json.bak", """{ "Cors": { "AllowedOrigins": [ "https://app.example.com/" ] } }"""));
    }

    [Fact]
    public async Task A_custom_predicate_or_the_subdomain_check_decides()
    {
        await AppSettingsTest.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var origins = builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!;
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Predicate", policy => policy.WithOrigins(origins).SetIsOriginAllowed(o => o.EndsWith(".example.com")));
                options.AddPolicy("Subdomains", policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:Shops").Get<string[]>()!).SetIsOriginAllowedToAllowWildcardSubdomains());
            });
            var app = builder.Build();
            app.UseCors("Predicate");
            app.Run();
            """,
            ("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com/" ], "Shops": [ "https://*.shop.example.com" ] } }"""));
    }

    [Fact]
    public async Task A_development_only_policy_ignores_the_production_file_and_a_split_is_CORS010s()
    {
        await AppSettingsTest.VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddCors(options => options.AddPolicy("Dev", policy => policy.WithOrigins(builder.Configuration.GetSection("Dev:Origins").Get<string[]>()!)));
            }

            builder.Services.AddCors(options => options.AddPolicy("Split",
                policy => policy.WithOrigins(builder.Configuration["Cors:List"]!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))));
            var app = builder.Build();
            app.UseCors("Split");
            app.Run();
            """,
            ("appsettings.json", """{ "Cors": { "List": "https://a.example.com/, https://b.example.com" } }"""),
            ("appsettings.Development.json", """{ "Dev": { "Origins": [ {|CORS302:"http://localhost:5173/"|} ] } }"""),
            ("appsettings.Production.json", """{ "Dev": { "Origins": [ "http://localhost:5173/" ] } }"""));
    }

    [Fact]
    public async Task Without_AspNetCore_nothing_is_reported()
    {
        await AppSettingsTest.VerifyAsync("""
            public class Settings
            {
                public string[] Origins { get; } = { "https://app.example.com/" };
            }
            """,
            AspNetCore.None,
            false,
            ("appsettings.json", """{ "Cors": { "Origins": [ "https://app.example.com/" ] } }"""));
    }

    // ---- Fixes (driven through the IDE's TextDocument code-fix context; see AdditionalDocumentFix) ---------------

    private const string FixKey = CORS302MalformedOriginInConfigurationFixer.EquivalenceKey;

    [Fact]
    public async Task The_fix_writes_the_origin_as_browsers_send_it_and_keeps_the_rest_of_the_file()
    {
        var files = await AdditionalDocumentFix.ApplyAsync(new CORS302MalformedOriginInConfigurationFixer(), ArrayPolicy, FixKey, fixAll: false, ("appsettings.json", """
            {
              "Cors": {
                // the dashboard, the shop, a sandboxed widget, a host without its scheme (WithOrigins lower-cases)
                "AllowedOrigins": [ "https://app.example.com/", "https://SHOP.example.com:443/", "null", "app.example.com", ],
              }
            }
            """));
        Assert.Equal("""
            {
              "Cors": {
                // the dashboard, the shop, a sandboxed widget, a host without its scheme (WithOrigins lower-cases)
                "AllowedOrigins": [ "https://app.example.com", "https://SHOP.example.com", "null", "app.example.com", ],
              }
            }
            """, files["appsettings.json"]);
    }

    [Fact]
    public async Task Fix_all_fixes_every_appsettings_file_of_the_project()
    {
        var files = await AdditionalDocumentFix.ApplyAsync(new CORS302MalformedOriginInConfigurationFixer(), ArrayPolicy, FixKey, fixAll: true,
            ("appsettings.json", """{ "Cors": { "AllowedOrigins": [ "https://a.example.com/", " https://b.example.com", "https://*.example.com" ] } }"""),
            ("appsettings.Development.json", """{ "Cors": { "AllowedOrigins": [ "http://localhost:80/" ] } }"""),
            ("appsettings.Staging.json", """{ "Cors": { "AllowedOrigins": [ "https://staging.example.com" ] } }"""));
        Assert.Equal("""{ "Cors": { "AllowedOrigins": [ "https://a.example.com", "https://b.example.com", "https://*.example.com" ] } }""", files["appsettings.json"]);
        Assert.Equal("""{ "Cors": { "AllowedOrigins": [ "http://localhost" ] } }""", files["appsettings.Development.json"]);
        Assert.Equal("""{ "Cors": { "AllowedOrigins": [ "https://staging.example.com" ] } }""", files["appsettings.Staging.json"]);
    }

    [Fact]
    public async Task No_fix_is_offered_for_null_a_missing_scheme_or_a_wildcard_subdomain()
    {
        var json = """{ "Cors": { "AllowedOrigins": [ "null", "app.example.com", "https://*.example.com", "https://a.com,https://b.com" ] } }""";
        var files = await AdditionalDocumentFix.ApplyAsync(new CORS302MalformedOriginInConfigurationFixer(), ArrayPolicy, FixKey, fixAll: false, ("appsettings.json", json));
        Assert.Equal(json, files["appsettings.json"]);
        var (_, _, diagnostics) = await AdditionalDocumentFix.AnalyzeAsync(ArrayPolicy, new Dictionary<string, string> { ["appsettings.json"] = json });
        Assert.Equal(4, diagnostics.Count(d => d.Id == "CORS302"));
    }
}
