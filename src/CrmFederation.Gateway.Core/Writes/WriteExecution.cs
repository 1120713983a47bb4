using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Resilience;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Writes;

/// <summary>
/// One run of a mutation's writes. First everything that can be known without writing: the caller's
/// write scopes and the values' rules for every field, the object and the items to change (fresh from
/// the sources). Any problem there and nothing is sent, every field saying why. Then one write per
/// owning source, in parallel; each source's answer decides its own fields, so a refusal by one leaves
/// the other's change standing, and the outcome lists every field that was not applied. The cache
/// entries of whatever may have changed are evicted on every instance.
/// </summary>
public sealed class WriteExecution(CompiledMutation mutation, RequestScope scope, ClaimsPrincipal? caller, SourceItemCache? cache, WriteAudit audit)
{
    private const int MaxMessageLength = 300;

    public async Task<WriteOutcome> RunAsync(string key, IDictionary<string, object?> input, CancellationToken cancellationToken)
    {
        var requested = mutation.Fields.Values.Where(f => input.ContainsKey(f.InputName)).ToList();
        var errors = new List<WriteError>();
        foreach (var field in requested)
        {
            Check(field, input[field.InputName], errors);
        }

        if (errors.Count > 0)
        {
            return Done(key, requested, errors, NotSent(requested, errors, "another field of this mutation was refused"));
        }

        using var reads = scope.Detached();
        var found = await FindItemsAsync(key, requested, reads, errors);
        if (found is null)
        {
            return Done(key, requested, errors, NotSent(requested, errors, "the items to change could not be read"));
        }

        var writes = found.Targets.Select(target => SendAsync(target.Key, target.Value, requested.Where(f => f.Target == target.Key).ToList(), input, cancellationToken));
        var results = await Task.WhenAll(writes);
        foreach (var result in results)
        {
            errors.AddRange(result.Errors);
        }

        await EvictAsync(found.Root, results.Where(r => r.MayHaveChanged));
        return Done(key, requested, errors, []);
    }

    private void Check(WritableField field, object? value, List<WriteError> errors)
    {
        if (caller?.HasScope(field.Scope) != true)
        {
            errors.Add(new WriteError(field.InputName, field.Target.Source, WriteErrorCode.Forbidden, $"Writing '{field.InputName}' needs the scope '{field.Scope}'."));
            return;
        }

        if (Problem(field.InputName, field, value) is { } problem)
        {
            errors.Add(new WriteError(problem.Path, field.Target.Source, WriteErrorCode.InvalidValue, problem.Message));
        }
    }

    private static (string Path, string Message)? Problem(string path, WritableField field, object? value)
    {
        switch (value)
        {
            case null:
                return field.Rules.Nullable ? null : (path, $"'{path}' cannot be cleared.");
            case IDictionary<string, object?> inputObject:
                return field.Children
                    .Where(child => inputObject.ContainsKey(child.InputName))
                    .Select(child => Problem($"{path}.{child.InputName}", child, inputObject[child.InputName]))
                    .FirstOrDefault(p => p is not null);
            case string text when field.ToSource is null:
                return field.Rules.Problem(path, text) is { } message ? (path, message) : null;
            default:
                return null;
        }
    }

    /// <summary>The object (fresh), and for each target the key of the item to change; null when one cannot be found, with errors saying why.</summary>
    private async Task<FoundItems?> FindItemsAsync(string key, List<WritableField> requested, RequestScope reads, List<WriteError> errors)
    {
        var read = mutation.Read;
        Entity root;
        try
        {
            var items = read.SendableKey(key) is { } sendable ? await reads.PlanFor(read, null).Loader.Load(sendable).GetResultAsync() : [];
            if (items.Count == 0 || (reads.RowsFor(read.Result) is { } rows && !rows.Allows(items[0])))
            {
                errors.Add(new WriteError(mutation.KeyArgument, read.Endpoint.Source.Name, WriteErrorCode.NotFound, $"No {read.Result.TypeName} has this {mutation.KeyArgument}."));
                return null;
            }

            root = new Entity(items[0], read.Result);
        }
        catch (SourceException failure)
        {
            errors.AddRange(requested.Select(f => new WriteError(f.InputName, failure.Source, failure.Code, $"{SourceErrorCode.Describe(failure.Code, failure.Source)} Nothing was sent.")));
            return null;
        }

        var targets = new Dictionary<WriteTarget, string>();
        foreach (var target in requested.Select(f => f.Target).Distinct())
        {
            try
            {
                var item = target.Via is null ? root.Json : await ViaItemAsync(target.Via, root, reads);
                if (item is { } found && target.Endpoint.Key.ResolveKey(found) is { } itemKey)
                {
                    targets[target] = itemKey;
                    continue;
                }

                errors.AddRange(requested.Where(f => f.Target == target).Select(f => new WriteError(f.InputName, target.Source, WriteErrorCode.NotFound,
                    $"This {read.Result.TypeName} has nothing in source '{target.Source}' to write '{f.InputName}' to.")));
            }
            catch (SourceException failure)
            {
                errors.AddRange(requested.Where(f => f.Target == target).Select(f => new WriteError(f.InputName, failure.Source, failure.Code,
                    $"{SourceErrorCode.Describe(failure.Code, failure.Source)} Nothing was sent.")));
            }
        }

        return errors.Count > 0 ? null : new FoundItems(root.Json, targets);
    }

    private static async Task<JsonElement?> ViaItemAsync(FetchFieldBinding via, Entity root, RequestScope reads) =>
        via.LoadFor(root, reads) is { } load && await load.GetResultAsync() is [var item, ..] ? item : null;

    private async Task<TargetResult> SendAsync(WriteTarget target, string itemKey, List<WritableField> fields, IDictionary<string, object?> input, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        foreach (var field in fields)
        {
            Set(body, field.SourcePath, ToSource(field, input[field.InputName]));
        }

        try
        {
            using var answer = await scope.ClientFor(target.Endpoint.Updates).WriteAsync(target.Endpoint, itemKey, JsonSerializer.SerializeToUtf8Bytes(body), cancellationToken);
            return answer.Applied
                ? new TargetResult(target, itemKey, true, [])
                : new TargetResult(target, itemKey, false, Refused(target, fields, answer));
        }
        catch (SourceException failure)
        {
            var unknown = WriteSafety.MayHaveApplied(failure);
            var message = unknown
                ? $"Sent to source '{target.Source}', which did not answer whether it applied it: {SourceErrorCode.Describe(failure.Code, target.Source)}"
                : $"{SourceErrorCode.Describe(failure.Code, target.Source)} Not applied.";
            var code = unknown ? WriteErrorCode.OutcomeUnknown : failure.Code;
            return new TargetResult(target, itemKey, unknown, fields.ConvertAll(f => new WriteError(f.InputName, target.Source, code, message)));
        }
    }

    /// <summary>The source refused the write: the field it names (mapped back to the input) is rejected with its message; the write's other fields were not applied.</summary>
    private List<WriteError> Refused(WriteTarget target, List<WritableField> fields, WriteAnswer answer)
    {
        var root = answer.Body?.RootElement;
        var sourceField = root is { } body ? target.Endpoint.RejectedField?.ResolveKey(body) : null;
        var sourceMessage = root is { } text ? target.Endpoint.RejectionMessage?.ResolveKey(text) : null;
        var named = sourceField is null ? null : mutation.InputPathOf(target, sourceField);
        var why = sourceMessage is null ? $"Source '{target.Source}' refused the value (HTTP {answer.Status})." : $"Source '{target.Source}' refused the value: {Shortened(sourceMessage)}";
        return fields.ConvertAll(field => named is null || named == field.InputName || named.StartsWith(field.InputName + ".", StringComparison.Ordinal)
            ? new WriteError(named ?? field.InputName, target.Source, WriteErrorCode.Rejected, why)
            : new WriteError(field.InputName, target.Source, WriteErrorCode.NotApplied, $"Not applied: source '{target.Source}' refused '{named}', sent in the same write."));
    }

    private async Task EvictAsync(JsonElement root, IEnumerable<TargetResult> changed)
    {
        if (cache is null)
        {
            return;
        }

        var tags = changed.SelectMany(result => CacheTags.ChangedKey(result.Target.Endpoint.Source, result.ItemKey)).ToList();
        if (tags.Count > 0 && mutation.Read.Result.CacheTag?.For(root) is { } objectTag)
        {
            tags.Add(objectTag);
        }

        foreach (var tag in tags.Distinct(StringComparer.Ordinal))
        {
            await cache.RemoveByTagAsync(tag);
        }
    }

    private WriteOutcome Done(string key, List<WritableField> requested, List<WriteError> errors, IEnumerable<WriteError> notSent)
    {
        var outcome = new WriteOutcome([.. errors, .. notSent]);
        audit.Write(caller, mutation.Name, key, requested.ConvertAll(f => f.InputName), outcome.Errors.Select(e => e.Field.Split('.')[0]).Distinct().ToList());
        return outcome;
    }

    /// <summary>The requested fields that have no error of their own, each saying it was not sent.</summary>
    private static IEnumerable<WriteError> NotSent(List<WritableField> requested, List<WriteError> errors, string why) =>
        requested.Where(f => !errors.Any(e => e.Field == f.InputName || e.Field.StartsWith(f.InputName + ".", StringComparison.Ordinal)))
            .Select(f => new WriteError(f.InputName, f.Target.Source, WriteErrorCode.NotApplied, $"Not applied: nothing was sent, because {why}."));

    private static JsonNode? ToSource(WritableField field, object? value) => value switch
    {
        null => null,
        IDictionary<string, object?> inputObject => new JsonObject(field.Children
            .Where(child => inputObject.ContainsKey(child.InputName))
            .Select(child => KeyValuePair.Create(child.SourcePath, ToSource(child, inputObject[child.InputName])))),
        _ when field.ToSource is { } map => JsonValue.Create(map[value.ToString()!]),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>Puts <paramref name="value"/> at the dotted <paramref name="path"/>, making the objects on the way.</summary>
    private static void Set(JsonObject body, string path, JsonNode? value)
    {
        var segments = path.Split('.');
        var parent = body;
        foreach (var segment in segments[..^1])
        {
            if (parent[segment] is not JsonObject next)
            {
                next = new JsonObject();
                parent[segment] = next;
            }

            parent = next;
        }

        parent[segments[^1]] = value;
    }

    private static string Shortened(string message) => message.Length <= MaxMessageLength ? message : message[..MaxMessageLength] + "…";

    private sealed record FoundItems(JsonElement Root, Dictionary<WriteTarget, string> Targets);

    private sealed record TargetResult(WriteTarget Target, string ItemKey, bool MayHaveChanged, List<WriteError> Errors);
}
