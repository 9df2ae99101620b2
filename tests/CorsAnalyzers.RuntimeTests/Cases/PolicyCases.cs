using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.RuntimeTests.Harness;
using static CorsAnalyzers.RuntimeTests.Harness.RuntimeCase;

namespace CorsAnalyzers.RuntimeTests.Cases;

/// <summary>
/// The policy rules (CORS001-CORS013), each proven on a running app before and after its fix. Sources are the
/// rules' analyzer-test snippets (minimal hosting), one policy each, plus an endpoint to call.
/// </summary>
public static class PolicyCases
{
    private const string WildcardWithCredentials =
        "The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time.";

    public static IEnumerable<RuntimeCase> All =>
    [
        new("CORS001 AddPolicy: startup exception; fixed by allowing the configured origins", "CORS001", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .{|CORS001:AllowAnyOrigin()|}
                    .AllowAnyHeader()
                    .AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapGet("/orders", () => "[]");
            app.Run();
            """)
        {
            FixKey = CORS001WildcardOriginWithCredentialsFixer.AllowConfiguredOriginsKey,
            MessageSays = ["fails at startup", WildcardWithCredentials.TrimEnd('.')],
            Bug = app => Done(app.FailsAtStartup(WildcardWithCredentials)),
            Fixed = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin, credentials: true);
                (await app.Simple("/orders", Evil)).HasStatus(200).Blocked();
            },
        },
        new("CORS001 an unused AddPolicy still fails at startup", "CORS001", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.example.com"));
                options.AddPolicy("Unused", policy => policy.{|CORS001:AllowAnyOrigin()|}.AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapGet("/orders", () => "[]");
            app.Run();
            """)
        {
            FixKey = CORS001WildcardOriginWithCredentialsFixer.RemoveCredentialsKey,
            MessageSays = ["even if the policy is never used"],
            Bug = app => Done(app.FailsAtStartup(WildcardWithCredentials)),
            Fixed = async app => (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin),
        },
        new("CORS001 UseCors(builder): startup exception; fixed by removing AllowCredentials()", "CORS001", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(b => b.WithOrigins({|CORS001:"*"|}).AllowCredentials());
            app.MapGet("/orders", () => "[]");
            app.Run();
            """)
        {
            FixKey = CORS001WildcardOriginWithCredentialsFixer.RemoveCredentialsKey,
            MessageSays = ["this UseCors call throws InvalidOperationException"],
            Bug = app => Done(Assert.IsType<InvalidOperationException>(app.FailsAtStartup(WildcardWithCredentials))),
            Fixed = async app =>
            {
                var answer = (await app.Simple("/orders", Evil)).HasStatus(200).AllowsAnyOrigin();
                answer.HeaderIs("Access-Control-Allow-Credentials", null);
            },
        },
        new("CORS001 hand-built CorsPolicy: 500 for every request with an Origin", "CORS001", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var open = new CorsPolicy { SupportsCredentials = true, Origins = { {|CORS001:"*"|} } };
            builder.Services.AddCors(o => o.AddPolicy("open", open));
            var app = builder.Build();
            app.UseCors("open");
            app.MapGet("/orders", () => "[]");
            app.Run();
            """)
        {
            FixKey = CORS001WildcardOriginWithCredentialsFixer.RemoveCredentialsKey,
            MessageSays = ["every request with an Origin header gets a 500 because CorsService throws ArgumentException"],
            Bug = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(500).Blocked();
                await app.Logged("ArgumentException: " + WildcardWithCredentials);
                (await app.Simple("/orders", origin: null)).HasStatus(200);
            },
            Fixed = async app => (await app.Simple("/orders", Origin)).HasStatus(200).AllowsAnyOrigin(),
        },
        new("CORS002 SetIsOriginAllowed(_ => true) with credentials echoes every origin", "CORS002", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .{|CORS002:SetIsOriginAllowed(_ => true)|}
                    .AllowAnyHeader()
                    .AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapGet("/me", () => "{ \"user\": \"alice\" }");
            app.Run();
            """)
        {
            Bug = async app =>
            {
                (await app.Simple("/me", Evil)).HasStatus(200).Allows(Evil, credentials: true).HeaderIs("Vary", "Origin");
                (await app.Simple("/me", "null")).HasStatus(200).Allows("null", credentials: true);
            },
            Fixed = async app =>
            {
                (await app.Simple("/me", Evil)).HasStatus(200).Blocked();
                (await app.Simple("/me", "null")).HasStatus(200).Blocked();
                (await app.Simple("/me", Origin)).HasStatus(200).Allows(Origin, credentials: true);
            },
        },
        new("CORS003 AllowAnyOrigin outside development answers every site", "CORS003", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Public", policy => policy.{|CORS003:AllowAnyOrigin()|}.AllowAnyHeader());
            });
            var app = builder.Build();
            app.UseCors("Public");
            app.MapGet("/orders", () => "[]");
            app.Run();
            """)
        {
            Bug = async app => (await app.Simple("/orders", Evil)).HasStatus(200).AllowsAnyOrigin(),
            Fixed = async app =>
            {
                (await app.Simple("/orders", Evil)).HasStatus(200).Blocked();

                // One allowed origin: no Vary: Origin (a shared cache cannot tell the variants apart; see CORS104).
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin).HeaderIs("Vary", null);
            },
        },
        new("CORS004 trailing slash never matches", "CORS004", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins({|CORS004:"https://app.example.com/"|}, "https://admin.example.com"));
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapGet("/orders", () => "[]");
            app.Run();
            """)
        {
            Bug = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Blocked();
                (await app.Simple("/orders", "https://admin.example.com")).HasStatus(200).Allows("https://admin.example.com");
            },
            Fixed = async app => (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin).HeaderIs("Vary", "Origin"),
        },
        new("CORS004 default port and a leading space never match", "CORS004", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddDefaultPolicy(policy => policy.WithOrigins({|CORS004:"https://app.example.com:443"|}));
                options.AddPolicy("Space", policy => policy.WithOrigins({|CORS004:" https://app.example.com"|}));
            });
            var app = builder.Build();
            app.UseCors();
            app.MapGet("/orders", () => "[]");
            app.MapGet("/space", () => "[]").RequireCors("Space");
            app.Run();
            """)
        {
            Bug = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Blocked();
                (await app.Simple("/space", Origin)).HasStatus(200).Blocked();
            },
            Fixed = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin);
                (await app.Simple("/space", Origin)).HasStatus(200).Allows(Origin);
            },
        },
        new("CORS005 wildcard subdomain without SetIsOriginAllowedToAllowWildcardSubdomains()", "CORS005", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Tenants", policy => policy
                    .WithOrigins({|CORS005:"https://*.example.com"|}, "https://example.com")
                    .AllowAnyHeader());
            });
            var app = builder.Build();
            app.UseCors("Tenants");
            app.MapGet("/orders", () => "[]");
            app.Run();
            """)
        {
            FixKey = CORS005WildcardSubdomainMisuseFixer.AddCallKey,
            Bug = async app => (await app.Simple("/orders", "https://app.example.com")).HasStatus(200).Blocked(),
            Fixed = async app =>
            {
                (await app.Simple("/orders", "https://app.example.com")).HasStatus(200).Allows("https://app.example.com");
                (await app.Simple("/orders", "https://a.b.example.com")).HasStatus(200).Allows("https://a.b.example.com");
                (await app.Simple("/orders", "https://evilexample.com")).HasStatus(200).Blocked();
            },
        },
        new("CORS006 'null' origin is answered with credentials", "CORS006", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Embeds", policy => policy.WithOrigins("https://app.example.com", {|CORS006:"null"|}).AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("Embeds");
            app.MapGet("/me", () => "{ \"user\": \"alice\" }");
            app.Run();
            """)
        {
            Bug = async app => (await app.Simple("/me", "null")).HasStatus(200).Allows("null", credentials: true),
            Fixed = async app =>
            {
                (await app.Simple("/me", "null")).HasStatus(200).Blocked();
                (await app.Simple("/me", Origin)).HasStatus(200).Allows(Origin, credentials: true);
            },
        },
        new("CORS007 EndsWith(\"example.com\") lets look-alike origins in", "CORS007", """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("ends", p => p.SetIsOriginAllowed(origin => {|CORS007:origin.EndsWith("example.com", StringComparison.OrdinalIgnoreCase)|}).AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("ends");
            app.MapGet("/me", () => "{ \"user\": \"alice\" }");
            app.Run();
            """)
        {
            Compliant = """
                using System;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options =>
                {
                    options.AddPolicy("ends", p => p.SetIsOriginAllowed(origin =>
                    {
                        var host = new Uri(origin).Host;
                        return host == "example.com" || host.EndsWith(".example.com", StringComparison.OrdinalIgnoreCase);
                    }).AllowCredentials());
                });
                var app = builder.Build();
                app.UseCors("ends");
                app.MapGet("/me", () => "{ \"user\": \"alice\" }");
                app.Run();
                """,
            Bug = async app =>
            {
                (await app.Simple("/me", "https://evilexample.com")).HasStatus(200).Allows("https://evilexample.com", credentials: true);
                (await app.Simple("/me", "http://attacker.test/?x=example.com")).HasStatus(200).Allows("http://attacker.test/?x=example.com", credentials: true);
            },
            Fixed = async app =>
            {
                (await app.Simple("/me", "https://evilexample.com")).HasStatus(200).Blocked();
                (await app.Simple("/me", Origin)).HasStatus(200).Allows(Origin, credentials: true);
            },
        },
        new("CORS008 '*' among explicit origins allows only the explicit ones", "CORS008", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddDefaultPolicy(policy => policy.WithOrigins({|CORS008:"*"|}, "https://app.example.com"));
            });
            var app = builder.Build();
            app.UseCors();
            app.MapGet("/catalogue", () => "[]");
            app.Run();
            """)
        {
            FixKey = CORS008WildcardLostAmongExplicitOriginsFixer.KeepWildcardKey,
            Bug = async app =>
            {
                (await app.Simple("/catalogue", Evil)).HasStatus(200).Blocked();
                (await app.Simple("/catalogue", Origin)).HasStatus(200).Allows(Origin);
            },
            Fixed = async app => (await app.Simple("/catalogue", Evil)).HasStatus(200).AllowsAnyOrigin(),
        },
        new("CORS009 localhost origin is answered in production", "CORS009", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .WithOrigins("https://app.example.com", {|CORS009:"http://localhost:4200"|})
                    .AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapGet("/me", () => "{ \"user\": \"alice\" }");
            app.Run();
            """)
        {
            Compliant = """
                using System;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.Configuration;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options =>
                    options.AddPolicy("Frontend", policy => policy
                        .WithOrigins(builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>())
                        .AllowCredentials()));
                var app = builder.Build();
                app.UseCors("Frontend");
                app.MapGet("/me", () => "{ \"user\": \"alice\" }");
                app.Run();
                """,
            Bug = async app => (await app.Simple("/me", "http://localhost:4200")).HasStatus(200).Allows("http://localhost:4200", credentials: true),
            Fixed = async app =>
            {
                (await app.Simple("/me", "http://localhost:4200")).HasStatus(200).Blocked();
                (await app.Simple("/me", Origin)).HasStatus(200).Allows(Origin, credentials: true);
            },
        },
        new("CORS010 Split(',') keeps the space before the second origin", "CORS010", """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Split", policy => policy.WithOrigins(builder.Configuration["Cors:Origins"]!.{|CORS010:Split(',')|}));
            });
            var app = builder.Build();
            app.UseCors("Split");
            app.MapGet("/orders", () => "[]");
            app.Run();
            """)
        {
            FixKey = CORS010OriginsReadFromConfigurationAsOneStringFixer.TrimEntriesKey,
            Args = ["--Cors:Origins=https://admin.example.com, %ORIGIN%"],
            Bug = async app =>
            {
                (await app.Simple("/orders", "https://admin.example.com")).HasStatus(200).Allows("https://admin.example.com");
                (await app.Simple("/orders", Origin)).HasStatus(200).Blocked();
            },
            Fixed = async app =>
            {
                (await app.Simple("/orders", "https://admin.example.com")).HasStatus(200).Allows("https://admin.example.com");
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin);
            },
        },
        new("CORS010 one configured string never matches", "CORS010", """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins({|CORS010:builder.Configuration["Cors:Origins"]|}!).AllowAnyHeader());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapGet("/orders", () => "[]");
            app.Run();
            """)
        {
            FixKey = CORS010OriginsReadFromConfigurationAsOneStringFixer.ReadArrayKey,
            Args = ["--Cors:Origins=https://admin.example.com,%ORIGIN%"],
            FixedArgs = ["--Cors:Origins:0=https://admin.example.com", "--Cors:Origins:1=%ORIGIN%"],
            Bug = async app =>
            {
                (await app.Simple("/orders", "https://admin.example.com")).HasStatus(200).Blocked();
                (await app.Simple("/orders", Origin)).HasStatus(200).Blocked();
            },
            Fixed = async app =>
            {
                (await app.Simple("/orders", "https://admin.example.com")).HasStatus(200).Allows("https://admin.example.com");
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin);
            },
        },
        new("CORS011 WithMethods(\"put\") fails the PUT preflight", "CORS011", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .WithOrigins("https://app.example.com")
                    .WithMethods("GET", {|CORS011:"put"|}, "POST"));
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapPut("/orders/{id}", (int id) => "updated");
            app.Run();
            """)
        {
            Bug = async app => (await app.Preflight("/orders/1", Origin, "PUT")).HasStatus(204).Allows(Origin).AllowsMethod("put").DoesNotAllowMethod("PUT"),
            Fixed = async app => (await app.Preflight("/orders/1", Origin, "PUT")).HasStatus(204).Allows(Origin).AllowsMethod("PUT"),
        },
        new("CORS012 origins only: PUT and JSON preflights get no Allow-Methods / Allow-Headers", "CORS012", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
                options.AddPolicy("Frontend", policy => policy.{|CORS012:WithOrigins("https://app.example.com")|}));
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapGet("/api/orders", () => "[]");
            app.MapPost("/api/orders", ([FromBody] OrderDto order) => "created");
            app.MapPut("/api/orders/{id}", (int id, OrderDto order) => "updated");
            app.MapDelete("/api/orders/{id}", (int id) => "deleted");
            app.Run();

            public record OrderDto(string Product, int Quantity);
            """)
        {
            Bug = async app =>
            {
                (await app.Preflight("/api/orders/1", Origin, "PUT", "content-type")).HasStatus(204).Allows(Origin)
                    .HeaderIs("Access-Control-Allow-Methods", null).HeaderIs("Access-Control-Allow-Headers", null);
                (await app.Preflight("/api/orders", Origin, "POST", "content-type")).HasStatus(204).Allows(Origin)
                    .HeaderIs("Access-Control-Allow-Headers", null);
            },
            Fixed = async app =>
            {
                (await app.Preflight("/api/orders/1", Origin, "PUT", "content-type")).HasStatus(204).Allows(Origin)
                    .AllowsMethod("PUT").HeaderIs("Access-Control-Allow-Headers", "Content-Type");
                (await app.Preflight("/api/orders/1", Origin, "DELETE")).HasStatus(204).AllowsMethod("DELETE");
            },
        },
        new("CORS013 a max age beyond 2 hours is sent as written", "CORS013", """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .WithOrigins("https://app.example.com")
                    .WithMethods("PUT")
                    .SetPreflightMaxAge({|CORS013:TimeSpan.FromHours(3)|}));
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapPut("/orders/{id}", (int id) => "updated");
            app.Run();
            """)
        {
            Bug = async app => (await app.Preflight("/orders/1", Origin, "PUT")).HasStatus(204).HeaderIs("Access-Control-Max-Age", "10800"),
            Fixed = async app => (await app.Preflight("/orders/1", Origin, "PUT")).HasStatus(204).HeaderIs("Access-Control-Max-Age", "7200"),
        },
        new("CORS013 a negative max age fails at startup", "CORS013", """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(b => b.WithOrigins("https://app.example.com").WithMethods("PUT").SetPreflightMaxAge({|CORS013:TimeSpan.FromSeconds(-1)|}));
            app.MapPut("/orders/{id}", (int id) => "updated");
            app.Run();
            """)
        {
            MessageSays = ["ArgumentOutOfRangeException", "this UseCors call throws at startup"],
            Bug = app => Done(Assert.IsType<ArgumentOutOfRangeException>(app.FailsAtStartup("PreflightMaxAge"))),
            Fixed = async app => (await app.Preflight("/orders/1", Origin, "PUT")).HasStatus(204).Allows(Origin).HeaderIs("Access-Control-Max-Age", "0"),
        },
    ];

    private static Task Done(object _) => Task.CompletedTask;
}
