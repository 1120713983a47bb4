using System.Text;
using System.Text.Json;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Maps JSON paths (<c>$.types.Customer.fields.billing</c>) to line numbers, so that meaning-level
/// errors found after deserialization can still point at a line of the file.
/// </summary>
public sealed class JsonLineIndex
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineIndex()
    {
    }

    /// <summary>The index of a file that does not exist.</summary>
    public static JsonLineIndex Empty { get; } = new();

    public static JsonLineIndex Build(ReadOnlySpan<byte> utf8Json)
    {
        var index = new JsonLineIndex();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string> { "$" };
        var containers = new Stack<JsonTokenType>();
        var elements = new Stack<int>();
        var line = 1;
        var scanned = 0;
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                line += utf8Json[scanned..start].Count((byte)'\n');
                scanned = start;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        path.Add(reader.GetString()!);
                        index._lines.TryAdd(Join(path), line);
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        index.StartValue(path, containers, elements, line);
                        containers.Push(reader.TokenType);
                        if (reader.TokenType == JsonTokenType.StartArray)
                        {
                            elements.Push(0);
                        }

                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        if (containers.Pop() == JsonTokenType.StartArray)
                        {
                            elements.Pop();
                        }

                        EndValue(path, containers);
                        break;
                    default:
                        index.StartValue(path, containers, elements, line);
                        EndValue(path, containers);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Syntax errors are reported by the deserializer with their own line; the index keeps what it has.
        }

        return index;
    }

    public int? LineOf(string jsonPath)
    {
        for (var candidate = jsonPath; candidate.Length > 0; candidate = Parent(candidate))
        {
            if (_lines.TryGetValue(candidate, out var line))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>An array element is named by its index (<c>$.a.b[1]</c>) and indexed at the line it starts on.</summary>
    private void StartValue(List<string> path, Stack<JsonTokenType> containers, Stack<int> elements, int line)
    {
        if (containers.Count > 0 && containers.Peek() == JsonTokenType.StartArray)
        {
            var element = elements.Pop();
            elements.Push(element + 1);
            path.Add($"[{element}]");
            _lines.TryAdd(Join(path), line);
        }
    }

    private static void EndValue(List<string> path, Stack<JsonTokenType> containers)
    {
        // A value closes the property or array element that named it.
        if (path.Count > 1 && containers.Count > 0)
        {
            path.RemoveAt(path.Count - 1);
        }
    }

    private static string Join(List<string> path)
    {
        var builder = new StringBuilder("$");
        for (var i = 1; i < path.Count; i++)
        {
            if (path[i][0] != '[')
            {
                builder.Append('.');
            }

            builder.Append(path[i]);
        }

        return builder.ToString();
    }

    private static string Parent(string jsonPath)
    {
        // An element not indexed (past a syntax error): "$.a.b[1]" falls back to the line of "$.a.b".
        if (jsonPath.EndsWith(']') && jsonPath.LastIndexOf('[') is > 0 and var bracket)
        {
            return jsonPath[..bracket];
        }

        var dot = jsonPath.LastIndexOf('.');
        return dot <= 0 ? "" : jsonPath[..dot];
    }
}
