using System.Text.Json;
using CrmFederation.Gateway.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// The config versions the gateway ran, newest last, one file each under <c>config-history/</c> in the state
/// directory, so they survive a restart; bounded to <see cref="AdministrationOptions.HistoryVersions"/>.
/// A state directory that cannot be written keeps the history in memory, with a warning.
/// </summary>
public sealed partial class ConfigHistory
{
    public const string FolderName = "config-history";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _lock = new();
    private readonly List<ConfigHistoryEntry> _entries = [];
    private readonly StateDirectory _state;
    private readonly int _capacity;
    private readonly ILogger _logger;

    public ConfigHistory(StateDirectory state, IOptions<AdministrationOptions> options, ILogger<ConfigHistory> logger)
    {
        _state = state;
        _capacity = Math.Max(1, options.Value.HistoryVersions);
        _logger = logger;
        _entries.AddRange(Load());
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ConfigHistoryEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. Enumerable.Reverse(_entries)];
            }
        }
    }

    public ConfigHistoryEntry? Newest
    {
        get
        {
            lock (_lock)
            {
                return _entries.LastOrDefault();
            }
        }
    }

    /// <summary>The newest entry of <paramref name="version"/>.</summary>
    public ConfigHistoryEntry? Find(string version)
    {
        lock (_lock)
        {
            return _entries.LastOrDefault(e => e.Version == version);
        }
    }

    /// <summary>Adds the version now running; the entry's sequence is assigned here.</summary>
    public ConfigHistoryEntry Add(string version, ConfigFileSet files, string appliedBy, string trigger, bool forced, string? reason, ConfigChangeSummary changes, DateTimeOffset at)
    {
        lock (_lock)
        {
            var entry = new ConfigHistoryEntry(
                (_entries.LastOrDefault()?.Sequence ?? 0) + 1, version, _entries.LastOrDefault()?.Version, at, appliedBy, trigger, forced, reason, changes,
                [.. files.Files.Select(f => new ConfigFileEdit(f.Path, f.Text))]);
            _entries.Add(entry);
            Save(entry);
            while (_entries.Count > _capacity)
            {
                Forget(_entries[0]);
                _entries.RemoveAt(0);
            }

            return entry;
        }
    }

    private IEnumerable<ConfigHistoryEntry> Load()
    {
        try
        {
            var folder = _state.Folder(FolderName);
            var entries = new List<ConfigHistoryEntry>();
            foreach (var file in Directory.GetFiles(folder, "*.json"))
            {
                try
                {
                    entries.Add(JsonSerializer.Deserialize<ConfigHistoryEntry>(File.ReadAllBytes(file), Json)
                        ?? throw new JsonException("The file holds null."));
                }
                catch (JsonException ex)
                {
                    LogUnreadableEntry(_logger, file, ex.Message);
                }
            }

            return entries.OrderBy(e => e.Sequence).TakeLast(_capacity);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnavailable(_logger, "read", _state.Path, ex.Message);
            return [];
        }
    }

    private void Save(ConfigHistoryEntry entry)
    {
        try
        {
            StateDirectory.WriteAtomically(PathOf(entry), JsonSerializer.SerializeToUtf8Bytes(entry, Json));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnavailable(_logger, "written", _state.Path, ex.Message);
        }
    }

    private void Forget(ConfigHistoryEntry entry)
    {
        try
        {
            File.Delete(PathOf(entry));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnavailable(_logger, "pruned", _state.Path, ex.Message);
        }
    }

    private string PathOf(ConfigHistoryEntry entry) => Path.Combine(_state.Folder(FolderName), $"{entry.Sequence:D8}-{entry.Version}.json");

    [LoggerMessage(1, LogLevel.Warning, "The config history could not be {Action} in the state directory {Directory} ({Reason}); it is kept in memory. Set Gateway:StateDirectory to a writable folder.")]
    private static partial void LogUnavailable(ILogger logger, string action, string directory, string reason);

    [LoggerMessage(2, LogLevel.Warning, "The config history entry {File} cannot be read and is left out: {Reason}")]
    private static partial void LogUnreadableEntry(ILogger logger, string file, string reason);
}
