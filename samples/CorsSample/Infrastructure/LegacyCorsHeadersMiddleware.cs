namespace CorsSample.Infrastructure;

/// <summary>
/// How the API answered cross-origin calls before it used AddCors/UseCors: the CORS headers were written by hand.
/// It is no longer registered in the pipeline (Program.cs uses UseCors), but it is still in the code base, and it
/// holds the two classic mistakes of hand-written CORS headers (the comments name the rules; see rules.md).
/// </summary>
public sealed class LegacyCorsHeadersMiddleware
{
    private readonly RequestDelegate _next;

    public LegacyCorsHeadersMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/partners"))
        {
            // Partner portals sign in with the user's cookie, so they get their own origin back.
            // (CORS202: every website's origin is echoed, with credentials)
            var origin = context.Request.Headers.Origin.ToString();
            if (!string.IsNullOrEmpty(origin))
            {
                context.Response.Headers.AccessControlAllowOrigin = origin;
                context.Response.Headers.AccessControlAllowCredentials = "true";
            }
        }
        else
        {
            // Everything else is public. (CORS201: browsers reject '*' on a credentialed response)
            context.Response.Headers.AccessControlAllowOrigin = "*";
            context.Response.Headers.AccessControlAllowCredentials = "true";
        }

        await _next(context);
    }
}
