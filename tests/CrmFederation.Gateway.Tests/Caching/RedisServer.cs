using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// A private <c>redis-server</c> process for one test fixture: a free loopback port, a random
/// password, no persistence, its own temporary directory. It never uses a system service. Without
/// <c>redis-server</c> on the PATH it fails loudly (never skips), so a CI run cannot pass by not testing.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>Only guards against a hang when the server never comes up.</summary>
    private static readonly TimeSpan StartGuard = TimeSpan.FromSeconds(15);

    private readonly string _executable;
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private ConnectionMultiplexer? _admin;

    private RedisServer(string executable, int port, string password, string directory)
    {
        _executable = executable;
        Port = port;
        Password = password;
        _directory = directory;
    }

    public int Port { get; }

    public string Password { get; }

    /// <summary>The gateway's <c>Gateway:Cache:RedisConnectionString</c> for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},password={Password}";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException(
                "redis-server was not found on PATH. The Redis cache tests fail rather than skip" +
                (Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true)" : "") +
                ". Install it: apt-get update && apt-get install -y redis-server (scripts/test.sh does this).");

        // A free port can be taken between probing and binding; another port is tried then.
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer(executable, FreePort(), RandomSecret(), Directory.CreateTempSubdirectory("crmfed-redis-").FullName);
            try
            {
                await server.LaunchAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Kills the process (SIGKILL, as a crash would), keeping port and password for <see cref="RestartAsync"/>.</summary>
    public async Task KillAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
            _admin = null;
        }

        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Starts the server again on the same port with the same password, empty.</summary>
    public Task RestartAsync() => LaunchAsync();

    /// <summary>A connection of the test's own (admin commands allowed) to read what the gateway wrote.</summary>
    public async Task<IServer> ServerAsync() => (await AdminAsync()).GetServer("127.0.0.1", Port);

    public async Task<IDatabase> DatabaseAsync() => (await AdminAsync()).GetDatabase();

    /// <summary>Deletes every key, so a test starts from an empty shared cache.</summary>
    public async Task FlushAsync() => await (await ServerAsync()).FlushAllDatabasesAsync();

    /// <summary>Every key the server holds.</summary>
    public async Task<IReadOnlyList<RedisKey>> KeysAsync()
    {
        var keys = new List<RedisKey>();
        await foreach (var key in (await ServerAsync()).KeysAsync(pattern: "*", pageSize: 1000))
        {
            keys.Add(key);
        }

        return keys;
    }

    /// <summary>How often the server has run <paramref name="command"/> (lower case, e.g. "hmget") since it started.</summary>
    public async Task<long> CommandCallsAsync(string command)
    {
        var stats = (await (await ServerAsync()).InfoAsync("commandstats")).SelectMany(section => section);
        var line = stats.FirstOrDefault(entry => entry.Key == "cmdstat_" + command).Value;

        // "calls=12,usec=34,…"; absent until the command first runs.
        return line is null ? 0 : long.Parse(line.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Everything stored under <paramref name="key"/> as raw bytes, whatever its Redis type.</summary>
    public async Task<IReadOnlyList<byte[]>> RawValuesAsync(RedisKey key)
    {
        var database = await DatabaseAsync();
        var type = await database.KeyTypeAsync(key);
        return type switch
        {
            RedisType.String => [(byte[])(await database.StringGetAsync(key))!],
            RedisType.Hash => (await database.HashGetAllAsync(key)).SelectMany(entry => new[] { (byte[])entry.Name!, (byte[])entry.Value! }).ToList(),
            RedisType.None => [],
            _ => throw new InvalidOperationException($"Unexpected Redis type {type} at {key}."),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover empty temp directory is harmless.
        }
    }

    public override string ToString()
    {
        lock (_output)
        {
            return $"redis-server on 127.0.0.1:{Port}; its output:\n{_output}";
        }
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--requirepass", Password,
            "--dir", _directory,
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
            "--logfile", "",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {process.ExitCode}. {this}");
            }

            if (await TryPingAsync())
            {
                return;
            }

            if (deadline.Elapsed > StartGuard)
            {
                throw new InvalidOperationException($"redis-server did not answer PING within {StartGuard}. {this}");
            }

            await Task.Delay(20);
        }
    }

    private async Task<bool> TryPingAsync()
    {
        try
        {
            await (await DatabaseAsync()).PingAsync();
            return true;
        }
        catch (RedisException)
        {
            if (_admin is not null)
            {
                await _admin.DisposeAsync();
                _admin = null;
            }

            return false;
        }
    }

    private async Task<ConnectionMultiplexer> AdminAsync()
    {
        if (_admin is { IsConnected: true })
        {
            return _admin;
        }

        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        var options = ConfigurationOptions.Parse(ConnectionString);
        options.AllowAdmin = true;
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 0;
        options.ConnectTimeout = 1000;
        _admin = await ConnectionMultiplexer.ConnectAsync(options);
        return _admin;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string RandomSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
