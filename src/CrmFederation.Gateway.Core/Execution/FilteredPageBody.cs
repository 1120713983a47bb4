using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The body of a page the gateway filtered itself, in the source's shape so that the connection's own
/// bindings read it: the allowed rows, the gateway's cursor, and the count of allowed rows. Nothing else
/// of the source's bodies is carried over, so no other total or summary of unfiltered rows can show.
/// </summary>
public static class FilteredPageBody
{
    public static JsonElement Write(PageRows rows, IReadOnlyList<JsonElement> found, string? next, int? count, RequestScope scope)
    {
        var body = new JsonObject();
        Set(body, rows.Items, new JsonArray([.. found.Select(NodeOf)]));
        Set(body, rows.Cursor, next is null ? null : JsonValue.Create(next));
        if (rows.HasNext is { } hasNext)
        {
            Set(body, hasNext, JsonValue.Create(next is not null));
        }

        if (rows.Total is { } total && count is { } allowed)
        {
            Set(body, total, JsonValue.Create(allowed));
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body.WriteTo(writer);
        }

        var document = JsonDocument.Parse(buffer.WrittenMemory);
        scope.Own(document);
        return document.RootElement;
    }

    /// <summary>The row as a node that writes the source's own JSON; nothing is copied.</summary>
    private static JsonNode? NodeOf(JsonElement row) => row.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(row),
        JsonValueKind.Array => JsonArray.Create(row),
        _ => JsonValue.Create(row),
    };

    private static void Set(JsonObject body, JsonPath path, JsonNode? value)
    {
        var names = path.Text.Split('.');
        var parent = body;
        foreach (var name in names[..^1])
        {
            if (parent[name] is not JsonObject child)
            {
                child = new JsonObject();
                parent[name] = child;
            }

            parent = child;
        }

        parent[names[^1]] = value;
    }
}
