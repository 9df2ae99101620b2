using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CorsAnalyzers.RuntimeTests.Harness;

/// <summary>
/// A compiled app started in this process the way <c>dotnet app.dll</c> would start it: its entry point runs on its
/// own thread with <c>--urls http://127.0.0.1:{port}</c>, so Kestrel really listens and requests really go over
/// TCP. The built host is caught through the "Microsoft.Extensions.Hosting" DiagnosticListener ("HostBuilt"), as
/// WebApplicationFactory does for top-level programs, so the test can wait until it listens and stop it.
/// A startup exception is the entry point's exception (<see cref="StartupException"/>).
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Task _exited;
    private readonly IHost? _host;

    private RunningApp(int port, Task exited, IHost? host, Exception? startupException, LogSink logs)
    {
        Logs = logs;
        Port = port;
        _exited = exited;
        _host = host;
        StartupException = startupException;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>What the app logged (Warning and above, and the CORS middleware's Information messages).</summary>
    public LogSink Logs { get; }

    /// <summary>Why the app failed to start (the entry point's exception), or null when it listens.</summary>
    public Exception? StartupException { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Loads <paramref name="image"/> in its own load context and runs its entry point with <paramref name="args"/> plus the URL.</summary>
    public static async Task<RunningApp> StartAsync(byte[] image, IEnumerable<string> args, int port = 0)
    {
        port = port == 0 ? FreePort() : port;
        var context = new AppLoadContext(image);
        var assembly = context.Main;
        var name = assembly.GetName().Name!;
        var allArgs = new List<string>
        {
            "--urls", $"http://127.0.0.1:{port}",
            "--environment", "Production",
            $"--applicationName={name}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore.Cors=Information",
            "--Logging:Console:LogLevel:Default=None", // the apps' logs go to Logs, not to the test run's console
        };
        allArgs.AddRange(args);

        var logs = new LogSink();
        var built = new TaskCompletionSource<IHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = HostListener.Watch(name, host =>
        {
            host.Services.GetService<ILoggerFactory>()?.AddProvider(logs);
            built.TrySetResult(host);
            host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started.TrySetResult());
        });

        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            using var scope = context.EnterContextualReflection();
            try
            {
                var entry = assembly.EntryPoint!;
                var result = entry.Invoke(null, entry.GetParameters().Length == 0 ? null : new object[] { allArgs.ToArray() });
                if (result is Task task)
                {
                    task.GetAwaiter().GetResult();
                }

                exited.TrySetResult();
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                exited.TrySetException(exception.InnerException);
            }
            catch (Exception exception)
            {
                exited.TrySetException(exception);
            }
        })
        { IsBackground = true, Name = $"app {name}" };
        thread.Start();

        var first = await Task.WhenAny(started.Task, exited.Task, Task.Delay(StartTimeout));
        if (first == exited.Task)
        {
            var exception = exited.Task.Exception?.InnerException ?? new InvalidOperationException("the app's entry point returned before the app listened");
            if (built.Task.IsCompletedSuccessfully)
            {
                try
                {
                    built.Task.Result.Dispose();
                }
                catch (Exception)
                {
                    // a host that failed to start may fail to dispose too; the test is about the startup exception
                }
            }

            return new RunningApp(port, exited.Task, null, exception, logs);
        }

        if (first != started.Task)
        {
            throw new TimeoutException($"the app did not start listening on 127.0.0.1:{port} within {StartTimeout.TotalSeconds} s");
        }

        return new RunningApp(port, exited.Task, built.Task.Result, null, logs);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is null)
        {
            return;
        }

        _host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await Task.WhenAny(_exited, Task.Delay(TimeSpan.FromSeconds(15)));
    }

    /// <summary>Resolves the app's own assembly by name (MVC loads the application assembly by name); everything else comes from the shared framework.</summary>
    private sealed class AppLoadContext : AssemblyLoadContext
    {
        public AppLoadContext(byte[] image)
            : base(isCollectible: false)
        {
            Main = LoadFromStream(new MemoryStream(image));
        }

        public Assembly Main { get; }

        protected override Assembly? Load(AssemblyName assemblyName) =>
            AssemblyName.ReferenceMatchesDefinition(assemblyName, Main.GetName()) ? Main : null;
    }

    /// <summary>Hands each built host whose application name matches to the one waiting for it.</summary>
    private sealed class HostListener : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private static readonly object Gate = new();
        private static readonly List<(string Name, Action<IHost> OnBuilt)> Waiting = [];
        private static readonly IDisposable Subscription = DiagnosticListener.AllListeners.Subscribe(new HostListener());

        public static IDisposable Watch(string applicationName, Action<IHost> onBuilt)
        {
            GC.KeepAlive(Subscription);
            var entry = (applicationName, onBuilt);
            lock (Gate)
            {
                Waiting.Add(entry);
            }

            return new Unwatch(() =>
            {
                lock (Gate)
                {
                    Waiting.Remove(entry);
                }
            });
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.Extensions.Hosting")
            {
                listener.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key != "HostBuilt" || value.Value is not IHost host)
            {
                return;
            }

            var name = host.Services.GetService<IHostEnvironment>()?.ApplicationName;
            Action<IHost>? onBuilt;
            lock (Gate)
            {
                onBuilt = Waiting.FirstOrDefault(w => w.Name == name).OnBuilt;
            }

            onBuilt?.Invoke(host);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        private sealed class Unwatch(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }

    /// <summary>Collects the app's log lines: "Category[EventId]: message" plus the exception's message.</summary>
    public sealed class LogSink : ILoggerProvider
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToList();
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private void Add(string line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Add($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}
