using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.RuntimeTests.Harness;
using static CorsAnalyzers.RuntimeTests.Harness.RuntimeCase;

namespace CorsAnalyzers.RuntimeTests.Cases;

/// <summary>
/// The pipeline rules (CORS101-CORS114), each proven on a running app before and after its fix. Sources are the
/// rules' analyzer-test snippets plus what the app needs to be called: an endpoint, an authentication scheme that
/// answers 401, a throwing endpoint.
/// </summary>
public static class PipelineCases
{
    public static IEnumerable<RuntimeCase> All =>
    [
        new("CORS101 UseAuthorization before UseCors: the 401 has no CORS headers", "CORS101", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            builder.Services.AddAuthentication().AddBearerToken();
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseAuthorization();
            app.{|CORS101:UseCors("spa")|};
            app.MapGet("/orders", () => "[]").RequireAuthorization();
            app.Run();
            """)
        {
            FixKey = UseCorsPlacementFixer.CORS101Key,
            Bug = async app => (await app.Simple("/orders", Origin)).HasStatus(401).Blocked(),
            Fixed = async app => (await app.Simple("/orders", Origin)).HasStatus(401).Allows(Origin),
        },
        new("CORS101 implicit authorization on an [Authorize] endpoint with CORS metadata: even the preflight gets 401", "CORS101", """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com").AllowAnyMethod().AllowAnyHeader()));
            builder.Services.AddAuthentication().AddBearerToken();
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.MapGet("/orders", [Authorize] () => "[]").RequireCors(p => p.WithOrigins("https://app.example.com").AllowAnyHeader());
            app.{|CORS101:UseCors()|};
            app.Run();
            """)
        {
            FixKey = InsertPipelineStatementFixer.CORS101Key,
            Bug = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(401).Blocked();
                (await app.Preflight("/orders", Origin, "GET", "authorization")).HasStatus(401).Blocked();
            },
            Fixed = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(401).Allows(Origin);
                (await app.Preflight("/orders", Origin, "GET", "authorization")).HasStatus(204).Allows(Origin);
            },
        },
        new("CORS102 UseCors after UseEndpoints never runs for the endpoints", "CORS102", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors();

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapGet("/", () => "ok"));
                    app.{|CORS102:UseCors(p => p.WithOrigins("https://app.example.com").WithMethods("PUT"))|};
                }
            }
            """)
        {
            Startup = true,
            Bug = async app =>
            {
                (await app.Simple("/", Origin)).HasStatus(200).Blocked();
                (await app.Preflight("/", Origin, "PUT")).HasStatus(405).Blocked();
            },
            Fixed = async app =>
            {
                (await app.Simple("/", Origin)).HasStatus(200).Allows(Origin);
                (await app.Preflight("/", Origin, "PUT")).HasStatus(204).Allows(Origin).AllowsMethod("PUT");
            },
        },
        new("CORS103 UseCors before UseRouting: an endpoint with CORS metadata fails with 500", "CORS103", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            builder.Services.AddAuthorization();
            var app = builder.Build();
            /* CORS first */ app.{|CORS103:UseCors("spa")|};
            app.UseRouting();
            app.UseAuthorization();
            app.MapGet("/", () => "ok");
            app.MapGet("/orders", () => "[]").RequireCors("spa");
            app.Run();
            """)
        {
            Bug = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(500).Blocked();
                (await app.Simple("/orders", origin: null)).HasStatus(500);
            },
            Fixed = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin);
                (await app.Simple("/", Origin)).HasStatus(200).Allows(Origin);
            },
        },
        new("CORS104 UseResponseCaching before UseCors replays a response cached without CORS headers", "CORS104", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddResponseCaching();
                    services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com", "https://b.example.com")));
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseResponseCaching();
                    app.{|CORS104:UseCors()|};
                    app.UseEndpoints(e => e.MapGet("/catalogue", (HttpContext context) =>
                    {
                        context.Response.Headers.CacheControl = "public, max-age=60";
                        return "[]";
                    }));
                }
            }
            """)
        {
            Startup = true,
            Bug = async app =>
            {
                (await app.Simple("/catalogue", origin: null)).HasStatus(200);
                (await app.Simple("/catalogue", Origin)).HasStatus(200).Blocked();
            },
            Fixed = async app =>
            {
                (await app.Simple("/catalogue", origin: null)).HasStatus(200);
                var cached = (await app.Simple("/catalogue", Origin)).HasStatus(200).Allows(Origin);
                Assert.True(cached.Header("Age") is not null, $"expected the cached copy (an Age header):\n{cached}");
            },
        },
        new("CORS105 RequireCors and [EnableCors] without UseCors: every request gets 500", "CORS105", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.MapGet("/a", () => "a").{|CORS105:RequireCors("spa")|};
            app.MapGet("/b", [{|CORS105:EnableCors("spa")|}] () => "b");
            app.Run();
            """)
        {
            MessageSays = ["contains CORS metadata, but a middleware was not found that supports CORS"],
            Bug = async app =>
            {
                (await app.Simple("/a", Origin)).HasStatus(500).Blocked();
                await app.Logged("contains CORS metadata, but a middleware was not found that supports CORS");
                (await app.Simple("/a", origin: null)).HasStatus(500);
                (await app.Simple("/b", Origin)).HasStatus(500).Blocked();
            },
            Fixed = async app =>
            {
                (await app.Simple("/a", Origin)).HasStatus(200).Allows(Origin);
                (await app.Simple("/b", Origin)).HasStatus(200).Allows(Origin);
            },
        },
        new("CORS106 UseCors(policy) without AddCors fails at startup", "CORS106", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.{|CORS106:UseCors(p => p.WithOrigins("https://app.example.com"))|};
            app.MapRazorPages();
            app.MapHealthChecks("/health");
            app.Run();
            """)
        {
            MessageSays = ["Unable to resolve service for type ICorsService"],
            Bug = app => Done(app.FailsAtStartup("Unable to resolve service for type 'Microsoft.AspNetCore.Cors.Infrastructure.ICorsService'")),
            Fixed = async app => (await app.Simple("/health", Origin)).HasStatus(200).Allows(Origin),
        },
        new("CORS106 UseCors() without AddCors fails at startup", "CORS106", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.{|CORS106:UseCors()|};
            app.MapHealthChecks("/health").RequireCors(p => p.WithOrigins("https://app.example.com"));
            app.Run();
            """)
        {
            MessageSays = ["Multiple constructors accepting all given argument types have been found in type"],
            Bug = app => Done(app.FailsAtStartup("Multiple constructors accepting all given argument types have been found in type 'Microsoft.AspNetCore.Cors.Infrastructure.CorsMiddleware'")),
            Fixed = async app => (await app.Simple("/health", Origin)).HasStatus(200).Allows(Origin),
        },
        new("CORS107 a policy name in the wrong case adds no CORS headers", "CORS107", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors({|CORS107:"frontend"|});
            app.MapGet("/orders", () => "[]");
            app.Run();
            """)
        {
            MessageSays = ["No CORS policy found for the specified request"],
            Bug = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Blocked();
                await app.Logged("No CORS policy found for the specified request");
            },
            Fixed = async app => (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin),
        },
        new("CORS107 an undefined endpoint policy: the preflight runs the DELETE handler", "CORS107", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com").WithMethods("DELETE")));
            var app = builder.Build();
            app.UseCors();
            app.MapDelete("/orders/{id}", (int id) => "deleted").RequireCors({|CORS107:"frontend"|});
            app.Run();
            """)
        {
            Bug = async app =>
            {
                var preflight = (await app.Preflight("/orders/1", Origin, "DELETE")).HasStatus(200).Blocked();
                Assert.True(preflight.Body == "deleted", $"expected the DELETE handler to answer the preflight:\n{preflight}");
            },
            Fixed = async app =>
            {
                var preflight = (await app.Preflight("/orders/1", Origin, "DELETE")).HasStatus(204).Allows(Origin).AllowsMethod("DELETE");
                Assert.Equal("", preflight.Body);
            },
        },
        new("CORS108 a policy defined but never applied: no CORS headers", "CORS108", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddCors(o => o.{|CORS108:AddPolicy("spa", p => p.WithOrigins("https://app.example.com"))|});
            var app = builder.Build();
            app.UseAuthorization();
            app.MapControllers();
            app.Run();

            [ApiController]
            public class OrdersController : ControllerBase
            {
                [HttpGet("/orders")] public string Get() => "[]";
            }
            """)
        {
            Bug = async app => (await app.Simple("/orders", Origin)).HasStatus(200).Blocked(),
            Fixed = async app => (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin),
        },
        new("CORS109 two UseCors: the first answers every preflight", "CORS109", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o =>
            {
                o.AddPolicy("public", p => p.AllowAnyOrigin());
                o.AddPolicy("admin", p => p.WithOrigins("https://admin.example.com").WithMethods("DELETE"));
            });
            var app = builder.Build();
            app.UseCors("public");
            app.{|CORS109:UseCors("admin")|};
            app.MapGet("/catalogue", () => "[]");
            app.MapDelete("/admin/orders/{id}", (int id) => "deleted");
            app.Run();
            """)
        {
            Compliant = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(o =>
                {
                    o.AddPolicy("public", p => p.AllowAnyOrigin());
                    o.AddPolicy("admin", p => p.WithOrigins("https://admin.example.com").WithMethods("DELETE"));
                });
                var app = builder.Build();
                app.UseCors("public");
                app.MapGet("/catalogue", () => "[]");
                app.MapDelete("/admin/orders/{id}", (int id) => "deleted").RequireCors("admin");
                app.Run();
                """,
            Bug = async app => (await app.Preflight("/admin/orders/1", "https://admin.example.com", "DELETE")).HasStatus(204).AllowsAnyOrigin()
                .HeaderIs("Access-Control-Allow-Methods", null),
            Fixed = async app => (await app.Preflight("/admin/orders/1", "https://admin.example.com", "DELETE")).HasStatus(204)
                .Allows("https://admin.example.com").AllowsMethod("DELETE"),
        },
        new("CORS109 the same policy twice, fixed by removing the duplicate", "CORS109", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com", "https://admin.example.com")));

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors("spa");
                    app.{|CORS109:UseCors("spa")|};
                    app.UseEndpoints(e => e.MapGet("/orders", () => "[]"));
                }
            }
            """)
        {
            Startup = true,
            Bug = async app => (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin).HeaderIs("Vary", "Origin, Origin"),
            Fixed = async app => (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin).HeaderIs("Vary", "Origin"),
        },
        new("CORS110 [DisableCors] under a RequireCors convention still gets CORS headers", "CORS110", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors();
            app.MapControllers().RequireCors("spa");
            app.Run();

            [ApiController]
            public class OrdersController : ControllerBase
            {
                [HttpGet("/orders")] public string Get() => "[]";

                // Internal tooling only.
                [{|CORS110:DisableCors|}]
                [HttpDelete("/orders")] public void Delete() { }
            }
            """)
        {
            Bug = async app =>
            {
                (await app.Simple("/orders", Origin, "DELETE")).Allows(Origin);
                (await app.Preflight("/orders", Origin, "DELETE")).HasStatus(204).Allows(Origin);
            },
            // The fix removes the attribute that never worked: the endpoint behaves exactly as before.
            Fixed = async app => (await app.Simple("/orders", Origin, "DELETE")).Allows(Origin),
        },
        new("CORS111 middleware answering OPTIONS before UseCors: the preflight has no CORS headers", "CORS111", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                if ({|CORS111:HttpMethods.IsOptions(context.Request.Method)|})
                {
                    context.Response.StatusCode = 204;
                    return;
                }

                await next();
            });
            app.UseCors(p => p.WithOrigins("https://app.example.com").AllowAnyMethod());
            app.MapPut("/orders/{id}", (int id) => "updated");
            app.Run();
            """)
        {
            Bug = async app => (await app.Preflight("/orders/1", Origin, "PUT")).HasStatus(204).Blocked(),
            Fixed = async app => (await app.Preflight("/orders/1", Origin, "PUT")).HasStatus(204).Allows(Origin).AllowsMethod("PUT"),
        },
        new("CORS112 HTTPS redirection before UseCors: the preflight is redirected without CORS headers", "CORS112", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("assets", p => p.WithOrigins("https://shop.example.com").AllowAnyHeader()));
            var app = builder.Build();
            app.UseHttpsRedirection();
            app.UseStaticFiles();
            app.{|CORS112:UseCors("assets")|};
            app.MapGet("/prices", () => "[]");
            app.Run();
            """)
        {
            Args = ["--https_port=8443"],
            Bug = async app =>
            {
                (await app.Preflight("/prices", "https://shop.example.com", "GET", "x-requested-with")).HasStatus(307).Blocked();
                (await app.Simple("/prices", "https://shop.example.com")).HasStatus(307).Blocked();
            },
            Fixed = async app =>
            {
                (await app.Preflight("/prices", "https://shop.example.com", "GET", "x-requested-with")).HasStatus(204).Allows("https://shop.example.com");
                (await app.Simple("/prices", "https://shop.example.com")).HasStatus(307).Allows("https://shop.example.com");
            },
        },
        new("CORS113 no exception handler: an unhandled exception is a 500 without CORS headers", "CORS113", """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.{|CORS113:UseCors(p => p.WithOrigins("https://app.example.com"))|};
            app.MapGet("/", () => "ok");
            app.MapGet("/boom", string () => throw new InvalidOperationException("boom"));
            app.Run();
            """)
        {
            Bug = async app =>
            {
                (await app.Simple("/", Origin)).HasStatus(200).Allows(Origin);
                (await app.Simple("/boom", Origin)).HasStatus(500).Blocked();
                await app.Logged("InvalidOperationException: boom");
            },
            Fixed = async app => (await app.Simple("/boom", Origin)).HasStatus(500).Allows(Origin),
        },
        new("CORS114 SignalR hub under a policy without credentials: negotiate lacks Allow-Credentials", "CORS114", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSignalR();
            builder.Services.AddCors(o => o.AddPolicy("chat", p => p.WithOrigins("https://app.example.com").AllowAnyHeader().AllowAnyMethod()));
            var app = builder.Build();
            app.UseCors();
            app.{|CORS114:MapHub<ChatHub>("/chat")|}.RequireCors("chat");
            app.Run();

            public class ChatHub : Hub { }
            """)
        {
            Compliant = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.SignalR;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddSignalR();
                builder.Services.AddCors(o => o.AddPolicy("chat", p => p
                    .WithOrigins("https://app.example.com")
                    .AllowAnyHeader()
                    .AllowAnyMethod()
                    .AllowCredentials()));
                var app = builder.Build();
                app.UseCors();
                app.MapHub<ChatHub>("/chat").RequireCors("chat");
                app.Run();

                public class ChatHub : Hub { }
                """,
            Bug = async app =>
            {
                (await app.Preflight("/chat/negotiate?negotiateVersion=1", Origin, "POST", "x-requested-with,x-signalr-user-agent")).HasStatus(204).Allows(Origin)
                    .HeaderIs("Access-Control-Allow-Credentials", null);
                (await app.Simple("/chat/negotiate?negotiateVersion=1", Origin, "POST")).HasStatus(200).Allows(Origin)
                    .HeaderIs("Access-Control-Allow-Credentials", null);
            },
            Fixed = async app =>
            {
                (await app.Preflight("/chat/negotiate?negotiateVersion=1", Origin, "POST", "x-requested-with,x-signalr-user-agent")).HasStatus(204).Allows(Origin, credentials: true);
                (await app.Simple("/chat/negotiate?negotiateVersion=1", Origin, "POST")).HasStatus(200).Allows(Origin, credentials: true);
            },
        },
    ];

    private static Task Done(object _) => Task.CompletedTask;
}
