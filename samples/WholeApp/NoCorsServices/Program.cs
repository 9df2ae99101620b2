var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages(); // unlike AddControllers, this does not register the CORS services
var app = builder.Build();

// CORS106: UseCors without AddCors: "Unable to resolve service for type 'ICorsService'" at startup.
app.UseCors(policy => policy.WithOrigins("https://portal.example.com"));
app.MapRazorPages();
app.MapGet("/api/status", () => "ok");

app.Run();
