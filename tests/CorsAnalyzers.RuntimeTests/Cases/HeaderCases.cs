using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.RuntimeTests.Harness;
using static CorsAnalyzers.RuntimeTests.Harness.RuntimeCase;

namespace CorsAnalyzers.RuntimeTests.Cases;

/// <summary>
/// The hand-written header rules (CORS201-CORS203), each proven on a running app before and after its fix (or, for
/// CORS203, the compliant AddCors + UseCors version). Sources are the rules' analyzer-test snippets: inline
/// <c>app.Use</c> middleware writing <c>Access-Control-*</c> headers, plus an endpoint to call. The fixed apps read
/// <c>Cors:AllowedOrigins</c> from the command line the harness passes (<c>--Cors:AllowedOrigins:0=origin</c>).
/// </summary>
public static class HeaderCases
{
    public static IEnumerable<RuntimeCase> All =>
    [
        new("CORS201 hand-written '*' with credentials: the credentialed answer is one browsers reject", "CORS201", """
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                {|CORS201:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                await next();
            });
            app.MapGet("/me", () => "{ \"user\": \"alice\" }");
            app.Run();
            """)
        {
            FixKey = CORS201HandWrittenWildcardOriginWithCredentialsFixer.AllowConfiguredOriginsKey,
            MessageSays = ["'Access-Control-Allow-Origin: *' together with 'Access-Control-Allow-Credentials: true'"],
            Bug = async app =>
            {
                // A credentialed fetch gets '*' with credentials: the browser rejects exactly this combination.
                (await app.Simple("/me", Origin)).HasStatus(200).AllowsAnyOrigin().HeaderIs("Access-Control-Allow-Credentials", "true");
                (await app.Simple("/me", Evil)).HasStatus(200).AllowsAnyOrigin().HeaderIs("Access-Control-Allow-Credentials", "true");
            },
            Fixed = async app =>
            {
                (await app.Simple("/me", Origin)).HasStatus(200).Allows(Origin, credentials: true).HeaderIs("Vary", "Origin");
                (await app.Simple("/me", Evil)).HasStatus(200).Blocked();
                (await app.Simple("/me", "null")).HasStatus(200).Blocked();
            },
        },
        new("CORS202 echoed Origin with credentials: every site reads the user's data", "CORS202", """
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                var origin = context.Request.Headers.Origin.ToString();
                if (!string.IsNullOrEmpty(origin))
                {
                    {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                    context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                }

                await next();
            });
            app.MapGet("/me", () => "{ \"user\": \"alice\" }");
            app.Run();
            """)
        {
            FixKey = CORS202HandWrittenHeaderReflectsTheRequestOriginFixer.CheckConfiguredOriginsKey,
            MessageSays = ["every website gets its own origin echoed back together with 'Access-Control-Allow-Credentials: true'"],
            Bug = async app =>
            {
                (await app.Simple("/me", Evil)).HasStatus(200).Allows(Evil, credentials: true);
                (await app.Simple("/me", "null")).HasStatus(200).Allows("null", credentials: true);
                (await app.Simple("/me", Origin)).HasStatus(200).Allows(Origin, credentials: true);
            },
            Fixed = async app =>
            {
                (await app.Simple("/me", Evil)).HasStatus(200).Blocked();
                (await app.Simple("/me", "null")).HasStatus(200).Blocked();
                (await app.Simple("/me", Origin)).HasStatus(200).Allows(Origin, credentials: true).HeaderIs("Vary", "Origin");
            },
        },
        new("CORS203 hand-written headers: nothing answers the PUT preflight", "CORS203", """
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = "https://app.example.com"|};
                context.Response.Headers["Access-Control-Allow-Methods"] = "GET, PUT";
                await next();
            });
            app.MapGet("/orders/{id}", (int id) => "{}");
            app.MapPut("/orders/{id}", (int id) => "updated");
            app.Run();
            """)
        {
            Compliant = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy
                    .WithOrigins("https://app.example.com")
                    .WithMethods("GET", "PUT")));
                var app = builder.Build();
                app.UseCors("Frontend");
                app.MapGet("/orders/{id}", (int id) => "{}");
                app.MapPut("/orders/{id}", (int id) => "updated");
                app.Run();
                """,
            MessageSays = ["nothing answers preflight (OPTIONS) requests unless this code ends them with a 2xx status", "headers on the 405/404", "no 'Vary: Origin' is sent"],
            Bug = async app =>
            {
                // The matching headers are written, even on the preflight, but no endpoint answers OPTIONS: routing
                // answers 405, and a browser requires a 2xx preflight before it sends the PUT (BrowserTests shows it).
                (await app.Preflight("/orders/1", Origin, "PUT")).HasStatus(405).Allows(Origin).AllowsMethod("PUT");
                (await app.Preflight("/unmapped", Origin, "PUT")).HasStatus(404).Allows(Origin).AllowsMethod("PUT");
                (await app.Simple("/orders/1", Origin)).HasStatus(200).Allows(Origin).HeaderIs("Vary", null);
            },
            Fixed = async app =>
            {
                (await app.Preflight("/orders/1", Origin, "PUT")).HasStatus(204).Allows(Origin).AllowsMethod("PUT");
                (await app.Simple("/orders/1", Origin, "PUT")).HasStatus(200).Allows(Origin);
                (await app.Preflight("/orders/1", Evil, "PUT")).HasStatus(204).Blocked();
            },
        },
        new("CORS203 hand-written headers behind the implicit authorization: the 401 has no CORS headers", "CORS203", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddBearerToken();
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = "https://app.example.com"|};
                context.Response.Headers["Vary"] = "Origin";
                await next();
            });
            app.MapGet("/orders", () => "[]").RequireAuthorization();
            app.Run();
            """)
        {
            Compliant = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.example.com")));
                builder.Services.AddAuthentication().AddBearerToken();
                builder.Services.AddAuthorization();
                var app = builder.Build();
                app.UseCors("Frontend");
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/orders", () => "[]").RequireAuthorization();
                app.Run();
                """,
            MessageSays = ["responses that end before it runs (exceptions, authentication failures, short-circuits) carry no CORS headers"],
            Bug = async app =>
            {
                // WebApplication runs the authentication and authorization it adds itself before the app's own
                // middleware: the 401 ends the request before the hand-written headers are written.
                (await app.Simple("/orders", Origin)).HasStatus(401).Blocked();
            },
            Fixed = async app => (await app.Simple("/orders", Origin)).HasStatus(401).Allows(Origin),
        },
    ];
}
